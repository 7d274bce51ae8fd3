package org.neuronworkbench.ui.simplify;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.ArrayList;
import java.util.List;
import org.neuronworkbench.analysis.ContextPruning;
import org.neuronworkbench.analysis.Simplification;
import org.neuronworkbench.analysis.SimplificationJson;
import org.neuronworkbench.analysis.TargetPosition;
import org.neuronworkbench.analysis.TokenSequence;
import org.neuronworkbench.export.HighlightedSentence;
import org.neuronworkbench.export.SvgExporter;
import org.neuronworkbench.export.SvgOptions;
import org.neuronworkbench.export.TokenActivation;
import org.neuronworkbench.model.MlpNeuron;
import org.neuronworkbench.model.ModelRunner;
import org.neuronworkbench.model.Token;
import org.neuronworkbench.model.TokenizedText;
import org.neuronworkbench.model.TokensAsShown;
import org.neuronworkbench.work.Cancel;
import org.neuronworkbench.work.Progress;
import org.neuronworkbench.export.ColourScale;
import org.neuronworkbench.ui.common.TokenStrip;
import org.neuronworkbench.ui.common.CausalInput;

/**
 * The simplification replay's view model (no JavaFX): one simplification run and what the pane
 * shows of it, step by step, plus its SVG and JSON exports. {@link #run} and {@link #prune} do
 * model work and belong on the model thread.
 */
public final class SimplifyViewModel {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final TokenSequence input;
    /** The input text (or the ids written out) with one span per input token, for tokens as shown. */
    private final String source;
    private final List<Token> sourceTokens;
    /** Per step, the input index of each remaining token. */
    private final List<int[]> origins = new ArrayList<>();
    private final TargetPosition position;
    private final Simplification.Result result;
    private final double scale;

    private SimplifyViewModel(TokenSequence input, String source, List<Token> sourceTokens, TargetPosition position,
                   Simplification.Result result) {
        this.input = input;
        this.source = source;
        this.sourceTokens = List.copyOf(sourceTokens);
        this.position = position;
        this.result = result;
        int[] at = new int[input.length()];
        for (int i = 0; i < at.length; i++) {
            at[i] = i;
        }
        for (Simplification.Step s : result.steps()) {
            if (s.removed() != null) {
                int[] next = new int[at.length - 1];
                System.arraycopy(at, 0, next, 0, s.removedIndex());
                System.arraycopy(at, s.removedIndex() + 1, next, s.removedIndex(), next.length - s.removedIndex());
                at = next;
            }
            origins.add(at);
        }
        // One scale for all steps (so they compare), by the shared rule: the largest activation shown.
        double m = Double.NaN;
        for (Simplification.Step s : result.steps()) {
            for (float v : s.activations()) {
                m = Double.isNaN(m) ? v : Math.max(m, v);
            }
        }
        this.scale = ColourScale.of(Double.NaN, m).full();
    }

    /** Checks the input and simplifies (model thread). */
    public static SimplifyViewModel run(ModelRunner runner, String text, String neuron, String position) {
        return run(runner, text, neuron, position, Progress.NONE, Cancel.NEVER);
    }

    /** As {@link #run(ModelRunner, String, String, String)}, with progress per removed token and cancel. */
    public static SimplifyViewModel run(ModelRunner runner, String text, String neuron, String position, Progress progress,
                             Cancel cancel) {
        CausalInput.require(runner);
        MlpNeuron n = CausalInput.neuron(runner, neuron);
        TargetPosition p = CausalInput.position(position);
        TokenSequence seq = CausalInput.sequence(runner, text);
        String source;
        List<Token> tokens;
        if (runner.hasTokenizer()) {
            // CausalInput.sequence tokenized the stripped text; the same call gives the spans.
            TokenizedText t = runner.tokenize(text.strip());
            source = t.text();
            tokens = t.tokens();
        } else {
            // Ids have no text: write them out, one space apart, so they are shown as written.
            StringBuilder sb = new StringBuilder();
            tokens = new ArrayList<>();
            for (int i = 0; i < seq.length(); i++) {
                sb.append(i == 0 ? "" : " ");
                String shown = seq.texts().get(i);
                tokens.add(new Token(i, shown, seq.ids()[i], sb.length(), sb.length() + shown.length(), false));
                sb.append(shown);
            }
            source = sb.toString();
        }
        Simplification.Result r = new Simplification(runner).run(new Simplification.Request(seq, n, p), progress, cancel);
        return new SimplifyViewModel(seq, source, tokens, p, r);
    }

