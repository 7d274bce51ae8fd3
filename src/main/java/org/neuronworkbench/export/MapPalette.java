package org.neuronworkbench.export;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Colours of map classes (domains or parts of speech): the most frequent classes get distinct
 * colours (a colour-blind-safe qualitative set), every other class one light grey, and the class
 * {@value #NONE} (no domain) a lighter grey so the few domains stand out.
 */
public final class MapPalette {
    public static final String NONE = "none";
    public static final Rgb OTHER = new Rgb(190, 190, 190);
    public static final Rgb NONE_COLOUR = new Rgb(222, 222, 222);
    private static final List<Rgb> COLOURS = List.of(
            new Rgb(0, 114, 178), new Rgb(230, 159, 0), new Rgb(0, 158, 115), new Rgb(204, 121, 167),
            new Rgb(213, 94, 0), new Rgb(86, 180, 233), new Rgb(117, 112, 179), new Rgb(166, 118, 29),
            new Rgb(27, 158, 119), new Rgb(231, 41, 138));

    private MapPalette() {
    }

    /** The most colours a map shows; classes past them are drawn in {@link #OTHER}. */
    public static int maxColours() {
        return COLOURS.size();
    }

    /** Colours for classes given most frequent first; the first {@code top} (at most 10) get their own. */
    public static Map<String, Rgb> colours(List<String> classesByCount, int top) {
        Map<String, Rgb> out = new LinkedHashMap<>();
        int next = 0;
        for (String c : classesByCount) {
            if (c.equals(NONE)) {
                out.put(c, NONE_COLOUR);
            } else if (next < Math.min(top, COLOURS.size())) {
                out.put(c, COLOURS.get(next++));
            } else {
                out.put(c, OTHER);
            }
        }
        return out;
    }
}
