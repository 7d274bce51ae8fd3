package org.neuronworkbench.export;

import java.util.Objects;
import java.util.OptionalDouble;

/**
 * Rendering options shared by the SVG, HTML and PNG exports; names follow NeuroX's
 * {@code visualize_activations}.
 *
 * @param darken    how many times the colour layer is stacked (NeuroX draws each rectangle
 *                  {@code darken} times with opacity |a|/scale); at least 1. Higher values make
 *                  weak positive activations darker (1 is linear), so faint firing shows, at the
 *                  cost of contrast between strong ones; negatives stay pale. See
 *                  {@link ActivationColours#intensity(double)}
 * @param rtl       lay tokens out right to left (Arabic, Hebrew, ...)
 * @param charLimit maximum characters per line: a token that would push the running count of a
 *                  line past it starts a new line; a single longer token gets a line of its own
 * @param fontSize  font size in pixels (monospace; one character is about 0.6 of it wide)
 * @param filter    which tokens are coloured
 * @param scale     fixed |activation| that maps to full colour; empty means the largest
 *                  |activation| over all exported sentences. A sentence's own scale
 *                  ({@link HighlightedSentence#scale()}) takes precedence
 * @param colours   the negative and positive end colours (NeuroX's {@code colors})
 */
public record SvgOptions(int darken, boolean rtl, int charLimit, double fontSize,
                         TokenFilter filter, OptionalDouble scale, TokenColours colours) {

    public static final int DEFAULT_DARKEN = 2;
    public static final int DEFAULT_CHAR_LIMIT = 60;
    public static final double DEFAULT_FONT_SIZE = 20;

    public SvgOptions {
        if (darken < 1 || darken > 100) {
            throw new IllegalArgumentException("darken must be between 1 and 100 but was " + darken);
        }
        if (charLimit < 1) {
            throw new IllegalArgumentException("charLimit must be at least 1 but was " + charLimit);
        }
        if (!(fontSize >= 1 && fontSize <= 500)) {
            throw new IllegalArgumentException("fontSize must be between 1 and 500 px but was " + fontSize);
        }
        Objects.requireNonNull(filter, "filter must not be null (use TokenFilter.NONE)");
        Objects.requireNonNull(scale, "scale must not be null (use OptionalDouble.empty())");
        Objects.requireNonNull(colours, "colours must not be null (use TokenColours.COLORBREWER)");
        if (scale.isPresent() && !(scale.getAsDouble() > 0 && Double.isFinite(scale.getAsDouble()))) {
            throw new IllegalArgumentException(
                    "scale must be a positive finite number but was " + scale.getAsDouble());
        }
    }

    /** NeuroX defaults (darken 2, left to right, 60 characters per line, 20 px, no filter), ColorBrewer colours. */
    public static SvgOptions defaults() {
        return new SvgOptions(DEFAULT_DARKEN, false, DEFAULT_CHAR_LIMIT, DEFAULT_FONT_SIZE,
                TokenFilter.NONE, OptionalDouble.empty(), TokenColours.COLORBREWER);
    }

    public SvgOptions withDarken(int value) {
        return new SvgOptions(value, rtl, charLimit, fontSize, filter, scale, colours);
    }

    public SvgOptions withRtl(boolean value) {
        return new SvgOptions(darken, value, charLimit, fontSize, filter, scale, colours);
    }

    public SvgOptions withCharLimit(int value) {
        return new SvgOptions(darken, rtl, value, fontSize, filter, scale, colours);
    }

    public SvgOptions withFontSize(double value) {
        return new SvgOptions(darken, rtl, charLimit, value, filter, scale, colours);
    }

    public SvgOptions withFilter(TokenFilter value) {
        return new SvgOptions(darken, rtl, charLimit, fontSize, value, scale, colours);
    }

    public SvgOptions withScale(double value) {
        return new SvgOptions(darken, rtl, charLimit, fontSize, filter, OptionalDouble.of(value), colours);
    }

    public SvgOptions withAutoScale() {
        return new SvgOptions(darken, rtl, charLimit, fontSize, filter, OptionalDouble.empty(), colours);
    }

    public SvgOptions withColours(TokenColours value) {
        return new SvgOptions(darken, rtl, charLimit, fontSize, filter, scale, value);
    }
}
