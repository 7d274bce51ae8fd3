package org.neuronworkbench.export;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The two end colours of an export (NeuroX's {@code colors} option of {@code visualize_activations}):
 * the colour of negative values, then of positive ones. A token's fill is white blended towards one
 * of them by {@link ActivationColours#intensity}, so the colours change only the hue, never which
 * values look strong (negatives stay pale).
 *
 * @param negative colour towards which values below zero are drawn
 * @param positive colour towards which values above zero are drawn
 */
public record TokenColours(Rgb negative, Rgb positive) {
    /** The default: ColorBrewer RdBu's extremes, dark enough for white text on strong tokens. */
    public static final TokenColours COLORBREWER = new TokenColours(ActivationColours.NEGATIVE, ActivationColours.POSITIVE);
    /** NeuroX's default {@code colors=["#d35f5f", "#00aad4"]}: lighter, so text stays black. */
    public static final TokenColours NEUROX = new TokenColours(new Rgb(0xd3, 0x5f, 0x5f), new Rgb(0x00, 0xaa, 0xd4));

    private static final Pattern HEX = Pattern.compile("#?([0-9a-fA-F]{6})");

    public TokenColours {
        Objects.requireNonNull(negative, "negative colour");
        Objects.requireNonNull(positive, "positive colour");
    }

    /** The fill of a token coloured as {@code value} (after filtering) on the scale of {@code colours}. */
    public Rgb fill(ActivationColours colours, double value) {
        return Rgb.WHITE.blend(value < 0 ? negative : positive, colours.intensity(value));
    }

    /**
     * Parses {@code colorbrewer}, {@code neurox}, or two hex colours {@code NEGATIVE,POSITIVE}
     * (e.g. {@code #d35f5f,#00aad4}, as NeuroX's list).
     *
     * @throws IllegalArgumentException saying what is accepted
     */
    public static TokenColours parse(String text) {
        String t = text == null ? "" : text.strip();
        switch (t.toLowerCase(Locale.ROOT)) {
            case "colorbrewer", "default" -> {
                return COLORBREWER;
            }
            case "neurox" -> {
                return NEUROX;
            }
            default -> {
            }
        }
        String[] parts = t.split(",", -1);
        if (parts.length != 2) {
            throw new IllegalArgumentException("colours '" + text + "' are not two colours: give NEGATIVE,POSITIVE as"
                    + " hex (e.g. #d35f5f,#00aad4), or colorbrewer or neurox");
        }
        return new TokenColours(hex(parts[0], text), hex(parts[1], text));
    }

    private static Rgb hex(String part, String whole) {
        Matcher m = HEX.matcher(part.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("colour '" + part.strip() + "' in '" + whole + "' is not a hex colour"
                    + " like #00aad4");
        }
        int v = Integer.parseInt(m.group(1), 16);
        return new Rgb(v >> 16, (v >> 8) & 0xff, v & 0xff);
    }

    /** The form {@link #parse} reads back: a preset's name, else {@code #neg,#pos}. */
    public String describe() {
        if (equals(COLORBREWER)) {
            return "colorbrewer";
        }
        if (equals(NEUROX)) {
            return "neurox";
        }
        return negative.hex() + "," + positive.hex();
    }
}
