package org.neuronworkbench.ui.common;

import java.nio.file.Path;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.concurrent.Task;
import javafx.concurrent.WorkerStateEvent;
import org.neuronworkbench.index.CorpusIndex;
import org.neuronworkbench.index.IndexInfo;
import org.neuronworkbench.model.MlpNeuron;
import org.neuronworkbench.model.ModelConfig;
import org.neuronworkbench.model.ModelRunner;

/**
 * The corpus index the panes share (corpus, neurons, ablation means): one per
 * {@link WorkbenchContext}, its {@link WorkbenchContext#openIndex()}. Changes happen on the FX thread.
 * Replacing the index closes the previous one.
 */
public final class OpenIndex {
    /** An opened index with where it came from and what it holds (read once, off the FX thread). */
    public record Opened(Path dir, CorpusIndex index, IndexInfo info) {
    }

    private final WorkbenchContext ctx;
    private final ObjectProperty<Opened> current = new SimpleObjectProperty<>();
    private Task<Opened> pending;
    private Path pendingDir;

    OpenIndex(WorkbenchContext ctx) {
        this.ctx = ctx;
    }

    /** The open index, null while none is. */
    public ReadOnlyObjectProperty<Opened> currentProperty() {
        return current;
    }

    public Opened current() {
        return current.get();
    }

    /**
     * Opens the index in {@code dir} in the background, makes it current, remembers it as the
     * workspace's last index and, when {@code show}, brings the neuron browser forward. Failures
     * leave the current index as it was; the task's exception carries the message.
     */
    public Task<Opened> open(Path dir, boolean show) {
        Path key = dir.toAbsolutePath().normalize();
        // An index folder can be open only once per process (DuckDB locks it): reuse, don't reopen.
        if (pending != null && !pending.isDone() && pendingDir.equals(key)) {
            if (show) {
                pending.addEventHandler(WorkerStateEvent.WORKER_STATE_SUCCEEDED, e -> ctx.showPane("neurons"));
            }
            return pending;
        }
        Opened reuse = current.get() != null && current.get().dir().toAbsolutePath().normalize().equals(key)
                ? current.get() : null;
        Task<Opened> task = new Task<>() {
            @Override
            protected Opened call() {
                updateTitle("Open index " + dir.getFileName());
                if (reuse != null) {
                    return reuse;
                }
                updateMessage("Opening index " + dir);
                CorpusIndex index = CorpusIndex.open(dir);
                return new Opened(dir, index, index.info());
            }
        };
        task.setOnSucceeded(e -> {
            set(task.getValue());
            ctx.workspace().lastIndex = key.toString();
            ctx.notes().save();
            if (show) {
                ctx.showPane("neurons");
            }
        });
        pending = task;
        pendingDir = key;
        return ctx.tasks().runIo(task);
    }

    /** The open index when it was built with this model (so its numbers apply to it), else null. */
    public CorpusIndex indexFor(ModelRunner runner) {
        Opened o = current.get();
        if (o == null || runner == null) {
            return null;
        }
        ModelConfig c = runner.config();
        return o.index().builtWith(runner.source(), c.name(), c.layers(), c.dMlp()) ? o.index() : null;
    }

    /**
     * The neuron's maximum over the open index, for colour scales; NaN when no index of this model
     * is open or the neuron is outside it. Reads memory only (FX thread is fine).
     */
    public double neuronMax(MlpNeuron neuron, ModelRunner runner) {
        CorpusIndex index = indexFor(runner);
        ModelConfig c = runner == null ? null : runner.config();
        if (index == null || neuron.layer() < 0 || neuron.layer() >= c.layers() || neuron.index() < 0
                || neuron.index() >= c.dMlp()) {
            return Double.NaN;
        }
        return index.stats(neuron.layer(), neuron.index()).max();
    }

    /** Makes an already opened index current (FX thread). */
    public void set(Opened opened) {
        Opened old = current.get();
        current.set(opened);
        if (old != null && (opened == null || old.index() != opened.index())) {
            closeLater(old.index());
        }
    }

    private void closeLater(CorpusIndex index) {
        ctx.tasks().runIo(new Task<Void>() {
            @Override
            protected Void call() {
                updateTitle("Close index");
                index.close();
                return null;
            }
        });
    }
}
