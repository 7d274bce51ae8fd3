package org.neuronworkbench.export;

import java.util.List;

/**
 * What full colour means for one neuron's row, decided here for every view and export so that
 * colours tell the truth: a value is compared with the neuron's maximum over the open index when
 * there is one (as Neuroscope normalises to the neuron's max), else with the largest value in what
 * is shown, and that choice is named in the legend. A value at or below zero is never strong
 * colour (see {@link ActivationColours}): for GELU neurons it means "off", so a neuron that never
 * fires on a text is drawn pale instead of stretching its near-zero floor to full red.
 *
 * @param full  the activation drawn in full colour, positive
 * @param basis where {@code full} comes from
 */
public record ColourScale(double full, Basis basis) {

    /** Where full colour comes from. */
    public enum Basis {
        /** The neuron's maximum over the open index. */
        INDEX_MAX,
        /** The largest activation in what is shown (no index, or one of another model). */
        TEXT_MAX,
        /** Nothing shown is above zero and there is no index maximum: everything is pale. */
        NOTHING_FIRES
    }

    public ColourScale {
        if (!(full > 0 && Double.isFinite(full))) {
            throw new IllegalArgumentException("full colour must be a positive finite activation but was " + full);
        }
    }

    /**
     * @param indexMax the neuron's maximum over the open index, NaN when no index of this model is open
     * @param textMax  the largest (signed) activation in what is shown, NaN or negative if none is positive
     */
    public static ColourScale of(double indexMax, double textMax) {
        if (indexMax > 0 && Double.isFinite(indexMax)) {
            return new ColourScale(indexMax, Basis.INDEX_MAX);
        }
        if (textMax > 0 && Double.isFinite(textMax)) {
            return new ColourScale(textMax, Basis.TEXT_MAX);
        }
        // Full colour is then never reached by anything shown; 1 keeps the floor of a GELU (about
        // -0.17) and other small values near white.
        return new ColourScale(1.0, Basis.NOTHING_FIRES);
    }

    /** The scale for sentences shown without an index: their largest activation. */
    public static ColourScale ofText(List<HighlightedSentence> sentences) {
        return of(Double.NaN, maxActivation(sentences));
    }

    /** The largest (signed) activation over the sentences, NaN if there are no tokens. */
    public static double maxActivation(List<HighlightedSentence> sentences) {
        double max = Double.NaN;
        for (HighlightedSentence s : sentences) {
            for (TokenActivation t : s.tokens()) {
                max = Double.isNaN(max) ? t.activation() : Math.max(max, t.activation());
            }
        }
        return max;
    }

    public ActivationColours colours(int darken) {
        return new ActivationColours(full, darken);
    }

    /** For a legend: what full colour is and where it comes from. */
    public String label() {
        return switch (basis) {
            case INDEX_MAX -> "full colour at " + ActivationColours.format(full) + " (the neuron's maximum over the index)";
            case TEXT_MAX -> "full colour at " + ActivationColours.format(full) + " (the largest value in this text; no index open)";
            case NOTHING_FIRES -> "nothing here is above 0 (no index open): drawn pale";
        };
    }
}
