package org.neuronworkbench.ui.common;

import java.util.function.Consumer;
import javafx.concurrent.Task;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import org.neuronworkbench.model.MlpNeuron;
import org.neuronworkbench.model.ModelRunner;

/**
 * What the causal panes share: a form on top with a neuron field that follows the selection, a
 * status line at the bottom (message, progress, cancel), and {@link #start} to run model work as a
 * listed background task. Bad input is reported in the message and the pane stays usable.
 */
public abstract class ToolPane extends BorderPane {
    /** The text a tool pane starts with when the editor has no line yet. */
    public static final String DEFAULT_TEXT = "The cat sat on the mat.";

    protected final WorkbenchContext ctx;
    protected final FlowPane form = new FlowPane(8, 6);
    protected final TextField neuronField = new TextField();
    protected final Button runButton = new Button("Run");
    private final Label message = new Label();
    private final ProgressBar progress = new ProgressBar();
    private final Label progressText = new Label();
    private final Button cancel = new Button("Cancel");
    /** Running tasks by kind: a new run cancels the previous one of its kind only. */
    private final java.util.Map<String, Task<?>> running = new java.util.LinkedHashMap<>();
    /** Text fields whose untouched example follows the model (see {@link #exampleFollowsModel}). */
    private final java.util.List<TextField> examples = new java.util.ArrayList<>();

    protected ToolPane(WorkbenchContext ctx, String id) {
        this.ctx = ctx;
        setId(id);
        getStyleClass().add("causal-pane");
        form.getStyleClass().add("hyp-toolbar");
        form.setAlignment(Pos.CENTER_LEFT);
        neuronField.setPrefColumnCount(8);
        neuronField.setId(id + "-neuron");
        neuronField.setTooltip(new javafx.scene.control.Tooltip("Neuron as L3N42; follows the selected neuron, Enter selects it"));
        MlpNeuron sel = ctx.selectedNeuronProperty().get();
        neuronField.setText(sel == null ? "" : sel.toString());
        ctx.selectedNeuronProperty().addListener((o, old, n) -> neuronField.setText(n == null ? "" : n.toString()));
        neuronField.setOnAction(e -> attempt(() -> ctx.selectedNeuronProperty().set(CausalInput.neuron(model(), neuronField.getText()))));
        runButton.setDefaultButton(false);
        runButton.getStyleClass().add("causal-run");
        message.setId(id + "-message");
        message.getStyleClass().add("hyp-message");
        message.setWrapText(true);
        message.setMaxWidth(Double.MAX_VALUE);
        progress.setPrefWidth(160);
        cancel.setOnAction(e -> cancel());
        HBox status = new HBox(10, message, progressText, progress, cancel);
        status.setAlignment(Pos.CENTER_LEFT);
        status.getStyleClass().add("hyp-footer");
        HBox.setHgrow(message, Priority.ALWAYS);
        setTop(form);
        setBottom(status);
        BorderPane.setMargin(form, Insets.EMPTY);
        showRunning(false);
        ctx.modelProperty().addListener((o, old, m) -> {
            examples.forEach(t -> showExample(t, m));
            modelChanged(m);
        });
    }

    /**
     * The text field starts with an example that fits the model: the default sentence, or example
     * token ids for a model without a tokenizer, where a sentence cannot run. Only the untouched
     * example is swapped when the model changes; what the user typed stays.
     */
    protected void exampleFollowsModel(TextField text) {
        examples.add(text);
        showExample(text, ctx.model());
    }

    private static void showExample(TextField text, ModelRunner runner) {
        boolean ids = runner != null && !runner.hasTokenizer();
        if (ids && DEFAULT_TEXT.equals(text.getText())) {
            text.setText(CausalInput.EXAMPLE_IDS);
        } else if (!ids && CausalInput.EXAMPLE_IDS.equals(text.getText())) {
            text.setText(DEFAULT_TEXT);
        }
        text.setPromptText(ids ? "token ids, e.g. " + CausalInput.EXAMPLE_IDS : "a sentence");
    }

