package org.neuronworkbench.ui.neurons;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Random;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.concurrent.Task;
import org.neuronworkbench.analysis.explain.ExplanationStore;
import org.neuronworkbench.analysis.explain.StoredExplanation;
import org.neuronworkbench.index.NeuronSort;
import org.neuronworkbench.index.NeuronSummary;
import org.neuronworkbench.model.MlpNeuron;
import org.neuronworkbench.ui.common.WorkbenchContext;
import org.neuronworkbench.ui.common.NeuronNotes;
import org.neuronworkbench.ui.common.OpenIndex;

/**
 * The neuron browser without a window: which neuron is shown, its page, the neuron table, and
 * navigation. Every index read runs as a background I/O task; results arriving for a neuron or
 * index that is no longer current are dropped. Use on the FX thread.
 */
public final class NeuronBrowserViewModel {
    public static final int DEFAULT_K = 20;

    private final WorkbenchContext ctx;
    private final OpenIndex openIndex;
    private final NeuronNotes notes;
    private final ObjectProperty<MlpNeuron> neuron = new SimpleObjectProperty<>();
    private final ObjectProperty<NeuronPage> page = new SimpleObjectProperty<>();
    private final StringProperty message = new SimpleStringProperty("");
    private final BooleanProperty loading = new SimpleBooleanProperty();
    private final ObservableList<NeuronSummary> rows = FXCollections.observableArrayList();
    // One immutable map replaced at once: a bulk load must not fire one table refresh per neuron.
    private final ObjectProperty<Map<MlpNeuron, StoredExplanation>> explanations = new SimpleObjectProperty<>(Map.of());
    private final Random random = new Random();
    private Task<NeuronPage> pageTask;
    /** When the page now loading (or last shown) was asked for: Go, a step, or a selection elsewhere. */
    private long pageRequestedNanos;
    private int k = DEFAULT_K;

    public NeuronBrowserViewModel(WorkbenchContext ctx, OpenIndex openIndex) {
        this.ctx = ctx;
        this.openIndex = openIndex;
        this.notes = ctx.notes();
        openIndex.currentProperty().addListener((obs, old, now) -> indexChanged(now));
        ctx.selectedNeuronProperty().addListener((obs, old, now) -> {
            if (now != null && !now.equals(neuron.get()) && openIndex.current() != null) {
                show(now);
            }
        });
        if (openIndex.current() != null) {
            indexChanged(openIndex.current());
        }
    }

    public ObjectProperty<MlpNeuron> neuronProperty() {
        return neuron;
    }

    public ObjectProperty<NeuronPage> pageProperty() {
        return page;
    }

    /** The last error or status for the user; empty when all is well. */
    public StringProperty messageProperty() {
        return message;
    }

    public BooleanProperty loadingProperty() {
        return loading;
    }

    /** Every neuron of the open index, strongest first; the table sorts and filters a view of it. */
    public ObservableList<NeuronSummary> rows() {
        return rows;
    }

    /** The open index's stored explanations (see the explain command), by neuron. */
    public ObjectProperty<Map<MlpNeuron, StoredExplanation>> explanationsProperty() {
        return explanations;
    }

    /** A neuron's stored explanation, or null. */
    public StoredExplanation explanation(MlpNeuron n) {
        return explanations.get().get(n);
    }

    public NeuronNotes notes() {
        return notes;
    }

    public OpenIndex openIndex() {
        return openIndex;
    }

    public int k() {
        return k;
    }

    /** Excerpts per page, at most what the index kept per neuron. */
    public void setK(int k) {
        this.k = Math.max(1, k);
    }

    /** {@link System#nanoTime()} when the current page was asked for, to time how long it took to show. */
    public long pageRequestedNanos() {
        return pageRequestedNanos;
    }

    /** Goes to typed text such as {@code L3N42}; returns false (with a message) when it is not valid. */
    public boolean go(String text) {
        NeuronNavigator nav = navigator();
        if (nav == null) {
            message.set("No index is open: build or open one in the Corpus pane.");
            return false;
        }
        try {
            show(nav.parse(text));
            return true;
        } catch (IllegalArgumentException e) {
            message.set(e.getMessage());
            return false;
        }
    }

    public void next() {
        step(nav -> nav.next(current()));
    }

    public void previous() {
        step(nav -> nav.previous(current()));
    }

