package org.neuronworkbench.ui.simplify;

import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.geometry.Pos;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import org.neuronworkbench.analysis.Simplification;
import org.neuronworkbench.ui.common.TokenStrip;

/**
 * The steps of a {@link SimplifyViewModel}: a slider (with play/pause) over the steps, the coloured text of
 * the shown step with the removed token named, and the target activation per step as a line chart
 * whose highlighted point follows the slider.
 */
public final class ReplayView extends VBox {
    private final Slider slider = new Slider(0, 0, 0);
    private final Button play = new Button("▶ Play");
    private final Label stepLabel = new Label();
    private final Label caption = new Label("Run to simplify the text for the neuron.");
    private final TokenStrip strip = new TokenStrip();
    private final XYChart.Series<Number, Number> curve = new XYChart.Series<>();
    private final XYChart.Series<Number, Number> marker = new XYChart.Series<>();
    private final LineChart<Number, Number> chart = new LineChart<>(new NumberAxis(), new NumberAxis());
    private final javafx.scene.control.Label noData = new javafx.scene.control.Label(
            "No data yet: the target activation per step is drawn here after a simplification.");
    private final Timeline timeline = new Timeline(new KeyFrame(Duration.millis(700), e -> advance()));
    private SimplifyViewModel replay;

    public ReplayView() {
        super(10);
        slider.setId("simplify-slider");
        slider.setMajorTickUnit(1);
        slider.setMinorTickCount(0);
        slider.setSnapToTicks(true);
        slider.setShowTickMarks(true);
        slider.setBlockIncrement(1);
        slider.valueProperty().addListener((o, old, v) -> showStep((int) Math.round(v.doubleValue())));
        HBox.setHgrow(slider, Priority.ALWAYS);
        play.setId("simplify-play");
        play.setOnAction(e -> togglePlay());
        play.setMinWidth(80);
        timeline.setCycleCount(Animation.INDEFINITE);
        caption.getStyleClass().add("causal-caption");
        stepLabel.getStyleClass().add("causal-caption");
        stepLabel.setMinWidth(60);
        chart.setId("simplify-chart");
        chart.setAnimated(false);
        chart.setLegendVisible(false);
        chart.setPrefHeight(230);
        chart.setMinHeight(160);
        chart.getXAxis().setLabel("step (tokens removed)");
        chart.getYAxis().setLabel("target activation");
        chart.getData().add(curve);
        chart.getData().add(marker);
        HBox scrub = new HBox(8, play, slider, stepLabel);
        scrub.setAlignment(Pos.CENTER_LEFT);
        // Until a replay exists the chart would draw axes of its own making: a line says what comes instead.
        noData.setId("simplify-chart-empty");
        noData.getStyleClass().add("causal-hint");
        noData.managedProperty().bind(noData.visibleProperty());
        chart.managedProperty().bind(chart.visibleProperty());
        noData.visibleProperty().bind(chart.visibleProperty().not());
        chart.setVisible(false);
        getChildren().addAll(scrub, caption, strip, chart, noData);
    }

    public void show(SimplifyViewModel r) {
        timeline.stop();
        play.setText("▶ Play");
        replay = r;
        curve.getData().clear();
        for (int k = 0; k < r.steps(); k++) {
            curve.getData().add(new XYChart.Data<>(k, r.step(k).targetActivation()));
        }
        NumberAxis x = (NumberAxis) chart.getXAxis();
        x.setAutoRanging(false);
        x.setLowerBound(0);
        x.setUpperBound(Math.max(1, r.steps() - 1));
        x.setTickUnit(Math.max(1, Math.ceil((r.steps() - 1) / 15.0)));
        x.setMinorTickVisible(false);
        slider.setMax(r.steps() - 1);
        slider.setMajorTickUnit(Math.max(1, r.steps() / 10));
        slider.setValue(0);
        showStep(0);
        chart.setVisible(true);
    }

    /** The line shown instead of the chart while there is no replay. */
    public javafx.scene.control.Label noDataLabel() {
        return noData;
    }

    /** The step on screen. */
    public int shownStep() {
        return (int) Math.round(slider.getValue());
    }

    public Slider slider() {
        return slider;
    }

    public TokenStrip strip() {
        return strip;
    }

    public Label caption() {
        return caption;
    }

    public LineChart<Number, Number> chart() {
        return chart;
    }

    /** The points of the activation curve (not the marker). */
    public XYChart.Series<Number, Number> curve() {
        return curve;
    }

    public boolean playing() {
        return timeline.getStatus() == Animation.Status.RUNNING;
    }

    public void stop() {
        timeline.stop();
        play.setText("▶ Play");
    }

    private void showStep(int k) {
        if (replay == null || k < 0 || k >= replay.steps()) {
            return;
        }
        Simplification.Step s = replay.step(k);
        stepLabel.setText(k + " / " + (replay.steps() - 1));
        caption.setText(replay.caption(k));
        strip.showAsText(replay.shown(k), s.activations(), replay.scale(), s.target(), i -> String.format("'%s' = %.4f%s",
                s.tokens().get(i).strip(), s.activations()[i], i == s.target() ? " (target)" : ""));
        marker.getData().setAll(new XYChart.Data<>(k, s.targetActivation()));
    }

    public void togglePlay() {
        if (playing()) {
            stop();
        } else if (replay != null) {
            if (shownStep() >= replay.steps() - 1) {
                slider.setValue(0);
            }
            play.setText("⏸ Pause");
            timeline.play();
        }
    }

    private void advance() {
        if (replay == null || shownStep() >= replay.steps() - 1) {
            stop();
        } else {
            slider.setValue(shownStep() + 1);
        }
    }
}
