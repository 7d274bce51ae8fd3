package org.neuronworkbench.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.neuronworkbench.export.ColourScale;
import org.neuronworkbench.export.ExportFormat;
import org.neuronworkbench.export.FxPlatform;
import org.neuronworkbench.export.HighlightedSentence;
import org.neuronworkbench.export.SvgOptions;
import org.neuronworkbench.export.TokenActivation;
import org.neuronworkbench.export.TokenColours;
import org.neuronworkbench.export.TokenFilter;
import org.neuronworkbench.index.CorpusIndex;
import org.neuronworkbench.model.MlpNeuron;
import org.neuronworkbench.model.ModelConfig;
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
        description = {"Colour each token of the texts by one MLP neuron (blue positive; values <= 0 pale red) and write a file.",
            "Full colour is the neuron's maximum over --index when given (as in the app), else the largest activation"
                + " in the texts; with --pin, each text gets one row per neuron, each labelled and coloured on its own scale.",
            "PNG starts the JavaFX toolkit and so needs a display; on a server use xvfb-run."})
public final class ExportSvgCommand implements Callable<Integer> {
    @Mixin
    ModelOption model;

    @Mixin
    NeuronOption target;

    @Option(names = "--text", required = true, description = "A sentence (repeatable; one row each).")
    List<String> texts = new ArrayList<>();

    @Option(names = "--pin", paramLabel = "L:N", split = ",",
            description = "More neurons to draw, a row each under every text (repeatable).")
    List<String> pins = new ArrayList<>();

    @Option(names = "--index", paramLabel = "DIR",
            description = "An index of the same model: full colour is each neuron's maximum over its corpus, so a text"
                + " where the neuron barely fires stays pale (without it, the texts' own maximum is full colour).")
    Path indexDir;

    @Option(names = "--darken", defaultValue = "2", description = {
        "Colour layers stacked, 1..100 (default ${DEFAULT-VALUE}, as NeuroX): higher values make faint positive"
            + " activations darker (1 is linear), at the cost of contrast between strong ones; values <= 0 stay pale."})
    int darken;

    @Option(names = "--colors", defaultValue = "colorbrewer", paramLabel = "colorbrewer|neurox|NEG,POS",
            description = {"End colours for negative and positive values (NeuroX's colors option): colorbrewer"
                + " (#b2182b,#2166ac, default), neurox (#d35f5f,#00aad4), or two hex colours NEG,POS."})
    String colors;

    @Option(names = "--rtl", description = "Lay tokens out right to left.")
    boolean rtl;

    @Option(names = "--char-limit", defaultValue = "60", description = "Characters per line (default ${DEFAULT-VALUE}).")
    int charLimit;

    @Option(names = "--font-size", defaultValue = "20", description = "Font size in px (default ${DEFAULT-VALUE}).")
    double fontSize;

