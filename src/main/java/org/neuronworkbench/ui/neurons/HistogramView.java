package org.neuronworkbench.ui.neurons;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Pane;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.shape.Line;
import javafx.scene.shape.Rectangle;
import javafx.scene.text.Text;
import org.neuronworkbench.index.NeuronHistogram;
import org.neuronworkbench.index.NeuronStats;
import org.neuronworkbench.ui.common.LazyTooltip;

/**
 * A neuron's activation histogram over every token of the index, with its quantile band
 * boundaries (of the window max) marked. The index's bins are log-spaced in |a|, so each bin gets
 * the same width: the x axis is symmetric-log, labelled at powers of two and at zero. Counts are
 * drawn on a log scale (a bar's height is log(1 + count)), so the rare top tail stays visible.
 */
public final class HistogramView extends VBox {
    static final double WIDTH = 640;
    static final double HEIGHT = 150;
    private static final Color BAR = Color.web("#4a7ab7");
    private static final Color MARK = Color.web("#c0392b");

    /** One bar as drawn: the bin's bounds and its count. */
    public record Bar(double lower, double upper, long count) {
    }

    /** One band boundary as drawn: its quantile level ("p90") and value. */
    public record Mark(String level, double value) {
    }

    private final Label heading = new Label("Activation histogram (all tokens)");
    private final Label caption = new Label();
    private final Pane plot = new Pane();
    private final List<Bar> bars = new ArrayList<>();
    private final List<Mark> marks = new ArrayList<>();

    public HistogramView() {
        super(4);
        heading.setStyle("-fx-font-weight: bold;");
        heading.setTooltip(new Tooltip("How often each activation occurs over every counted token of the index."
                + " Red lines: the quantile boundaries of the per-window max, which split the samples below into bands."));
        caption.setWrapText(true);
        caption.setStyle("-fx-text-fill: #555;");
        plot.setPrefSize(WIDTH, HEIGHT + 34);
        plot.setMinSize(WIDTH, HEIGHT + 34);
        plot.setMaxSize(WIDTH, HEIGHT + 34);
        getChildren().addAll(heading, plot, caption);
    }

    /** The bars drawn for the shown neuron, left to right (empty bins at either end are left out). */
    public List<Bar> bars() {
        return List.copyOf(bars);
    }

    /** The band boundaries drawn for the shown neuron. */
    public List<Mark> marks() {
        return List.copyOf(marks);
    }

    public String caption() {
        return caption.getText();
    }

    /** Draws a histogram, or says that the index has none (built before histograms were kept). */
    public void show(Optional<NeuronHistogram> histogram, NeuronStats stats) {
        plot.getChildren().clear();
        bars.clear();
        marks.clear();
        if (histogram.isEmpty()) {
            caption.setText("This index was built before activation histograms were kept: build it again to see one.");
            return;
        }
        NeuronHistogram h = histogram.get();
        int first = 0;
        int last = h.bins() - 1;
        while (first < last && h.count(first) == 0) {
            first++;
        }
        while (last > first && h.count(last) == 0) {
            last--;
        }
        long max = 1;
        for (int b = first; b <= last; b++) {
            max = Math.max(max, h.count(b));
        }
        double w = WIDTH / (last - first + 1);
        for (int b = first; b <= last; b++) {
            long c = h.count(b);
            bars.add(new Bar(h.lower(b), h.upper(b), c));
            if (c == 0) {
                continue;
            }
            double height = HEIGHT * Math.log1p(c) / Math.log1p(max);
            Rectangle r = new Rectangle((b - first) * w, HEIGHT - height, Math.max(1, w - 0.5), height);
            r.setFill(BAR);
            int bin = b;
            LazyTooltip.install(r, () -> "[" + NeuronPageView.f(h.lower(bin)) + ", " + NeuronPageView.f(h.upper(bin))
                    + "): " + String.format(Locale.ROOT, "%,d", c) + " tokens", LazyTooltip.DEFAULT_DELAY);
            plot.getChildren().add(r);
        }
        plot.getChildren().add(new Line(0, HEIGHT, WIDTH, HEIGHT));
        axisLabels(h, first, last, w);
        double[] q = stats.quantiles();
        for (int i = 0; i < q.length && i < NeuronStats.QUANTILE_LEVELS.length; i++) {
            if (!Double.isFinite(q[i])) {
                continue;
            }
            String level = NeuronPageView.level(NeuronStats.QUANTILE_LEVELS[i]);
            marks.add(new Mark(level, q[i]));
            double x = xOf(h, first, w, q[i]);
            Line l = new Line(x, 0, x, HEIGHT);
            l.setStroke(MARK);
            l.getStrokeDashArray().setAll(4.0, 3.0);
            Text t = new Text(x + 2, 10 + 11 * i, level);
            t.setFill(MARK);
            plot.getChildren().addAll(l, t);
        }
        caption.setText(String.format(Locale.ROOT, "%,d tokens; counts on a log scale (tallest bar %,d);"
                + " x axis symmetric-log; red: window-max quantiles bounding the bands below.", h.total(), max));
    }

    /** Where a value falls on the x axis: its bin, and linearly within the bin. */
    private static double xOf(NeuronHistogram h, int first, double w, double value) {
        for (int b = 0; b < h.bins(); b++) {
            if (value < h.upper(b)) {
                double lo = h.lower(b);
                double hi = h.upper(b);
                double frac = Double.isFinite(lo) && Double.isFinite(hi) ? (value - lo) / (hi - lo) : 0.5;
                return Math.max(0, Math.min(WIDTH, (b - first + frac) * w));
            }
        }
        return WIDTH;
    }

    /** Labels zero and every other power of two that opens a drawn bin, so labels do not crowd. */
    private void axisLabels(NeuronHistogram h, int first, int last, double w) {
        double lastX = -100;
        for (int b = first; b <= last; b++) {
            double lo = h.lower(b);
            double exp = Math.log(Math.abs(lo)) / Math.log(2);
            boolean zeroBin = lo < 0 && h.upper(b) > 0;
            boolean power = Double.isFinite(exp) && exp == Math.rint(exp) && ((long) exp) % 2 == 0;
            if (!zeroBin && !power) {
                continue;
            }
            double x = (b - first + (zeroBin ? 0.5 : 0)) * w;
            if (x - lastX < 34) {
                continue;
            }
            lastX = x;
            Text t = new Text(x - 8, HEIGHT + 14, zeroBin ? "0" : NeuronPageView.f(lo));
            t.setStyle("-fx-font-size: 10px;");
            plot.getChildren().addAll(t, new Line(x, HEIGHT, x, HEIGHT + 3));
        }
    }
}