    public void random() {
        step(nav -> nav.random(random));
    }

    private void step(java.util.function.Function<NeuronNavigator, MlpNeuron> move) {
        NeuronNavigator nav = navigator();
        if (nav != null) {
            show(move.apply(nav));
        }
    }

    private MlpNeuron current() {
        return neuron.get() == null ? new MlpNeuron(0, 0) : neuron.get();
    }

    /** The navigator for the open index, null when none is open. */
    public NeuronNavigator navigator() {
        OpenIndex.Opened o = openIndex.current();
        return o == null ? null : new NeuronNavigator(o.info().layers(), o.info().dMlp());
    }

    /** Shows a neuron: selects it everywhere at once, then loads its page in the background. */
    public Task<NeuronPage> show(MlpNeuron n) {
        OpenIndex.Opened o = openIndex.current();
        if (o == null) {
            return null;
        }
        pageRequestedNanos = System.nanoTime();
        neuron.set(n);
        ctx.selectedNeuronProperty().set(n);
        ctx.workspace().lastNeuron = n.toString();
        if (pageTask != null) {
            pageTask.cancel();
        }
        int kNow = Math.min(k, Math.max(1, o.info().topK()));
        Task<NeuronPage> task = new Task<>() {
            @Override
            protected NeuronPage call() {
                updateMessage("Reading " + n + " from the index");
                return NeuronPage.read(o.index(), n, kNow);
            }
        };
        pageTask = task;
        loading.set(true);
        task.setOnSucceeded(e -> {
            if (task == pageTask && openIndex.current() == o) {
                page.set(task.getValue());
                message.set("");
                loading.set(false);
            }
        });
        task.setOnFailed(e -> {
            if (task == pageTask) {
                message.set("Could not read " + n + ": " + describe(task.getException()));
                loading.set(false);
            }
        });
        return ctx.tasks().runIo(task);
    }

    private void indexChanged(OpenIndex.Opened now) {
        rows.clear();
        explanations.set(Map.of());
        page.set(null);
        neuron.set(null);
        if (now == null) {
            return;
        }
        loadTable(now);
        MlpNeuron start = startNeuron(now);
        show(start);
    }

    /** The workspace's last neuron if it exists in this index, else the selected one, else L0N0. */
    private MlpNeuron startNeuron(OpenIndex.Opened o) {
        NeuronNavigator nav = new NeuronNavigator(o.info().layers(), o.info().dMlp());
        for (String candidate : List.of(ctx.workspace().lastNeuron, String.valueOf(ctx.selectedNeuronProperty().get()))) {
            try {
                return nav.parse(candidate);
            } catch (IllegalArgumentException ignored) {
                // not set or out of range for this index
            }
        }
        return new MlpNeuron(0, 0);
    }

    private void loadTable(OpenIndex.Opened o) {
        int all = o.info().layers() * o.info().dMlp();
        Task<List<NeuronSummary>> task = new Task<>() {
            @Override
            protected List<NeuronSummary> call() {
                updateMessage("Reading the neuron table");
                return o.index().neurons(OptionalInt.empty(), NeuronSort.MAX, all);
            }
        };
        task.setOnSucceeded(e -> {
            if (openIndex.current() == o) {
                rows.setAll(task.getValue());
            }
        });
        task.setOnFailed(e -> message.set("Could not read the neuron table: " + describe(task.getException())));
        ctx.tasks().runIo(task);
        loadExplanations(o);
    }

    /** Reads the explanations stored beside the index (none is fine); call again after explaining. */
    public void loadExplanations(OpenIndex.Opened o) {
        Task<List<StoredExplanation>> task = new Task<>() {
            @Override
            protected List<StoredExplanation> call() {
                updateMessage("Reading the explanations");
                return ExplanationStore.open(o.index().dir()).all();
            }
        };
        task.setOnSucceeded(e -> {
            if (openIndex.current() == o) {
                Map<MlpNeuron, StoredExplanation> m = new HashMap<>();
                task.getValue().forEach(x -> m.put(x.neuron(), x));
                explanations.set(Map.copyOf(m));
            }
        });
        task.setOnFailed(e -> message.set("Could not read the explanations: " + describe(task.getException())));
        ctx.tasks().runIo(task);
    }

    static String describe(Throwable t) {
        return t == null ? "unknown error" : t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
