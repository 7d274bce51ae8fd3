package org.neuronworkbench.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.neuronworkbench.export.ExportFormat;
import org.neuronworkbench.export.FxPlatform;
import org.neuronworkbench.export.HighlightedSentence;
import org.neuronworkbench.export.SvgOptions;
import org.neuronworkbench.export.TokenActivation;
import org.neuronworkbench.export.TokenFilter;
import org.neuronworkbench.model.MlpNeuron;
import org.neuronworkbench.model.ModelRunner;
import org.neuronworkbench.model.NeuronValues;
import org.neuronworkbench.model.Token;
import org.neuronworkbench.model.TokenizedText;
import org.neuronworkbench.model.TokensAsShown;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code export-svg}: colour texts by one neuron and write an SVG (or HTML, PNG, CSV) file. */
@Command(name = "export-svg", mixinStandardHelpOptions = true,
        description = {"Colour each token of the texts by one MLP neuron (blue positive, red negative) and write a file.",
            "PNG starts the JavaFX toolkit and so needs a display; on a server use xvfb-run."})
public final class ExportSvgCommand implements Callable<Integer> {
    @Mixin
    ModelOption model;

    @Mixin
    NeuronOption target;

    @Option(names = "--text", required = true, description = "A sentence (repeatable; one row each).")
    List<String> texts = new ArrayList<>();

    @Option(names = "--darken", defaultValue = "2", description = "Colour layers stacked, 1..100 (default ${DEFAULT-VALUE}).")
    int darken;

    @Option(names = "--rtl", description = "Lay tokens out right to left.")
    boolean rtl;

    @Option(names = "--char-limit", defaultValue = "60", description = "Characters per line (default ${DEFAULT-VALUE}).")
    int charLimit;

    @Option(names = "--font-size", defaultValue = "20", description = "Font size in px (default ${DEFAULT-VALUE}).")
    double fontSize;

    @Option(names = "--filter", defaultValue = "none", paramLabel = "none|top_tokens",
            description = "Colour only the top tokens of each sentence (> 80%% of its maximum).")
    String filter;

    @Option(names = "--format", paramLabel = "svg|html|png|csv",
            description = "Output format; default: from the -o extension, else svg.")
    String format;

    @Option(names = {"-o", "--output"}, required = true, description = "File to write (replaced).")
    Path output;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        ExportFormat f = format(); // check cheap options before loading the model
        SvgOptions options = SvgOptions.defaults().withDarken(darken).withRtl(rtl).withCharLimit(charLimit)
                .withFontSize(fontSize).withFilter(filter());
        List<HighlightedSentence> sentences;
        MlpNeuron n;
        try (ModelRunner runner = model.load()) {
            n = target.in(runner.config());
            sentences = activations(runner, n);
        }
        if (f == ExportFormat.PNG) {
            FxPlatform.ensureStarted();
        }
        f.write(sentences, options, output);
        int tokens = sentences.stream().mapToInt(s -> s.tokens().size()).sum();
        spec.commandLine().getOut().printf("Wrote %s: %d texts, %d tokens, neuron L%dN%d.%n",
                TerminalText.safe(output.toString()), sentences.size(), tokens, n.layer(), n.index());
        spec.commandLine().getOut().flush();
        return 0;
    }

    private List<HighlightedSentence> activations(ModelRunner runner, MlpNeuron n) {
        List<TokenizedText> tokenized = runner.tokenize(texts);
        for (TokenizedText t : tokenized) {
            if (t.truncated()) {
                spec.commandLine().getErr().println("warning: a text has more tokens than the model's "
                        + runner.config().maxPositions() + " positions; it was truncated.");
            }
        }
        NeuronValues run = NeuronValues.of(runner, tokenized, List.of(n));
        List<HighlightedSentence> out = new ArrayList<>();
        for (int s = 0; s < tokenized.size(); s++) {
            out.add(sentence(tokenized.get(s), run.perText().get(s).get(n)));
        }
        return out;
    }

    /** Non-special tokens, each {@link TokensAsShown as shown} (so rows read like the text). */
    static HighlightedSentence sentence(TokenizedText t, float[] values) {
        List<Token> content = t.tokens().stream().filter(tok -> !tok.special()).toList();
        List<String> shown = TokensAsShown.of(t.text(), content);
        List<TokenActivation> tokens = new ArrayList<>();
        for (int i = 0; i < content.size(); i++) {
            tokens.add(new TokenActivation(shown.get(i), values[content.get(i).index()]));
        }
        return new HighlightedSentence(tokens);
    }

    private ExportFormat format() {
        if (format != null) {
            return ExportFormat.fromName(format);
        }
        String name = output.getFileName().toString();
        int dot = name.lastIndexOf('.');
        try {
            return dot < 0 ? ExportFormat.SVG : ExportFormat.fromName(name.substring(dot));
        } catch (IllegalArgumentException unknownExtension) {
            return ExportFormat.SVG;
        }
    }

    private TokenFilter filter() {
        return switch (filter.strip().toLowerCase(Locale.ROOT)) {
            case "none" -> TokenFilter.NONE;
            case "top_tokens", "top-tokens" -> TokenFilter.TOP_TOKENS;
            default -> throw new IllegalArgumentException("Unknown --filter '" + filter + "'; expected none or top_tokens.");
        };
    }
}
