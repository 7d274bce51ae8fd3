package org.neuronworkbench.ui.neurons;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import org.neuronworkbench.export.ActivationColours;
import org.neuronworkbench.index.NeuronStats;
import org.neuronworkbench.index.QuantileSample;

/**
 * Excerpts sampled from each quantile band of a neuron's window maxima, strongest band first, as
 * OpenAI's neuron viewer shows them: what the neuron does when it fires a little, not only at its
 * top. Band 0 is below p50, band i lies between the (i-1)th and ith boundary, the last is above p99.9.
 */
public final class BandSamplesView extends VBox {
    /** One band as shown: its name, bounds, and the sample views under it. */
    public record Band(int band, String name, double lower, double upper, List<ExcerptView> samples) {
    }

    private final List<Band> bands = new ArrayList<>();

    public BandSamplesView() {
        super(6);
    }

    /** The bands shown, strongest first. */
    public List<Band> bands() {
        return List.copyOf(bands);
    }

    public void show(List<QuantileSample> samples, ActivationColours colors, Consumer<String> toHypothesis) {
        getChildren().clear();
        bands.clear();
        Map<Integer, List<QuantileSample>> byBand = new TreeMap<>(java.util.Comparator.reverseOrder());
        for (QuantileSample q : samples) {
            byBand.computeIfAbsent(q.band(), b -> new ArrayList<>()).add(q);
        }
        for (Map.Entry<Integer, List<QuantileSample>> e : byBand.entrySet()) {
            QuantileSample first = e.getValue().get(0);
            String name = name(e.getKey());
            Label head = new Label(name + "   window max in " + bounds(first.lower(), first.upper()) + "   "
                    + e.getValue().size() + " sampled");
            head.setStyle("-fx-font-weight: bold; -fx-padding: 4 0 0 0;");
            getChildren().add(head);
            List<ExcerptView> views = new ArrayList<>();
            for (QuantileSample q : e.getValue()) {
                ExcerptView v = new ExcerptView(q.excerpt(), colors, name, toHypothesis);
                views.add(v);
                getChildren().add(v);
            }
            bands.add(new Band(e.getKey(), name, first.lower(), first.upper(), List.copyOf(views)));
        }
        if (samples.isEmpty()) {
            getChildren().add(new Label("No samples: the index holds no windows for this neuron."));
        }
    }

    /** "[1.707, 2.673)", with the open ends of the outer bands as infinities. */
    static String bounds(double lower, double upper) {
        String lo = lower == Double.NEGATIVE_INFINITY ? "(−∞" : "[" + NeuronPageView.f(lower);
        String hi = upper == Double.POSITIVE_INFINITY ? "∞)" : NeuronPageView.f(upper) + ")";
        return lo + ", " + hi;
    }

    /** "top 0.1 %", "p99 – p99.9", ..., "below p50" from the quantile levels. */
    static String name(int band) {
        double[] levels = NeuronStats.QUANTILE_LEVELS;
        if (band >= levels.length) {
            return "above " + NeuronPageView.level(levels[levels.length - 1]);
        }
        if (band == 0) {
            return "below " + NeuronPageView.level(levels[0]);
        }
        return NeuronPageView.level(levels[band - 1]) + " – " + NeuronPageView.level(levels[band]);
    }
}
