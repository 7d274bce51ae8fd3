package org.neuronworkbench.export;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Colours and line breaks computed once, so the SVG, HTML and PNG outputs agree exactly.
 * Columns are logical (counted from the start of the line in reading order); each renderer
 * mirrors them for right-to-left text.
 */
final class LayoutPlan {

    /**
     * One token ready to draw.
     *
     * @param index      position of the token in its sentence
     * @param display    XML-safe text, see {@link DisplayText}
     * @param activation the real value (shown in tooltips)
     * @param fill       background, after filtering and scaling
     * @param text       foreground colour contrasting with {@code fill}
     * @param column     first column on its line, in reading order
     * @param width      width in columns
     */
    record Cell(int index, String display, double activation, Rgb fill, Rgb text, int column,
                int width) {
    }

    record Line(List<Cell> cells, int width) {
        Line {
            cells = List.copyOf(cells);
        }
    }

    /** @param label the row's label as drawn (XML-safe), empty for none */
    record Sentence(List<Line> lines, String label) {
        Sentence {
            lines = List.copyOf(lines);
        }
    }

    private LayoutPlan() {
    }

    static List<Sentence> of(List<HighlightedSentence> sentences, SvgOptions options) {
        Objects.requireNonNull(sentences, "sentences must not be null");
        Objects.requireNonNull(options, "options must not be null");
        ActivationColours colors = ActivationColours.forExport(sentences, options);
        List<Sentence> out = new ArrayList<>(sentences.size());
        for (HighlightedSentence s : sentences) {
            Objects.requireNonNull(s, "sentences must not contain null");
            // A row of a multi-neuron export has its neuron's own scale, as in the pane.
            ActivationColours own = s.scale().isPresent() ? new ActivationColours(s.scale().getAsDouble(), options.darken())
                    : colors;
            out.add(layOut(s, options, own));
        }
        return List.copyOf(out);
    }

    private static Sentence layOut(HighlightedSentence s, SvgOptions options, ActivationColours colors) {
        List<Line> lines = new ArrayList<>();
        List<Cell> current = new ArrayList<>();
        int used = 0;
        for (int i = 0; i < s.tokens().size(); i++) {
            TokenActivation t = s.tokens().get(i);
            String display = DisplayText.of(t.text());
            int width = DisplayText.columns(display);
            // Wrap before a token that would overflow, unless the line is still empty.
            if (!current.isEmpty() && used + width > options.charLimit()) {
                lines.add(new Line(current, used));
                current = new ArrayList<>();
                used = 0;
            }
            double shown = options.filter().effective(s, i);
            Rgb fill = options.colours().fill(colors, shown);
            current.add(new Cell(i, display, t.activation(), fill, ActivationColours.textOn(fill), used, width));
            used += width;
        }
        lines.add(new Line(current, used)); // an empty sentence still takes one blank line
        return new Sentence(lines, DisplayText.of(s.label()));
    }

    /** Columns of the label gutter: the longest label and a space, 0 when no row has a label. */
    static int labelColumns(List<Sentence> plan) {
        int max = 0;
        for (Sentence s : plan) {
            max = Math.max(max, DisplayText.columns(s.label()));
        }
        return max == 0 ? 0 : max + 1;
    }

    /** Widest line over all sentences, at least 1 so images never have zero width. */
    static int maxColumns(List<Sentence> plan) {
        int max = 1;
        for (Sentence s : plan) {
            for (Line l : s.lines()) {
                max = Math.max(max, l.width());
            }
        }
        return max;
    }
}
