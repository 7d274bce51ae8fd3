package org.neuronworkbench.ui.neurons;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.application.Platform;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.concurrent.Task;
import javafx.concurrent.Worker;
import org.neuronworkbench.analysis.explain.ExplainLayer;
import org.neuronworkbench.analysis.explain.ExplainNeuron;
import org.neuronworkbench.analysis.explain.ExplanationStore;
import org.neuronworkbench.analysis.explain.NeuronExplanation;
import org.neuronworkbench.analysis.explain.StoredExplanation;
import org.neuronworkbench.model.MlpNeuron;
import org.neuronworkbench.model.ModelRunner;
import org.neuronworkbench.ui.common.OpenIndex;
import org.neuronworkbench.ui.common.WorkTask;
import org.neuronworkbench.ui.common.WorkbenchContext;

/**
 * The Explain actions of the neuron browser, without a window: one neuron ({@link ExplainNeuron})
 * or a whole layer ({@link ExplainLayer}, with resume), on the model thread as a {@link WorkTask}
 * with progress and cancel, stored in the open index's explanations as the {@code explain} command
 * stores them. Finished explanations go into the browser's explanation map as they arrive, so the
 * table's columns and the page fill during a layer run. One explain task at a time. Use on the FX thread.
 */
public final class NeuronExplainer {
    private final WorkbenchContext ctx;
    private final NeuronBrowserViewModel browser;
    private final ExplainTools tools;
    private final BooleanProperty running = new SimpleBooleanProperty();
    private final StringProperty status = new SimpleStringProperty("");
    private final ObjectProperty<NeuronExplanation> last = new SimpleObjectProperty<>();
    private final ObjectProperty<ExplainLayer.Result> lastLayer = new SimpleObjectProperty<>();
    private final ConcurrentLinkedQueue<StoredExplanation> arrived = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    private final ObjectProperty<Task<?>> task = new SimpleObjectProperty<>();
    private final StringProperty method = new SimpleStringProperty();
    private final StringProperty methodBrief = new SimpleStringProperty();

    public NeuronExplainer(WorkbenchContext ctx, NeuronBrowserViewModel browser) {
        this.ctx = ctx;
        this.browser = browser;
        this.tools = new ExplainTools(ctx.workspace(), ctx.environment());
        refreshMethod();
        browser.openIndex().currentProperty().addListener((o, a, now) -> cancel());
    }

    /** True while an explain task is queued or running. */
    public BooleanProperty runningProperty() {
        return running;
    }

    /** What the last or current task says: progress, the outcome, warnings or why it could not start. */
    public StringProperty statusProperty() {
        return status;
    }

    /** What the last one-neuron run returned (as the method returned it). */
    public ObjectProperty<NeuronExplanation> lastProperty() {
        return last;
    }

    public ObjectProperty<ExplainLayer.Result> lastLayerProperty() {
        return lastLayer;
    }

    /** The last task started (running or done), or null. */
    public ObjectProperty<Task<?>> taskProperty() {
        return task;
    }

    /** How explanations are made now: "offline rule explainer" or the configured LLM. */
    public String method() {
        return tools.describe();
    }

    /** {@link #method()}, updated when the explanation settings are saved. */
    public StringProperty methodProperty() {
        return method;
    }

    /** The method in a few words ("offline rules", "LLM NAME at HOST:PORT"), for the Explain row. */
    public StringProperty methodBriefProperty() {
        return methodBrief;
    }

    /** A fresh view model of the explanation settings; saving it updates {@link #methodProperty()}. */
    public ExplanationSettings settings() {
        return new ExplanationSettings(ctx, this::refreshMethod);
    }

    private void refreshMethod() {
        method.set(tools.describe());
        methodBrief.set(tools.brief());
    }

    public void cancel() {
        if (task.get() != null) {
            task.get().cancel();
        }
    }

    /** Explains the shown neuron; null (with a status saying why) when it cannot start. */
    public Task<NeuronExplanation> explainShown() {
        MlpNeuron n = browser.neuronProperty().get();
        OpenIndex.Opened o = ready(n == null ? "No neuron is shown." : null);
        if (o == null) {
            return null;
        }
        ModelRunner model = ctx.model();
        WorkTask<NeuronExplanation> t = new WorkTask<>("Explain " + n, (progress, cancel) -> {
            ExplainTools.Parts p = tools.parts(model);
            NeuronExplanation x = ExplainNeuron.run(new ExplainNeuron.Request(o.index(), n, model, p.encoder(), p.words(),
                    p.llm()), progress, cancel);
            if (!x.cancelled()) {
                ExplanationStore store = ExplanationStore.open(o.index().dir());
                store.put(StoredExplanation.of(x));
                store.save();
            }
            return x;
        });
        t.setOnSucceeded(e -> {
            NeuronExplanation x = t.getValue();
            if (x.cancelled()) {
                status.set("Explaining " + n + " was cancelled; nothing was stored.");
            } else {
                last.set(x);
                merge(List.of(StoredExplanation.of(x)), o);
                status.set(String.format(java.util.Locale.ROOT, "%s explained (%s), score %.2f%s", n, tools.describe(),
                        x.score(), x.warnings().isEmpty() ? "" : "; " + String.join("; ", x.warnings())));
            }
        });
        return start(t);
    }

