package org.neuronworkbench.export;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;

/**
 * Diverging colour scale: blue for positive activations, red for negative, white at 0.
 *
 * <p>The raw intensity of a value is {@code t = min(1, |a| / scale)}. NeuroX draws every
 * rectangle {@code darken} times with opacity {@code t}; stacking that many translucent layers on
 * white gives an effective opacity of {@code 1 - (1 - t)^darken}, which is what we compute
 * directly. So darken 1 is a linear scale and higher values push weak activations towards full
 * colour (more visible, less contrast between strong ones), exactly as in NeuroX.
 *
 * <p>The end colours are the ColorBrewer RdBu extremes rather than NeuroX's lighter
 * {@code #d35f5f}/{@code #00aad4}: dark enough that strong tokens get white text, which keeps
 * contrast high; text is black or white, whichever has the higher WCAG contrast on the fill.
 *
 * @param scale  |activation| that maps to full colour, positive
 * @param darken number of stacked layers, at least 1
 */
public record ActivationColours(double scale, int darken) {
    public static final Rgb POSITIVE = new Rgb(0x21, 0x66, 0xac);
    public static final Rgb NEGATIVE = new Rgb(0xb2, 0x18, 0x2b);

    public ActivationColours {
        if (!(scale > 0 && Double.isFinite(scale))) {
            throw new IllegalArgumentException("scale must be a positive finite number but was " + scale);
        }
        if (darken < 1) {
            throw new IllegalArgumentException("darken must be at least 1 but was " + darken);
        }
    }

    /**
     * The scale for an export: the options' fixed scale, else the largest |activation| over all
     * sentences (before filtering, so filtering never changes the colours of kept tokens); 1 if
     * everything is 0, which then all renders white.
     */
    public static ActivationColours forExport(List<HighlightedSentence> sentences, SvgOptions options) {
        double scale = options.scale().orElseGet(() -> {
            double max = 0;
            for (HighlightedSentence s : sentences) {
                max = Math.max(max, s.maxAbsActivation());
            }
            return max > 0 ? max : 1.0;
        });
        return new ActivationColours(scale, options.darken());
    }

    /** Effective opacity of the colour layer, 0 (white) to 1 (full colour). */
    public double intensity(double activation) {
        double t = Math.min(1.0, Math.abs(activation) / scale);
        return 1.0 - Math.pow(1.0 - t, darken);
    }

    /** Background colour for a token with this activation. */
    public Rgb fill(double activation) {
        Rgb base = activation < 0 ? NEGATIVE : POSITIVE;
        return Rgb.WHITE.blend(base, intensity(activation));
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
