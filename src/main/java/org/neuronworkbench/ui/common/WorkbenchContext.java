package org.neuronworkbench.ui.common;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.neuronworkbench.model.MlpNeuron;
import org.neuronworkbench.model.ModelRunner;

/**
 * What the panes share: the loaded model, the selected and pinned neurons, background tasks,
 * the workspace, the open corpus index, neuron notes, and navigation between panes. Properties change on the FX thread only.
 */
public final class WorkbenchContext {
    private final ObjectProperty<ModelRunner> model = new SimpleObjectProperty<>();
    private final ObjectProperty<MlpNeuron> selectedNeuron = new SimpleObjectProperty<>(new MlpNeuron(0, 0));
    private final ObservableList<MlpNeuron> pinned = FXCollections.observableArrayList();
    private final BackgroundTasks tasks;
    private final Workspace workspace;
    private final Path workspaceFile;
    private final List<Consumer<String>> hypothesisListeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<String>> paneListeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<String>> modelRequests = new CopyOnWriteArrayList<>();
    private final List<Runnable> beforeSave = new CopyOnWriteArrayList<>();
    private final StringProperty modelStatus = new SimpleStringProperty("No model loaded.");
    private final Metrics metrics = new Metrics();
    private final OpenIndex openIndex = new OpenIndex(this);
    private final NeuronNotes notes;
    private final UnaryOperator<String> environment;
    private final List<Runnable> settingsRequests = new CopyOnWriteArrayList<>();

    public WorkbenchContext(BackgroundTasks tasks, Workspace workspace, Path workspaceFile) {
        this(tasks, workspace, workspaceFile, System::getenv);
    }

    /**
     * @param environment looks up the process's environment variables; the app passes
     *                    {@code System::getenv}, tests their own (a JVM cannot set its own variables)
     */
    public WorkbenchContext(BackgroundTasks tasks, Workspace workspace, Path workspaceFile, UnaryOperator<String> environment) {
        this.tasks = tasks;
        this.workspace = workspace;
        this.workspaceFile = workspaceFile;
        this.environment = environment;
        this.notes = new NeuronNotes(this);
    }

    /**
     * The app's environment variables by name (for an API key named in the settings: read when a
     * request is sent, never kept).
     */
    public UnaryOperator<String> environment() {
        return environment;
    }

    /** Asks the pane that owns them (Neurons) to open the explanation settings, e.g. from the menu. */
    public void openExplanationSettings() {
        settingsRequests.forEach(Runnable::run);
    }

    public void onOpenExplanationSettings(Runnable listener) {
        settingsRequests.add(listener);
    }

    /** The corpus index the panes share; replacing it closes the previous one. */
    public OpenIndex openIndex() {
        return openIndex;
    }

    /** Bookmarks and notes per neuron, saved with the workspace. */
    public NeuronNotes notes() {
        return notes;
    }

    /** The current model; null while none is loaded. */
    public ObjectProperty<ModelRunner> modelProperty() {
        return model;
    }

    public ModelRunner model() {
        return model.get();
    }

    public ObjectProperty<MlpNeuron> selectedNeuronProperty() {
        return selectedNeuron;
    }

    public ObservableList<MlpNeuron> pinned() {
        return pinned;
    }

    public BackgroundTasks tasks() {
        return tasks;
    }

    public Workspace workspace() {
        return workspace;
    }

    public Path workspaceFile() {
        return workspaceFile;
    }

    /** Puts a text into the hypothesis editor (e.g. an excerpt) and shows that pane. */
    public void sendToHypothesis(String text) {
        hypothesisListeners.forEach(l -> l.accept(text));
        showPane("hypothesis");
    }

    public void onSendToHypothesis(Consumer<String> listener) {
        hypothesisListeners.add(listener);
    }

    /** Asks the shell to bring a pane to the front, by id ("corpus", "neurons", "hypothesis", …). */
    public void showPane(String paneId) {
        paneListeners.forEach(l -> l.accept(paneId));
    }

    public void onShowPane(Consumer<String> listener) {
        paneListeners.add(listener);
    }

    /** Asks the shell to load a model ("default", a folder, an id in the HF cache) in the background. */
    public void loadModel(String spec) {
        modelRequests.forEach(l -> l.accept(spec));
    }

    public void onLoadModel(Consumer<String> listener) {
        modelRequests.add(listener);
    }

    /** One line about the model for status bars: loading, loaded (with its shape) or failed. */
    public StringProperty modelStatusProperty() {
        return modelStatus;
    }

    /** Latency recorders shown by the debug overlay. */
    public Metrics metrics() {
        return metrics;
    }

    /** Lets a pane copy its state into the workspace just before it is written. */
    public void onBeforeSave(Runnable hook) {
        beforeSave.add(hook);
    }

    /** Collects every pane's state and writes the workspace file. Call on the FX thread. */
    public void saveWorkspace() throws IOException {
        beforeSave.forEach(Runnable::run);
        workspace.save(workspaceFile);
    }
}