    /** Explains every neuron of a layer (skipping those already stored when {@code resume}); null when it cannot start. */
    public Task<ExplainLayer.Result> explainLayer(int layer, boolean resume) {
        OpenIndex.Opened o = ready(null);
        if (o == null) {
            return null;
        }
        ModelRunner model = ctx.model();
        WorkTask<ExplainLayer.Result> t = new WorkTask<>("Explain layer " + layer, (progress, cancel) -> {
            ExplainTools.Parts p = tools.parts(model);
            return ExplainLayer.run(new ExplainLayer.Request(o.index(), List.of(layer), model, p.encoder(), p.words(), p.llm(),
                    resume), progress, cancel, x -> arrived(x, o));
        });
        t.setOnSucceeded(e -> {
            ExplainLayer.Result r = t.getValue();
            drain(o);
            lastLayer.set(r);
            status.set(String.format(java.util.Locale.ROOT, "Layer %d: %d explained, %d already stored, %d dead%s in %.0f s%s",
                    layer, r.explained(), r.alreadyStored(), r.dead(), r.cancelled() ? " (cancelled: resume to go on)" : "",
                    r.elapsed().toMillis() / 1000.0, r.warnings().isEmpty() ? "" : "; " + String.join("; ", r.warnings())));
        });
        t.setOnCancelled(e -> drain(o));
        // A layer takes hours; its progress reports all come between forwards (after each packed
        // substitution forward and each neuron), so typing meanwhile is coloured there.
        t.yieldingToInteractive();
        return start(t);
    }

    /** The open index if explaining can start now, else null with the reason in the status. */
    private OpenIndex.Opened ready(String problem) {
        OpenIndex.Opened o = browser.openIndex().current();
        if (problem == null && o == null) {
            problem = "No index is open: build or open one in the Corpus pane.";
        } else if (problem == null && ctx.model() == null) {
            problem = "No model is loaded: load the index's model (" + o.info().modelSource() + ") in the Model pane.";
        } else if (problem == null && browser.openIndex().indexFor(ctx.model()) == null) {
            problem = "The open index was built with " + o.info().modelSource() + ", not the loaded model "
                    + ctx.model().source() + ": load " + o.info().modelSource() + " to explain its neurons.";
        } else if (problem == null && running.get()) {
            problem = "An explain task is already running: cancel it first.";
        }
        if (problem != null) {
            status.set(problem);
            return null;
        }
        return o;
    }

    private <T> Task<T> start(WorkTask<T> t) {
        task.set(t);
        running.set(true);
        status.set(t.getTitle() + " (" + tools.describe() + ")…");
        t.messageProperty().addListener((obs, a, now) -> {
            if (t == task.get() && t.isRunning()) {
                // The bar alone is hard to read at 1 % of a layer: the share done leads the line.
                status.set(t.getProgress() > 0 ? String.format(java.util.Locale.ROOT, "%.1f %% · %s", 100 * t.getProgress(), now)
                        : now);
            }
        });
        t.setOnFailed(e -> status.set(t.getTitle() + " failed: " + NeuronBrowserViewModel.describe(t.getException())));
        t.stateProperty().addListener((obs, a, state) -> {
            // The state, not t.isDone(): JavaFX posts SUCCEEDED before the worker's FutureTask is
            // marked done, so isDone() can still be false here, and nothing would call again.
            boolean ended = state == Worker.State.SUCCEEDED || state == Worker.State.FAILED || state == Worker.State.CANCELLED;
            if (t != task.get() || !ended) {
                return;
            }
            running.set(false);
            if (state == Worker.State.CANCELLED) {
                status.set(t.getTitle() + " cancelled." + (t.getTitle().startsWith("Explain layer")
                        ? " What was explained is stored; Explain layer… with resume goes on from there." : ""));
            }
        });
        return ctx.tasks().runModel(t);
    }

    /** On the worker thread: queue one stored explanation and drain the queue on the FX thread, coalesced. */
    private void arrived(StoredExplanation x, OpenIndex.Opened o) {
        arrived.add(x);
        if (drainScheduled.compareAndSet(false, true)) {
            Platform.runLater(() -> drain(o));
        }
    }

    private void drain(OpenIndex.Opened o) {
        drainScheduled.set(false);
        List<StoredExplanation> batch = new java.util.ArrayList<>();
        for (StoredExplanation x; (x = arrived.poll()) != null; ) {
            batch.add(x);
        }
        merge(batch, o);
    }

    /** One replacement of the browser's map per batch (one table refresh), only for the index they belong to. */
    private void merge(List<StoredExplanation> xs, OpenIndex.Opened o) {
        if (xs.isEmpty() || browser.openIndex().current() != o) {
            return;
        }
        Map<MlpNeuron, StoredExplanation> m = new HashMap<>(browser.explanationsProperty().get());
        xs.forEach(x -> m.put(x.neuron(), x));
        browser.explanationsProperty().set(Map.copyOf(m));
    }
}