    /** The shortest context ending at the target keeping {@code keepPercent}% of the activation (model thread). */
    public ContextPruning.Result prune(ModelRunner runner, double keepPercent) {
        return new ContextPruning(runner).run(new ContextPruning.Request(input, result.neuron(), position, keepPercent / 100.0));
    }

    public Simplification.Result result() {
        return result;
    }

    public MlpNeuron neuron() {
        return result.neuron();
    }

    public int steps() {
        return result.steps().size();
    }

    public Simplification.Step step(int k) {
        return result.steps().get(k);
    }

    /** |activation| drawn at full colour: the largest over all steps, so colours compare across steps. */
    public double scale() {
        return scale;
    }

    /** One line about step k: what was removed and the target's activation. */
    public String caption(int k) {
        Simplification.Step s = step(k);
        String what = s.removed() == null ? "original text" : "removed '" + s.removed().strip() + "'";
        return String.format("Step %d of %d · %s · %d tokens · %s at '%s' = %.4f", k, steps() - 1, what,
                s.tokens().size(), neuron(), s.tokens().get(s.target()).strip(), s.targetActivation());
    }

    /** Step k's tokens {@link TokensAsShown as shown}: each with the whitespace before it in the input text. */
    public List<String> shown(int k) {
        List<Token> kept = new ArrayList<>();
        for (int i : origins.get(k)) {
            kept.add(sourceTokens.get(i));
        }
        return TokensAsShown.of(source, kept);
    }

    /** Step k as a highlighted sentence, its tokens as shown so exports read as the text. */
    public HighlightedSentence sentence(int k) {
        Simplification.Step s = step(k);
        List<String> shown = shown(k);
        List<TokenActivation> out = new ArrayList<>();
        for (int i = 0; i < shown.size(); i++) {
            out.add(new TokenActivation(shown.get(i), s.activations()[i]));
        }
        return new HighlightedSentence(out);
    }

    /** Step k as a line of text for the hypothesis editor: its text tokens as shown, joined. */
    public String line(int k) {
        List<String> shown = shown(k);
        StringBuilder sb = new StringBuilder();
        int[] at = origins.get(k);
        for (int i = 0; i < shown.size(); i++) {
            if (!input.special()[at[i]]) {
                sb.append(shown.get(i));
            }
        }
        return sb.toString().strip();
    }

    public List<HighlightedSentence> sentences() {
        List<HighlightedSentence> out = new ArrayList<>();
        for (int k = 0; k < steps(); k++) {
            out.add(sentence(k));
        }
        return out;
    }

    /** All steps stacked, one sentence per step, on one colour scale. */
    public String svg() {
        return SvgExporter.toSvg(sentences(), SvgOptions.defaults().withScale(scale));
    }

    /** The same shape as {@code simplify --json}. */
    public String json() {
        try {
            return JSON.writeValueAsString(SimplificationJson.of(result, null));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Where the target sits in a pruned context: special tokens after it stay, so count back over them. */
    public int prunedTarget(ContextPruning.Result p) {
        int after = 0;
        for (int i = p.target() + 1; i < input.length(); i++) {
            after += input.special()[i] ? 1 : 0;
        }
        return p.tokens().size() - 1 - after;
    }

    /** The simplest step (the last) as a line for the hypothesis editor. */
    public String simplestLine() {
        return line(steps() - 1);
    }
}
