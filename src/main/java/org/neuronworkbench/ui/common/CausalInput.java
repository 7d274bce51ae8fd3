package org.neuronworkbench.ui.common;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.neuronworkbench.analysis.DirectLogitAttribution;
import org.neuronworkbench.analysis.TargetPosition;
import org.neuronworkbench.analysis.TokenSequence;
import org.neuronworkbench.model.MlpNeuron;
import org.neuronworkbench.model.ModelRunner;

/**
 * What the causal panes read from their fields, checked against the model, with messages a
 * researcher can act on. Models without a tokenizer (the test fixtures) take token ids instead of
 * text, and every message says so. No JavaFX.
 */
public final class CausalInput {
    public static final String NO_MODEL = "No model loaded yet: choose one in the File menu (the embedded MiniLM loads by default).";
    /** Token ids to start from when a model has no tokenizer (any small vocabulary has them). */
    public static final String EXAMPLE_IDS = "5 63 22 87";
    public static final String NO_TOKENIZER = "This model has no tokenizer: type token ids separated by spaces"
            + " or commas (e.g. " + EXAMPLE_IDS + ") instead of text.";
    private static final Pattern SPECIAL = Pattern.compile("\\[[^\\]]+\\]|<\\|[^|]+\\|>");
    private static final Pattern IDS = Pattern.compile("\\s*#?\\d+(\\s*[,\\s]\\s*#?\\d+)*\\s*");

    private CausalInput() {
    }

    public static ModelRunner require(ModelRunner runner) {
        if (runner == null) {
            throw new IllegalArgumentException(NO_MODEL);
        }
        return runner;
    }

    /** Text through the tokenizer, or ids ("5 63 #22") for a model without one. */
    public static TokenSequence sequence(ModelRunner runner, String text) {
        String t = text == null ? "" : text.strip();
        if (t.isEmpty()) {
            throw new IllegalArgumentException(runner.hasTokenizer() ? "The text is empty: type a sentence to analyse."
                    : "The input is empty. " + NO_TOKENIZER);
        }
        if (runner.hasTokenizer()) {
            return TokenSequence.ofText(runner, t);
        }
        if (!IDS.matcher(t).matches()) {
            throw new IllegalArgumentException(NO_TOKENIZER);
        }
        List<Integer> ids = new ArrayList<>();
        for (String part : t.split("[,\\s]+")) {
            ids.add(Integer.parseInt(part.replace("#", "")));
        }
        return TokenSequence.ofIds(runner, ids.stream().mapToInt(Integer::intValue).toArray());
    }

    public static MlpNeuron neuron(ModelRunner runner, String text) {
        return MlpNeuron.parse(text).checkedAgainst(runner.config());
    }

    /** "L3N17, L3N200" (or 3:17 …), each checked against the model; at least one. */
    public static List<MlpNeuron> neurons(ModelRunner runner, String text) {
        List<MlpNeuron> out = new ArrayList<>();
        for (String part : (text == null ? "" : text).split("[,;]")) {
            if (!part.isBlank()) {
                MlpNeuron n = neuron(runner, part);
                if (!out.contains(n)) {
                    out.add(n);
                }
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("No neurons to ablate: type some, e.g. L3N17, L3N200, or add the pinned ones.");
        }
        return out;
    }

    public static TargetPosition position(String text) {
        return TargetPosition.parse(text == null || text.isBlank() ? "last" : text);
    }

    /** A word that is one token, or "#42" / "42" for a raw id (the only way without a tokenizer). */
    public static int tokenId(ModelRunner runner, String word) {
        String w = word == null ? "" : word;
        if (w.matches("#\\d+") || (!runner.hasTokenizer() && w.strip().matches("#?\\d+"))) {
            int id = Integer.parseInt(w.strip().replace("#", ""));
            if (id >= runner.config().vocabSize()) {
                throw new IllegalArgumentException("Token id " + id + " is outside the vocabulary (0.."
                        + (runner.config().vocabSize() - 1) + ").");
            }
            return id;
        }
        if (!runner.hasTokenizer()) {
            throw new IllegalArgumentException("This model has no tokenizer: give a token id such as #42.");
        }
        return DirectLogitAttribution.tokenId(runner, w);
    }

    public static double number(String name, String text, double min) {
        try {
            double v = Double.parseDouble(text.strip());
            if (!(v >= min) || Double.isInfinite(v)) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " '" + text + "' must be a number ≥ "
                    + (min == Math.rint(min) ? String.valueOf((long) min) : String.valueOf(min)) + ".");
        }
    }

    /**
     * Tokens back to a line for the hypothesis editor: special tokens dropped (by flag, or without
     * flags by their bracketed look), words spaced.
     */
    public static String line(List<String> tokens, boolean[] special) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < tokens.size(); i++) {
            if (special != null ? special[i] : SPECIAL.matcher(tokens.get(i)).matches()) {
                continue;
            }
            String t = tokens.get(i);
            if (sb.length() > 0 && !t.isEmpty() && !Character.isWhitespace(t.charAt(0))) {
                sb.append(' ');
            }
            sb.append(t);
        }
        return sb.toString().strip();
    }
}
