package org.neuronworkbench.ui.noise;

import java.util.ArrayList;
import java.util.List;
import javafx.geometry.Insets;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.layout.VBox;
import org.neuronworkbench.analysis.NoiseSensitivity;
import org.neuronworkbench.model.ModelRunner;
import org.neuronworkbench.ui.common.WorkbenchContext;
import org.neuronworkbench.export.ActivationColours;
import org.neuronworkbench.export.SvgOptions;
import org.neuronworkbench.ui.common.TokenStrip;
import org.neuronworkbench.ui.common.ToolPane;

/**
 * Noise sensitivity: Gaussian noise on one token's embedding at a time; each token is coloured by
 * the mean change of the target activation (blue: noise there raises it, red: lowers it), with the
 * values on hover, and the mean |change| per token as bars.
 */
public final class NoisePane extends ToolPane {
    private final TextField text = new TextField(DEFAULT_TEXT);
    private final ComboBox<String> position = positions();
    private final TextField sigma = new TextField("0.5");
    private final Spinner<Integer> samples = new Spinner<>(1, 512, 16, 4);
    private final TextField seed = new TextField("1");
    private final Label summary = new Label("Run to add noise to each token in turn.");
    private final Label legend = new Label("colour: mean change of the target activation when that token's embedding is noised"
            + " (blue raises, red lowers); hover for values");
    private final TokenStrip strip = new TokenStrip();
    private final BarChart<String, Number> bars = new BarChart<>(new CategoryAxis(), new NumberAxis());
    private final Label noData = new Label("No data yet: each token's mean |change| is drawn here after a run.");
    private NoiseSensitivity.Result result;

    public NoisePane(WorkbenchContext ctx) {
        super(ctx, "noise");
        text.setPrefColumnCount(30);
        text.setOnAction(e -> run());
        sigma.setPrefColumnCount(4);
        seed.setPrefColumnCount(5);
        samples.setEditable(true);
        samples.setPrefWidth(80);
        field("Neuron", neuronField);
        field("Text", text);
        exampleFollowsModel(text);
        field("Target", position);
        field("Sigma", sigma);
        field("Samples", samples);
        field("Seed", seed);
        runButton.setOnAction(e -> run());
        form.getChildren().add(runButton);
        summary.getStyleClass().add("causal-caption");
        legend.getStyleClass().add("causal-hint");
        legend.setWrapText(true);
        bars.setId("noise-bars");
        bars.setAnimated(false);
        bars.setLegendVisible(false);
        bars.setPrefHeight(260);
        bars.getYAxis().setLabel("mean |change|");
        // Until a result exists the chart would draw axes of its own making: a line says what comes instead.
        noData.setId("noise-bars-empty");
        noData.getStyleClass().add("causal-hint");
        noData.managedProperty().bind(noData.visibleProperty());
        bars.managedProperty().bind(bars.visibleProperty());
        noData.visibleProperty().bind(bars.visibleProperty().not());
        bars.setVisible(false);
        VBox box = new VBox(10, summary, strip, legend, bars, noData);
        box.setPadding(new Insets(10));
        ScrollPane scroll = new ScrollPane(box);
        scroll.setFitToWidth(true);
        setCenter(scroll);
        modelChanged(ctx.model());
    }

    public TextField textField() {
        return text;
    }

    public TextField sigmaField() {
        return sigma;
    }

    public Spinner<Integer> samplesSpinner() {
        return samples;
    }

    public TextField seedField() {
        return seed;
    }

    public ComboBox<String> positionBox() {
        return position;
    }

    public TokenStrip strip() {
        return strip;
    }

    public Label summary() {
        return summary;
    }

    public NoiseSensitivity.Result result() {
        return result;
    }

    public void run() {
        attempt(() -> {
            ModelRunner m = model();
            String t = text.getText();
            String n = neuronField.getText();
            String p = position.getEditor().getText();
            String s = sigma.getText();
            int k = samples.getValue();
            String sd = seed.getText();
            NoiseViewModel req = new NoiseViewModel(t, n, p, s, k, sd);
            start("Noise sensitivity of " + n, (progress, cancel) -> req.run(m, progress, cancel), this::show);
        });
    }

    /** The line shown instead of the chart while there is no result. */
    public Label noDataLabel() {
        return noData;
    }

    public BarChart<String, Number> chart() {
        return bars;
    }

    private void show(NoiseSensitivity.Result r) {
        result = r;
        List<String> tokens = new ArrayList<>();
        float[] change = new float[r.tokens().size()];
        XYChart.Series<String, Number> series = new XYChart.Series<>();
        for (NoiseSensitivity.TokenEffect t : r.tokens()) {
            tokens.add(t.token());
            change[t.index()] = t.meanChange();
            series.getData().add(new XYChart.Data<>(t.index() + " " + TokenStrip.shown(t.token()), t.meanAbsChange()));
        }
        // Changes, not activations: a decrease is as telling as an increase, so both signs get colour.
        strip.show(tokens, change, ActivationColours.forChanges(TokenStrip.scaleOf(change), SvgOptions.DEFAULT_DARKEN),
                r.target(), i -> {
            NoiseSensitivity.TokenEffect t = r.tokens().get(i);
            return String.format("'%s': mean change %+.4f, mean |change| %.4f%s", t.token().strip(), t.meanChange(),
                    t.meanAbsChange(), i == r.target() ? " (target)" : "");
        });
        bars.getData().setAll(List.of(series));
        bars.setVisible(!series.getData().isEmpty());
        summary.setText(String.format("%s at '%s' (token %d) = %.4f clean · sigma %s · %d samples · seed %d · %d forwards",
                r.neuron(), tokens.get(r.target()).strip(), r.target(), r.clean(), r.sigma(), r.samples(), r.seed(), r.forwards()));
    }
}
