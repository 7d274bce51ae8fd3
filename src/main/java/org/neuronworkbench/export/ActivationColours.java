package org.neuronworkbench.export;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;

/**
 * Colour of an activation: blue for positive values, white at 0, and at most a pale red for
 * negative ones. Which value is full colour is decided by {@link ColourScale}.
 *
 * <p>For a positive value the raw intensity is {@code t = min(1, a / scale)}. NeuroX draws every
 * rectangle {@code darken} times with opacity {@code t}; stacking that many translucent layers on
 * white gives an effective opacity of {@code 1 - (1 - t)^darken}, which is what we compute
 * directly. So darken 1 is a linear scale and higher values push weak activations towards full
 * colour (more visible, less contrast between strong ones), exactly as in NeuroX.
 *
 * <p>A value at or below zero is not evidence that the neuron fires (for GELU neurons about −0.17 is
 * the floor, "off"), so it never gets strong colour: its intensity is linear in {@code |a| / scale}
 * and capped at {@link #NEGATIVE_CAP}, without darkening.
 *
 * <p>The end colours are the ColorBrewer RdBu extremes rather than NeuroX's lighter
 * {@code #d35f5f}/{@code #00aad4}: dark enough that strong tokens get white text, which keeps
 * contrast high; text is black or white, whichever has the higher WCAG contrast on the fill.
 *
 * <p>Changes of an activation (noise sensitivity) are not activations: both signs mean something,
 * so {@link #forChanges} colours them symmetrically, red as strong as blue.
 *
 * @param scale   |activation| that maps to full colour, positive
 * @param darken  number of stacked layers, at least 1
 * @param changes true for signed changes (symmetric), false for activations (negatives pale)
 */
public record ActivationColours(double scale, int darken, boolean changes) {
    public static final Rgb POSITIVE = new Rgb(0x21, 0x66, 0xac);
    public static final Rgb NEGATIVE = new Rgb(0xb2, 0x18, 0x2b);
    /** The strongest a negative value is ever drawn: a pale red, never mistaken for firing. */
    public static final double NEGATIVE_CAP = 0.2;

    public ActivationColours {
        if (!(scale > 0 && Double.isFinite(scale))) {
            throw new IllegalArgumentException("scale must be a positive finite number but was " + scale);
        }
        if (darken < 1) {
            throw new IllegalArgumentException("darken must be at least 1 but was " + darken);
        }
    }

    /** Colours for activations (values at or below zero pale). */
    public ActivationColours(double scale, int darken) {
        this(scale, darken, false);
    }

    /** Colours for signed changes of an activation: decreases as strong as increases. */
    public static ActivationColours forChanges(double scale, int darken) {
        return new ActivationColours(scale, darken, true);
    }

    /**
     * The colours for an export: the options' fixed scale (the caller's {@link ColourScale}, e.g. the
     * index maximum), else {@link ColourScale#ofText} over all sentences (before filtering, so
     * filtering never changes the colours of kept tokens).
     */
    public static ActivationColours forExport(List<HighlightedSentence> sentences, SvgOptions options) {
        double scale = options.scale().orElseGet(() -> ColourScale.ofText(sentences).full());
        return new ActivationColours(scale, options.darken());
    }

    /** Effective opacity of the colour layer, 0 (white) to 1 (full colour; {@link #NEGATIVE_CAP} for negatives). */
    public double intensity(double activation) {
        double t = Math.min(1.0, Math.abs(activation) / scale);
        if (activation <= 0 && !changes) {
            return NEGATIVE_CAP * t;
        }
        return 1.0 - Math.pow(1.0 - t, darken);
    }

    /** Background colour for a token with this activation. */
    public Rgb fill(double activation) {
        return TokenColours.COLORBREWER.fill(this, activation);
    }

    /** Text colour for this activation: white on dark fills, black otherwise. */
    public Rgb textColour(double activation) {
        return textOn(fill(activation));
    }

    /** Black or white, whichever contrasts more with {@code fill} (WCAG contrast ratio). */
    public static Rgb textOn(Rgb fill) {
        double l = fill.luminance();
        double againstBlack = (l + 0.05) / 0.05;
        double againstWhite = 1.05 / (l + 0.05);
        return againstWhite > againstBlack ? Rgb.WHITE : Rgb.BLACK;
    }

    /**
     * Tooltip form of an activation: at most 4 significant digits without trailing zeros
     * ({@code 1.73}, {@code -0.92}, {@code 0}), scientific only for very small or large values;
     * independent of the default locale.
     */
    public static String format(double activation) {
        BigDecimal v = new BigDecimal(activation).round(new MathContext(4)).stripTrailingZeros();
        double abs = Math.abs(activation);
        boolean plain = v.signum() == 0 || (abs >= 1e-4 && abs < 1e6);
        return plain ? v.toPlainString() : v.toString();
    }
}
