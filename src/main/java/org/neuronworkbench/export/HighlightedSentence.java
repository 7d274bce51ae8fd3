package org.neuronworkbench.export;

import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * A sentence as the sequence of its tokens; concatenating the token texts gives the sentence.
 * A row of a multi-neuron export also carries its {@code label} (the neuron, drawn beside the
 * row) and its own {@code scale}, the activation drawn in full colour, so each neuron is coloured
 * on its own scale as in the hypothesis pane ({@link ColourScale}).
 *
 * @param label shown beside the row; empty for none
 * @param scale full-colour activation for this row only; empty to use the export's
 */
public record HighlightedSentence(List<TokenActivation> tokens, String label, OptionalDouble scale) {
    public HighlightedSentence {
        Objects.requireNonNull(tokens, "tokens must not be null");
        tokens = List.copyOf(tokens); // also rejects null elements
        Objects.requireNonNull(label, "label must not be null (use \"\")");
        Objects.requireNonNull(scale, "scale must not be null (use OptionalDouble.empty())");
        if (scale.isPresent() && !(scale.getAsDouble() > 0 && Double.isFinite(scale.getAsDouble()))) {
            throw new IllegalArgumentException("a row's scale must be a positive finite number but was " + scale.getAsDouble());
        }
    }

    /** A sentence without label, on the export's scale. */
    public HighlightedSentence(List<TokenActivation> tokens) {
        this(tokens, "", OptionalDouble.empty());
    }

    /** This sentence as one neuron's row: labelled, and drawn on that neuron's scale. */
    public HighlightedSentence asRow(String rowLabel, ColourScale rowScale) {
        return new HighlightedSentence(tokens, rowLabel, OptionalDouble.of(rowScale.full()));
    }

    /** Largest |activation| in this sentence, 0 for an empty sentence. */
    public double maxAbsActivation() {
        double max = 0;
        for (TokenActivation t : tokens) {
            max = Math.max(max, Math.abs(t.activation()));
        }
        return max;
    }

    /** The sentence text: all token texts concatenated. */
    public String text() {
        StringBuilder sb = new StringBuilder();
        tokens.forEach(t -> sb.append(t.text()));
        return sb.toString();
    }
}
