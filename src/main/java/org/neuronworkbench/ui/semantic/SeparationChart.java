package org.neuronworkbench.ui.semantic;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.scene.Node;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import org.neuronworkbench.analysis.semantic.LayerSeparation;

/**
 * k-NN label agreement of the lemma vectors over layers (domain and part of speech, each beside its
 * shuffled-label baseline), for the layers measured so far.
 */
final class SeparationChart extends LineChart<Number, Number> {
    private final XYChart.Series<Number, Number> domain = series("domain");
    private final XYChart.Series<Number, Number> domainShuffled = series("domain, shuffled");
    private final XYChart.Series<Number, Number> pos = series("part of speech");
    private final XYChart.Series<Number, Number> posShuffled = series("pos, shuffled");

    SeparationChart(ObservableList<LayerSeparation> rows) {
        super(new NumberAxis(), new NumberAxis(0, 1, 0.2));
        setId("semantic-separation");
        setTitle("k-NN agreement (k = " + LayerSeparation.K + ", cosine)");
        getXAxis().setLabel("layer");
        NumberAxis x = (NumberAxis) getXAxis();
        x.setAutoRanging(false);
        x.setLowerBound(0);
        x.setUpperBound(1);
        x.setTickUnit(1);
        setAnimated(false);
        setCreateSymbols(true);
        setPrefHeight(300);
        setMinHeight(240);
        getData().addAll(java.util.List.of(domain, domainShuffled, pos, posShuffled));
        rows.addListener((ListChangeListener<LayerSeparation>) c -> fill(rows));
        fill(rows);
    }

    /**
     * The chart, or while no layer has been measured a line saying what will be drawn there: an
     * empty chart would show axes with nothing to read.
     */
    static Node withEmptyNote(ObservableList<LayerSeparation> rows) {
        SeparationChart chart = new SeparationChart(rows);
        Label note = new Label("No layer measured yet: each layer's k-NN agreement of domains and parts of speech"
                + " is drawn here once its map is computed.");
        note.setId("semantic-separation-empty");
        note.setWrapText(true);
        note.getStyleClass().add("causal-hint");
        BooleanBinding empty = Bindings.isEmpty(rows);
        chart.visibleProperty().bind(empty.not());
        chart.managedProperty().bind(chart.visibleProperty());
        note.visibleProperty().bind(empty);
        note.managedProperty().bind(note.visibleProperty());
        return new VBox(chart, note);
    }

    private static XYChart.Series<Number, Number> series(String name) {
        XYChart.Series<Number, Number> s = new XYChart.Series<>();
        s.setName(name);
        return s;
    }

    private void fill(ObservableList<LayerSeparation> rows) {
        domain.getData().clear();
        domainShuffled.getData().clear();
        pos.getData().clear();
        posShuffled.getData().clear();
        int last = 1;
        for (LayerSeparation s : rows) {
            last = Math.max(last, s.layer());
            add(domain, s.layer(), s.knnDomain());
            add(domainShuffled, s.layer(), s.knnDomainShuffled());
            add(pos, s.layer(), s.knnPos());
            add(posShuffled, s.layer(), s.knnPosShuffled());
        }
        ((NumberAxis) getXAxis()).setUpperBound(last);
    }

    private static void add(XYChart.Series<Number, Number> s, int layer, double v) {
        if (!Double.isNaN(v)) {
            s.getData().add(new XYChart.Data<>(layer, v));
        }
    }
}
