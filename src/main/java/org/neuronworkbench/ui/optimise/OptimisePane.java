package org.neuronworkbench.ui.optimise;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.neuronworkbench.analysis.PromptOptimisation;
import org.neuronworkbench.analysis.PromptOptions;
import org.neuronworkbench.analysis.PromptOptimisation.Prompt;
import org.neuronworkbench.model.ModelRunner;
import org.neuronworkbench.ui.common.WorkbenchContext;
import org.neuronworkbench.ui.common.TokenStrip;
import org.neuronworkbench.ui.common.CausalInput;
import org.neuronworkbench.ui.common.ToolPane;

/**
 * Prompt optimisation: short inputs that maximise the neuron, found by the continuous and/or the
 * discrete search in a cancellable background task with live progress (the best activation so far
 * in the status line). Each result can go to the hypothesis editor.
 */
public final class OptimisePane extends ToolPane {
    private final Spinner<Integer> length = new Spinner<>(1, 64, 6);
    private final Spinner<Integer> outputs = new Spinner<>(1, 32, 5);
    private final ComboBox<PromptOptions.Method> method = new ComboBox<>();
    private final Spinner<Integer> steps = new Spinner<>(1, 10_000, 60, 10);
    private final TextField seed = new TextField("1");
    private final TextField fixedPosition = new TextField();
    private final TextField fixedWord = new TextField();
    private final Label best = new Label("Run to search for inputs that make the neuron fire.");
    private final Label verdict = new Label();
    private final TableView<Prompt> table = new TableView<>();
    /** Stops the search and keeps what it found (the status bar's Cancel discards it). */
    private final Button stop = new Button("Stop");
    private final AtomicBoolean stopRequested = new AtomicBoolean();
    private javafx.concurrent.Task<?> latest;
    private PromptOptimisation.Result result;