    /** The target-token field the text tools share: last, max or an index. */
    public static ComboBox<String> positions() {
        ComboBox<String> c = new ComboBox<>();
        c.getItems().addAll("last", "max");
        c.setEditable(true);
        c.setValue("last");
        c.setPrefWidth(90);
        c.setTooltip(new Tooltip("Target token: last, max (where the neuron is highest) or a token index (special tokens count)"));
        return c;
    }

    /** Adds "label control" pairs to the form. */
    protected void field(String label, Node control) {
        Label l = new Label(label);
        l.setLabelFor(control);
        form.getChildren().add(new HBox(4, l, control));
        ((HBox) form.getChildren().get(form.getChildren().size() - 1)).setAlignment(Pos.CENTER_LEFT);
    }

    /** Called on the FX thread when the model changes (null: unloaded). */
    protected void modelChanged(ModelRunner runner) {
        say(runner == null ? CausalInput.NO_MODEL : runner.hasTokenizer() ? "" : CausalInput.NO_TOKENIZER);
    }

    protected ModelRunner model() {
        return CausalInput.require(ctx.model());
    }

    public Label messageLabel() {
        return message;
    }

    public Button runButton() {
        return runButton;
    }

    public TextField neuronField() {
        return neuronField;
    }

    /** A running task of this pane, null when idle. */
    public Task<?> running() {
        return running.isEmpty() ? null : running.values().iterator().next();
    }

    protected void say(String text) {
        message.setText(text == null ? "" : text);
    }

    /** Runs FX-side input handling; an IllegalArgumentException becomes the message. */
    protected void attempt(Runnable r) {
        try {
            r.run();
        } catch (IllegalArgumentException | IllegalStateException e) {
            say(e.getMessage());
        }
    }

    /** Starts model work as a listed, cancellable task; a previous run of this pane is cancelled. */
    protected <T> Task<T> start(String title, WorkTask.Work<T> job, Consumer<T> done) {
        return start("run", title, job, done);
    }

    /** As {@link #start(String, WorkTask.Work, Consumer)}, cancelling only the previous task of the same {@code kind}. */
    protected <T> Task<T> start(String kind, String title, WorkTask.Work<T> job, Consumer<T> done) {
        Task<?> previous = running.get(kind);
        if (previous != null) {
            previous.cancel();
        }
        Task<T> task = new WorkTask<>(title, job);
        task.setOnSucceeded(e -> {
            finished(kind, task);
            say("");
            done.accept(task.getValue());
        });
        task.setOnFailed(e -> {
            finished(kind, task);
            Throwable t = task.getException();
            // Checked input and index problems carry a message meant for the user.
            say(t instanceof RuntimeException && t.getMessage() != null ? t.getMessage() : "Failed: " + t);
        });
        task.setOnCancelled(e -> {
            finished(kind, task);
            say(title + " cancelled.");
        });
        running.put(kind, task);
        progress.progressProperty().bind(task.progressProperty());
        progressText.textProperty().bind(task.messageProperty());
        showRunning(true);
        say("");
        return ctx.tasks().runModel(task);
    }

    /** Cancels this pane's running tasks, if any. */
    public void cancel() {
        java.util.List.copyOf(running.values()).forEach(Task::cancel);
    }

    private void finished(String kind, Task<?> task) {
        if (running.get(kind) == task) {
            running.remove(kind);
            progress.progressProperty().unbind();
            progressText.textProperty().unbind();
            Task<?> other = running();
            if (other != null) {
                progress.progressProperty().bind(other.progressProperty());
                progressText.textProperty().bind(other.messageProperty());
            }
            showRunning(other != null);
        }
    }

    private void showRunning(boolean on) {
        progress.setVisible(on);
        progress.setManaged(on);
        cancel.setVisible(on);
        cancel.setManaged(on);
        progressText.setVisible(on);
        progressText.setManaged(on);
        runButton.setDisable(on);
    }
}