    @Option(names = "--filter", defaultValue = "none", paramLabel = "none|top_tokens",
            description = {"top_tokens (NeuroX's filter): colour only tokens whose |activation| is above 80%% of their row's"
                + " largest; the others are drawn white. The colour scale stays the same. Default: none (every token)."})
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
                .withFontSize(fontSize).withFilter(filter()).withColours(colours());
        List<MlpNeuron> pinned = pins.stream().map(MlpNeuron::parse).toList();
        List<HighlightedSentence> sentences;
        MlpNeuron n;
        List<ColourScale> scales;
        try (CorpusIndex index = indexDir == null ? null : CorpusIndex.open(indexDir);
             ModelRunner runner = model.load()) {
            if (index != null) {
                ModelConfig c = runner.config();
                index.requireModel(runner.source(), c.name(), c.layers(), c.dMlp());
            }
            n = target.in(runner.config());
            List<MlpNeuron> neurons = new ArrayList<>(List.of(n));
            for (MlpNeuron p : pinned) {
                p.checkedAgainst(runner.config());
                if (!neurons.contains(p)) {
                    neurons.add(p);
                }
            }
            scales = new ArrayList<>();
            sentences = activations(runner, neurons, index, scales);
        }
        if (f == ExportFormat.PNG) {
            FxPlatform.ensureStarted();
        }
        f.write(sentences, options, output);
        int rowsPerText = sentences.size() / texts.size();
        int tokens = sentences.stream().mapToInt(s -> s.tokens().size()).sum() / rowsPerText;
        spec.commandLine().getOut().printf("Wrote %s%s: %d text%s, %d tokens, neuron L%dN%d%s; full colour: %s.%n",
                TerminalText.safe(output.toString()), formatNotFromName(f), texts.size(), texts.size() == 1 ? "" : "s",
                tokens, n.layer(), n.index(),
                rowsPerText > 1 ? " and " + (rowsPerText - 1) + " pinned (a row each)" : "", describe(scales));
        spec.commandLine().getOut().flush();
        return 0;
    }

    /**
     * One row per text, or with pinned neurons one row per text and neuron, labelled. Each neuron is
     * on its own scale (ColourScale decides it, as in the app): its index maximum when an index is
     * given, else its largest activation over all texts. {@code scales} receives them in order.
     */
    private List<HighlightedSentence> activations(ModelRunner runner, List<MlpNeuron> neurons, CorpusIndex index,
                                                  List<ColourScale> scales) {
        List<TokenizedText> tokenized = runner.tokenize(texts);
        for (TokenizedText t : tokenized) {
            if (t.truncated()) {
                spec.commandLine().getErr().println("warning: a text has more tokens than the model's "
                        + runner.config().maxPositions() + " positions; it was truncated.");
            }
        }
        NeuronValues run = NeuronValues.of(runner, tokenized, neurons);
        for (MlpNeuron m : neurons) {
            List<HighlightedSentence> rows = new ArrayList<>();
            for (int s = 0; s < tokenized.size(); s++) {
                rows.add(sentence(tokenized.get(s), run.perText().get(s).get(m)));
            }
            double indexMax = index == null ? Double.NaN : index.stats(m.layer(), m.index()).max();
            scales.add(ColourScale.of(indexMax, ColourScale.maxActivation(rows)));
        }
        List<HighlightedSentence> out = new ArrayList<>();
        for (int s = 0; s < tokenized.size(); s++) {
            for (int i = 0; i < neurons.size(); i++) {
                MlpNeuron m = neurons.get(i);
                HighlightedSentence row = sentence(tokenized.get(s), run.perText().get(s).get(m));
                // One neuron without an index keeps the export's own scale (the same text maximum), unlabelled.
                out.add(neurons.size() == 1 && index == null ? row
                        : row.asRow(neurons.size() == 1 ? "" : m.toString(), scales.get(i)));
            }
        }
        return out;
    }

    /** The full-colour activation of each neuron and where it comes from, for the closing line. */
    private static String describe(List<ColourScale> scales) {
        List<String> parts = new ArrayList<>();
        for (ColourScale s : scales) {
            parts.add(String.format(Locale.ROOT, "%.4f (%s)", s.full(), switch (s.basis()) {
                case INDEX_MAX -> "index maximum";
                case TEXT_MAX -> "texts' maximum";
                case NOTHING_FIRES -> "nothing fires: all pale";
            }));
        }
        return String.join(", ", parts);
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
        ExportFormat named = formatOfFileName();
        return named == null ? ExportFormat.SVG : named;
    }

    /**
     * " as SVG" when neither --format nor the file name says the format: x.doc gets SVG, and the
     * closing line should not leave the user to guess.
     */
    private String formatNotFromName(ExportFormat f) {
        return format == null && formatOfFileName() == null ? " as " + f.name() : "";
    }

    /** The format the -o extension names, or null for none or one that is not an export format's. */
    private ExportFormat formatOfFileName() {
        String name = output.getFileName().toString();
        int dot = name.lastIndexOf('.');
        try {
            return dot < 0 ? null : ExportFormat.fromName(name.substring(dot));
        } catch (IllegalArgumentException unknownExtension) {
            return null;
        }
    }

    private TokenColours colours() {
        try {
            return TokenColours.parse(colors);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--colors: " + e.getMessage() + ".");
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
