package org.neuronworkbench.ui.neurons;

import java.util.Optional;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.neuronworkbench.ui.common.OpenIndex;

/**
 * The neuron page's Explain row: "Explain" (the shown neuron), "Explain layer…" (a layer, with
 * resume), a progress bar, Cancel, "Settings…" (offline rules or an LLM endpoint); under it the method
 * in use, and one status line. The work is {@link NeuronExplainer}'s.
 */
public final class ExplainBar extends VBox {
    /** A layer run as chosen in the dialog. */
    public record LayerChoice(int layer, boolean resume) {
    }

    private final NeuronExplainer explainer;
    private final NeuronBrowserViewModel browser;
    private final Button explain = new Button("Explain");
    private final Button layer = new Button("Explain layer…");
    private final Button cancel = new Button("Cancel");
    private final Button settings = new Button("Settings…");
    private final Label method = new Label();
    private final ProgressBar progress = new ProgressBar(0);
    private final Label status = new Label();

    public ExplainBar(NeuronExplainer explainer, NeuronBrowserViewModel browser) {
        this.explainer = explainer;
        this.browser = browser;
        Tooltip explainTip = new Tooltip();
        explainTip.textProperty().bind(Bindings.concat("Explain this neuron: evidence, substitutions, explanation and score (",
                explainer.methodProperty(), "); stored beside the index"));
        explain.setTooltip(explainTip);
        settings.setTooltip(new Tooltip("Explanation settings: offline rules only, or an OpenAI-compatible LLM endpoint"));
        settings.setOnAction(e -> openSettings());
        method.textProperty().bind(Bindings.concat("Explains with ", explainer.methodBriefProperty()));
        method.setStyle("-fx-text-fill: #555;");
        // On its own line (the row's hidden progress bar keeps its place); on a narrow page it ends in "…",
        // whole in its tooltip, and a button's text is never cut.
        method.setMinWidth(0);
        Tooltip methodTip = new Tooltip();
        methodTip.textProperty().bind(Bindings.concat("Explain uses the ", explainer.methodProperty(), ". Change it in Settings\u2026"));
        method.setTooltip(methodTip);
        for (Button b : new Button[] {explain, layer, cancel, settings}) {
            b.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        }
        layer.setTooltip(new Tooltip("Explain every neuron of a layer, with progress; cancel keeps what is done, resume goes on"));
        cancel.setTooltip(new Tooltip("Stop the explain task (what is stored stays)"));
        explain.setOnAction(e -> explainer.explainShown());
        layer.setOnAction(e -> askLayer().ifPresent(c -> explainer.explainLayer(c.layer(), c.resume())));
        cancel.setOnAction(e -> explainer.cancel());
        explain.disableProperty().bind(explainer.runningProperty().or(browser.neuronProperty().isNull()));
        layer.disableProperty().bind(explainer.runningProperty().or(browser.openIndex().currentProperty().isNull()));
        cancel.disableProperty().bind(explainer.runningProperty().not());
        progress.setPrefWidth(180);
        progress.visibleProperty().bind(explainer.runningProperty());
        explainer.taskProperty().addListener((o, a, t) -> {
            progress.progressProperty().unbind();
            if (t != null) {
                progress.progressProperty().bind(t.progressProperty());
            }
        });
        status.textProperty().bind(explainer.statusProperty());
        status.setWrapText(true);
        status.setStyle("-fx-text-fill: #555;");
        HBox row = new HBox(8, explain, layer, progress, cancel, settings);
        row.setAlignment(Pos.CENTER_LEFT);
        setSpacing(2);
        setPadding(new Insets(2, 0, 2, 0));
        getChildren().addAll(row, method, status);
        status.managedProperty().bind(Bindings.isNotEmpty(status.textProperty()));
    }

    public Button explainButton() {
        return explain;
    }

    public Button layerButton() {
        return layer;
    }

    public Button cancelButton() {
        return cancel;
    }

    public Label statusLabel() {
        return status;
    }

    public Button settingsButton() {
        return settings;
    }

    /** "Explains with offline rules" or the configured LLM; follows the saved settings. */
    public Label methodLabel() {
        return method;
    }

    /** Opens the explanation settings (without blocking) and returns the dialog. */
    public ExplanationSettingsDialog openSettings() {
        ExplanationSettingsDialog d = new ExplanationSettingsDialog(explainer.settings());
        if (getScene() != null) {
            d.initOwner(getScene().getWindow());
        }
        d.show();
        return d;
    }

    /** Asks which layer (the shown neuron's first) and whether to resume; empty when dismissed. */
    private Optional<LayerChoice> askLayer() {
        OpenIndex.Opened o = browser.openIndex().current();
        if (o == null) {
            return Optional.empty();
        }
        ComboBox<Integer> layers = new ComboBox<>();
        for (int l = 0; l < o.info().layers(); l++) {
            layers.getItems().add(l);
        }
        layers.setValue(browser.neuronProperty().get() == null ? 0 : browser.neuronProperty().get().layer());
        CheckBox resume = new CheckBox("Resume: skip neurons already explained");
        resume.setSelected(true);
        Label what = new Label(String.format(java.util.Locale.ROOT, "%,d neurons, %s. Progress shows here and in the"
                + " status bar; the table fills as neurons finish.", o.info().dMlp(), explainer.method()));
        what.setWrapText(true);
        what.setMaxWidth(380);
        Dialog<LayerChoice> d = new Dialog<>();
        d.setTitle("Explain a layer");
        d.setHeaderText("Explain every neuron of a layer");
        d.getDialogPane().setContent(new VBox(8, new HBox(8, new Label("Layer"), layers), resume, what));
        d.getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
        if (getScene() != null) {
            d.initOwner(getScene().getWindow());
        }
        d.setResultConverter(b -> b == ButtonType.OK ? new LayerChoice(layers.getValue(), resume.isSelected()) : null);
        return d.showAndWait();
    }
}
