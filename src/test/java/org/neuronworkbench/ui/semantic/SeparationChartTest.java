package org.neuronworkbench.ui.semantic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.neuronworkbench.ui.neurons.FxTesting.fx;
import static org.neuronworkbench.ui.neurons.FxTesting.fxRun;

import java.util.List;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.chart.XYChart;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.neuronworkbench.analysis.semantic.LayerSeparation;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The k-NN chart over layers: a note until a layer is measured, then the measured values. */
@ExtendWith(ApplicationExtension.class)
class SeparationChartTest {
    private final ObservableList<LayerSeparation> rows = FXCollections.observableArrayList();
    private Node shown;

    @Start
    void start(Stage stage) {
        shown = SeparationChart.withEmptyNote(rows);
        stage.setScene(new Scene(new javafx.scene.layout.StackPane(shown), 400, 400));
        stage.show();
    }

    @Test
    void aNoteStandsInForTheChartUntilALayerIsMeasured() {
        SeparationChart chart = (SeparationChart) fx(() -> shown.lookup("#semantic-separation"));
        Node note = fx(() -> shown.lookup("#semantic-separation-empty"));
        assertFalse(fx(chart::isVisible), "no axes without data");
        assertTrue(fx(note::isVisible));

        // Layer 2 measured, its shuffled part-of-speech baseline undefined (NaN: not drawn).
        fxRun(() -> rows.add(new LayerSeparation(2, 300, 0.61, 0.12, 0.47, Double.NaN)));
        assertTrue(fx(chart::isVisible));
        assertFalse(fx(note::isVisible));
        List<List<Number[]>> points = fx(() -> chart.getData().stream()
                .map(s -> s.getData().stream().map(d -> new Number[] {d.getXValue(), d.getYValue()}).toList())
                .toList());
        assertEquals(List.of("domain", "domain, shuffled", "part of speech", "pos, shuffled"),
                fx(() -> chart.getData().stream().map(XYChart.Series::getName).toList()));
        assertEquals(2, points.get(0).get(0)[0]);
        assertEquals(0.61, points.get(0).get(0)[1]);
        assertEquals(0.12, points.get(1).get(0)[1]);
        assertEquals(0.47, points.get(2).get(0)[1]);
        assertTrue(points.get(3).isEmpty(), "NaN is left out");

        fxRun(rows::clear);
        assertFalse(fx(chart::isVisible), "a new index starts without data again");
        assertTrue(fx(note::isVisible));
    }
}
