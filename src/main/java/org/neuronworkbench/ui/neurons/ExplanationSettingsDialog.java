package org.neuronworkbench.ui.neurons;

import java.io.IOException;
import javafx.beans.binding.Bindings;
import javafx.event.ActionEvent;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * "Explanation settings…": offline rules only, or an OpenAI-compatible endpoint, bound to an
 * {@link ExplanationSettings}. OK is disabled while the settings do not parse, with the reason in
 * one red line; Test shows the endpoint's answer or the client's message. Shown without blocking
 * ({@link #show()}), so the caller and the tests keep the FX thread.
 */
public final class ExplanationSettingsDialog extends Dialog<ButtonType> {
    // Fixed widths: a wrapped label's height is asked for before its width is known (DialogPane
    // sizes the window from prefHeight(-1)), so each note gets the width it is laid out at, and OK
    // is never pushed under the content by a line the estimate missed.
    private static final double INDENT = 24;
    private static final double NAMES = 130;
    private static final double FIELDS = 440;
    private static final double WIDE = NAMES + 8 + FIELDS;

    private final ExplanationSettings vm;
    private final RadioButton offline = new RadioButton("Offline rules only (nothing goes to the network)");
    private final RadioButton llm = new RadioButton("An OpenAI-compatible endpoint (llama.cpp's server, vLLM, Ollama, a hosted API)");
    private final TextField url = field("http://127.0.0.1:8080/v1");
    private final TextField model = field("e.g. llama-3.2-1b-instruct");
    private final TextField keyEnv = field("e.g. OPENAI_API_KEY (empty: no key)");
    private final TextField timeout = field("60");
    private final Button test = new Button("Test");
    private final Label keyStatus = note("#555", FIELDS);
    private final Label testResult = note("#555", WIDE - 60);
    private final Label problem = note("#b2182b", INDENT + WIDE);
    private final Label saveError = note("#b2182b", INDENT + WIDE);

    public ExplanationSettingsDialog(ExplanationSettings vm) {
        this.vm = vm;
        setTitle("Explanation settings");
        setHeaderText("How Explain and Explain layer\u2026 write explanations");
        ToggleGroup choice = new ToggleGroup();
        offline.setToggleGroup(choice);
        llm.setToggleGroup(choice);
        (vm.useLlmProperty().get() ? llm : offline).setSelected(true);
        llm.selectedProperty().addListener((o, a, on) -> vm.useLlmProperty().set(on));
        url.textProperty().bindBidirectional(vm.urlProperty());
        model.textProperty().bindBidirectional(vm.modelProperty());
        keyEnv.textProperty().bindBidirectional(vm.keyEnvProperty());
        timeout.textProperty().bindBidirectional(vm.timeoutProperty());
        timeout.setPrefColumnCount(5);
        timeout.setMaxWidth(80);

        Label keyNote = note("#555", FIELDS);
        keyNote.setText("The NAME of an environment variable that holds the API key \u2014 never the key itself. The key is"
                + " read from the app's environment for each request and is never stored, shown, logged or exported.");
        keyStatus.textProperty().bind(vm.keyStatusProperty());
        keyStatus.managedProperty().bind(Bindings.isNotEmpty(keyStatus.textProperty()));
        keyStatus.visibleProperty().bind(keyStatus.managedProperty());
        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(6);
        ColumnConstraints names = new ColumnConstraints();
        names.setMinWidth(NAMES); // "API key variable" whole, never "API ke…"
        names.setPrefWidth(NAMES);
        ColumnConstraints fields = new ColumnConstraints(FIELDS);
        fields.setMinWidth(FIELDS);
        grid.getColumnConstraints().addAll(names, fields);
        grid.addRow(0, new Label("URL"), url);
        grid.addRow(1, new Label("Model name"), model);
        grid.addRow(2, new Label("API key variable"), keyEnv);
        grid.add(keyNote, 1, 3);
        grid.add(keyStatus, 1, 4);
        HBox seconds = new HBox(6, timeout, new Label("seconds per request"));
        seconds.setAlignment(Pos.CENTER_LEFT);
        grid.addRow(5, new Label("Timeout"), seconds);
        grid.setPadding(new Insets(0, 0, 0, INDENT));
        grid.disableProperty().bind(vm.useLlmProperty().not());

        test.setTooltip(new Tooltip("Send one short chat request to the endpoint as typed (off the window's thread)"));
        test.setOnAction(e -> vm.test());
        test.disableProperty().bind(vm.useLlmProperty().not().or(Bindings.isNotEmpty(vm.problemProperty()))
                .or(vm.testStateProperty().isEqualTo(ExplanationSettings.TestState.RUNNING)));
        testResult.textProperty().bind(vm.testResultProperty());
        vm.testStateProperty().addListener((o, a, s) -> testResult.setStyle("-fx-text-fill: " + switch (s) {
            case OK -> "#1a7f37";
            case FAILED -> "#b2182b";
            default -> "#555";
        } + ";"));
        HBox testRow = new HBox(8, test, testResult);
        testRow.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(testResult, Priority.ALWAYS);
        testRow.setPadding(new Insets(0, 0, 0, INDENT));
        testRow.disableProperty().bind(vm.useLlmProperty().not());
        problem.textProperty().bind(vm.problemProperty());
        problem.managedProperty().bind(Bindings.isNotEmpty(problem.textProperty()));
        problem.visibleProperty().bind(problem.managedProperty());

        Label fallback = note("#555", WIDE);
        fallback.setText("With an endpoint, the offline explanation is still made first and stays whenever the endpoint"
                + " fails (timeout, HTTP error, a reply that is not JSON, an empty answer).");
        VBox.setMargin(fallback, new Insets(0, 0, 0, INDENT));
        saveError.managedProperty().bind(Bindings.isNotEmpty(saveError.textProperty()));
        saveError.visibleProperty().bind(saveError.managedProperty());
        VBox content = new VBox(8, offline, llm, grid, testRow, fallback, problem, saveError);
        content.setMinWidth(INDENT + WIDE);
        getDialogPane().setContent(content);
        getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
        Node ok = getDialogPane().lookupButton(ButtonType.OK);
        ok.disableProperty().bind(Bindings.isNotEmpty(vm.problemProperty()));
        ok.addEventFilter(ActionEvent.ACTION, e -> {
            try {
                vm.save();
            } catch (IOException | IllegalStateException failed) {
                // An unwritable file: the settings hold for this session; say why and keep the dialog open.
                saveError.setText("Used until the app closes, but not saved to the workspace file: " + failed.getMessage());
                e.consume();
            }
        });
        setOnHidden(e -> vm.cancelTest());
        setResizable(true);
        getDialogPane().getProperties().put(ExplanationSettingsDialog.class, this);
        // A dialog's window keeps the size it opened with; a line that appears or wraps anew (the
        // key's status, a problem, a Test's answer) would push OK under the content. Refit instead.
        for (Label l : new Label[] {keyStatus, testResult, problem, saveError}) {
            l.textProperty().addListener((o, a, now) -> javafx.application.Platform.runLater(this::refit));
        }
    }

    private void refit() {
        if (isShowing() && getDialogPane().getScene() != null && getDialogPane().getScene().getWindow() != null) {
            getDialogPane().getScene().getWindow().sizeToScene();
        }
    }

    /** The dialog a dialog pane belongs to (for code that finds the window, not the dialog), or null. */
    public static ExplanationSettingsDialog of(javafx.scene.control.DialogPane pane) {
        return pane == null ? null : (ExplanationSettingsDialog) pane.getProperties().get(ExplanationSettingsDialog.class);
    }

    public ExplanationSettings settings() {
        return vm;
    }

    public RadioButton offlineChoice() {
        return offline;
    }

    public RadioButton llmChoice() {
        return llm;
    }

    public TextField urlField() {
        return url;
    }

    public TextField modelField() {
        return model;
    }

    public TextField keyEnvField() {
        return keyEnv;
    }

    public TextField timeoutField() {
        return timeout;
    }

    public Button testButton() {
        return test;
    }

    public Label testResultLabel() {
        return testResult;
    }

    public Label problemLabel() {
        return problem;
    }

    /** Why OK could not write the workspace file; empty otherwise. */
    public Label saveErrorLabel() {
        return saveError;
    }

    public Label keyStatusLabel() {
        return keyStatus;
    }

    public Button okButton() {
        return (Button) getDialogPane().lookupButton(ButtonType.OK);
    }

    private static TextField field(String prompt) {
        TextField f = new TextField();
        f.setPromptText(prompt);
        return f;
    }

    private static Label note(String colour, double width) {
        Label l = new Label();
        l.setWrapText(true);
        l.setPrefWidth(width);
        l.setMaxWidth(width);
        // A wrapped label is otherwise laid out one line high and ends in "…".
        l.setMinHeight(Region.USE_PREF_SIZE);
        // An emptied, unmanaged line keeps its old bounds: it must never take a click meant for OK.
        l.setMouseTransparent(true);
        l.setStyle("-fx-text-fill: " + colour + ";");
        return l;
    }
}