    public OptimisePane(WorkbenchContext ctx) {
        super(ctx, "optimise");
        method.getItems().addAll(PromptOptions.Method.values());
        method.setValue(PromptOptions.Method.BOTH);
        method.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(PromptOptions.Method m) {
                return m == null ? "" : m.name().toLowerCase(Locale.ROOT);
            }

            @Override
            public PromptOptions.Method fromString(String s) {
                return PromptOptions.Method.valueOf(s.toUpperCase(Locale.ROOT));
            }
        });
        for (Spinner<Integer> s : List.of(length, outputs, steps)) {
            s.setEditable(true);
            s.setPrefWidth(80);
        }
        seed.setPrefColumnCount(3);
        fixedPosition.setPrefColumnCount(3);
        fixedPosition.setPromptText("slot");
        fixedWord.setPrefColumnCount(6);
        fixedWord.setPromptText("word");
        field("Neuron", neuronField);
        field("Length", length);
        field("Outputs", outputs);
        field("Method", method);
        field("Steps", steps);
        field("Seed", seed);
        field("Fix word at", fixedPosition);
        form.getChildren().add(fixedWord);
        runButton.setText("Optimise");
        runButton.setOnAction(e -> run());
        stop.setId("optimise-stop");
        stop.setTooltip(new javafx.scene.control.Tooltip("End the search now and keep the prompts found so far"));
        stop.setDisable(true);
        stop.setOnAction(e -> stopAndKeep());
        // Run and Stop wrap as one, so Stop never sits alone on a second row.
        runButton.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        stop.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        form.getChildren().add(new javafx.scene.layout.HBox(6, runButton, stop));
        best.getStyleClass().add("causal-caption");
        verdict.getStyleClass().add("causal-caption");
        buildTable();
        VBox box = new VBox(8, best, table, verdict);
        VBox.setVgrow(table, Priority.ALWAYS);
        box.setPadding(new Insets(10));
        setCenter(box);
        modelChanged(ctx.model());
    }

    public Spinner<Integer> lengthSpinner() {
        return length;
    }

    public Spinner<Integer> outputsSpinner() {
        return outputs;
    }

    public Spinner<Integer> stepsSpinner() {
        return steps;
    }

    public ComboBox<PromptOptions.Method> methodBox() {
        return method;
    }

    public TextField fixedPositionField() {
        return fixedPosition;
    }

    public TextField fixedWordField() {
        return fixedWord;
    }

    public TableView<Prompt> table() {
        return table;
    }

    public Label verdictLabel() {
        return verdict;
    }

    public Label bestLabel() {
        return best;
    }

    public Button stopButton() {
        return stop;
    }

    /** Ends the running search at its next step; the prompts found so far are shown. */
    public void stopAndKeep() {
        stopRequested.set(true);
    }

    public PromptOptimisation.Result result() {
        return result;
    }

    public void run() {
        attempt(() -> {
            ModelRunner m = model();
            OptimiseViewModel req = new OptimiseViewModel(neuronField.getText(), length.getValue(), outputs.getValue(),
                    method.getValue(), steps.getValue(), seed.getText(), fixedPosition.getText(), fixedWord.getText());
            best.setText("Searching…");
            stopRequested.set(false);
            java.util.concurrent.atomic.AtomicReference<PromptOptimisation.Result> pending = new java.util.concurrent.atomic.AtomicReference<>();
            javafx.concurrent.Task<?>[] self = new javafx.concurrent.Task<?>[1];
            // Prompts found so far go to the table as they improve; only the newest waiting one is shown.
            PromptOptimisation.Found found = soFar -> {
                if (pending.getAndSet(soFar) == null) {
                    javafx.application.Platform.runLater(() -> showSoFar(self[0], pending.getAndSet(null)));
                }
            };
            javafx.concurrent.Task<?> t = start("Optimising prompts for " + req.neuron(), (progress, cancel) -> req.run(m,
                    progress, () -> cancel.isCancelled() || stopRequested.get(), found), this::show);
            self[0] = t;
            latest = t;
            stop.setDisable(false);
            // The best activation so far, live, above the table.
            t.messageProperty().addListener((o, old, msg) -> {
                if (t.isRunning() && msg != null && msg.contains("best")) {
                    best.setText("Searching… " + msg);
                }
            });
            t.stateProperty().addListener((o, old, st) -> {
                // The state, not isDone(): the FX state can turn SUCCEEDED before the future completes.
                // Only the latest search owns the button (a superseded one ends after the new one started).
                if (t == latest && (st == javafx.concurrent.Worker.State.SUCCEEDED
                        || st == javafx.concurrent.Worker.State.CANCELLED || st == javafx.concurrent.Worker.State.FAILED)) {
                    stop.setDisable(true);
                }
                if (st == javafx.concurrent.Worker.State.CANCELLED || st == javafx.concurrent.Worker.State.FAILED) {
                    best.setText(st == javafx.concurrent.Worker.State.CANCELLED ? "Search cancelled." : "Search failed.");
                }
            });
        });
    }

    /** The prompts found so far, while {@code task} is still the running search. */
    private void showSoFar(javafx.concurrent.Task<?> task, PromptOptimisation.Result soFar) {
        if (soFar == null || task != latest || !task.isRunning()) {
            return;
        }
        table.getItems().setAll(OptimiseViewModel.rows(soFar));
    }

    private void show(PromptOptimisation.Result r) {
        result = r;
        table.getItems().setAll(OptimiseViewModel.rows(r));
        Prompt top = r.best();
        String how = r.cancelled() ? "stopped early, " : "";
        best.setText(top == null ? "No prompts." : String.format("%s: best activation %.4f at the last optimised token (%s%d forwards)",
                r.neuron(), top.activation(), how, r.forwards()));
        verdict.setText(OptimiseViewModel.verdict(r));
    }

    private void buildTable() {
        table.setId("optimise-table");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY);
        TableColumn<Prompt, String> tokens = new TableColumn<>("tokens");
        tokens.setCellValueFactory(d -> new ReadOnlyObjectWrapper<>(String.join(" · ",
                d.getValue().tokens().stream().map(TokenStrip::shown).toList())));
        tokens.setPrefWidth(520);
        TableColumn<Prompt, Float> act = new TableColumn<>("activation");
        act.setCellValueFactory(d -> new ReadOnlyObjectWrapper<>(d.getValue().activation()));
        act.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(Float v, boolean empty) {
                super.updateItem(v, empty);
                setText(empty || v == null ? null : String.format("%.4f", v));
            }
        });
        act.setStyle("-fx-alignment: CENTER-RIGHT;");
        TableColumn<Prompt, String> how = new TableColumn<>("method");
        how.setCellValueFactory(d -> new ReadOnlyObjectWrapper<>(d.getValue().method()));
        TableColumn<Prompt, Prompt> send = new TableColumn<>("send to");
        send.setCellValueFactory(d -> new ReadOnlyObjectWrapper<>(d.getValue()));
        send.setCellFactory(c -> new TableCell<>() {
            private final Button button = new Button("Hypothesis");

            @Override
            protected void updateItem(Prompt p, boolean empty) {
                super.updateItem(p, empty);
                button.setOnAction(e -> ctx.sendToHypothesis(CausalInput.line(p.tokens(), null)));
                setGraphic(empty || p == null ? null : button);
            }
        });
        send.setMinWidth(110);
        send.setMaxWidth(130);
        table.getColumns().add(tokens);
        table.getColumns().add(act);
        table.getColumns().add(how);
        table.getColumns().add(send);
        table.setPlaceholder(new Label("Optimise lists prompts here as the search finds better ones."));
    }
}
