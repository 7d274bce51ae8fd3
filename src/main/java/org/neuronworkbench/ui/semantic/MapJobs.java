package org.neuronworkbench.ui.semantic;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.concurrent.Task;
import org.neuronworkbench.analysis.semantic.LayerMap;
import org.neuronworkbench.analysis.semantic.LayerSeparation;
import org.neuronworkbench.analysis.semantic.LemmaVectors;
import org.neuronworkbench.analysis.semantic.MapParams;
import org.neuronworkbench.analysis.semantic.MapStore;
import org.neuronworkbench.analysis.semantic.SemanticMap;
import org.neuronworkbench.analysis.semantic.VectorSource;
import org.neuronworkbench.analysis.semantic.WordNetLemmas;
import org.neuronworkbench.index.CorpusIndex;
import org.neuronworkbench.model.ModelRunner;
import org.neuronworkbench.ui.common.BackgroundTasks;
import org.neuronworkbench.work.CancelSwitch;

/**
 * The semantic map's background jobs: loading the open index's lemma vectors (model thread) and
 * laying out one layer (stored map at once, else t-SNE on the I/O thread with the layout published
 * every few iterations), with progress, cancel and the per-layer separation scores. Results land
 * in the view model's properties on the FX thread.
 */
final class MapJobs {
    private final BackgroundTasks tasks;
    private final Supplier<ModelRunner> model;
    private final Supplier<CorpusIndex> index;
    private final ObjectProperty<MapView> view;
    private final StringProperty status;
    private final Runnable clearSelection;
    private final ObservableList<LayerSeparation> separations = FXCollections.observableArrayList();
    private final BooleanProperty running = new SimpleBooleanProperty(false);
    private final DoubleProperty progress = new SimpleDoubleProperty(0);
    private MapParams params = MapParams.defaults(VectorSource.AMAP);
    private LemmaVectors vectors;
    private Task<?> current;
    /** Cancels the current task's work without cancelling the Task, so it still delivers its partial result. */
    private CancelSwitch stop = new CancelSwitch();

    MapJobs(BackgroundTasks tasks, Supplier<ModelRunner> model, Supplier<CorpusIndex> index,
            ObjectProperty<MapView> view, StringProperty status, Runnable clearSelection) {
        this.tasks = tasks;
        this.model = model;
        this.index = index;
        this.view = view;
        this.status = status;
        this.clearSelection = clearSelection;
    }

    ObservableList<LayerSeparation> separations() {
        return separations;
    }

    BooleanProperty running() {
        return running;
    }

    DoubleProperty progress() {
        return progress;
    }

    MapParams params() {
        return params;
    }

    LemmaVectors vectors() {
        return vectors;
    }

    BackgroundTasks tasks() {
        return tasks;
    }

    /** Loads the lemma vectors of the open index (on the model thread), then shows {@code layer}. */
    Task<LemmaVectors> load(MapParams p, int layer) {
        CorpusIndex idx = index.get();
        ModelRunner runner = model.get();
        if (idx == null || runner == null) {
            status.set(idx == null ? "Open an index first (Corpus pane)." : "Load a model first.");
            return null;
        }
        cancel();
        stop = new CancelSwitch();
        CancelSwitch halt = stop;
        params = p;
        Task<LemmaVectors> task = new Task<>() {
            @Override
            protected LemmaVectors call() {
                updateTitle("Semantic map: lemma vectors");
                idx.requireModel(runner.source(), runner.config().name(), runner.config().layers(), runner.config().dMlp());
                WordNetLemmas wn = WordNetLemmas.load();
                if (p.source() == VectorSource.AMAP) {
                    return LemmaVectors.fromAmap(idx, runner.tokenizer(), wn, p.maxPoints());
                }
                int[] all = new int[runner.config().layers()];
                for (int l = 0; l < all.length; l++) {
                    all[l] = l;
                }
                return LemmaVectors.isolated(runner, idx, wn, p.maxPoints(), all,
                        s -> updateProgress(s.done(), Math.max(1, s.total())), () -> halt.isCancelled() || isCancelled());
            }
        };
        task.setOnSucceeded(e -> {
            vectors = task.getValue();
            separations.clear();
            loadStoredSeparations(idx.dir());
            status.set(vectors.counts().kept() + " of " + vectors.counts().lemmas() + " lemmas kept; left out: "
                    + vectors.counts().leftOutText());
            show(layer, false);
        });
        task.setOnFailed(e -> status.set("Could not load lemma vectors: " + message(task.getException())));
        start(task, true);
        return task;
    }

    private void loadStoredSeparations(Path dir) {
        for (int l = 0; l < index.get().info().layers(); l++) {
            MapStore.load(dir, MapStore.identity(index.get().info()), params, l, vectors).ifPresent(s -> addSeparation(s.separation()));
        }
    }

    private void addSeparation(LayerSeparation s) {
        separations.removeIf(x -> x.layer() == s.layer());
        separations.add(s);
        separations.sort(Comparator.comparingInt(LayerSeparation::layer));
    }

    /** Shows a layer: the stored map at once, otherwise t-SNE in the background with moving points. */
    Task<LayerMap> show(int layer, boolean recompute) {
        if (vectors == null) {
            return null;
        }
        cancel();
        clearSelection.run();
        Path dir = index.get().dir();
        String identity = MapStore.identity(index.get().info());
        Optional<MapStore.Stored> stored = recompute ? Optional.empty() : MapStore.load(dir, identity, params, layer, vectors);
        if (stored.isPresent()) {
            LayerMap m = stored.get().map();
            view.set(MapView.of(vectors, layer, m.xy(), m.method(), true, true, false));
            addSeparation(stored.get().separation());
            status.set("Layer " + layer + ": stored map of " + m.points() + " lemmas (" + m.method() + ").");
            return null;
        }
        if (vectors.size() == 0) {
            status.set("No lemma kept: " + vectors.counts().leftOutText() + ".");
            return null;
        }
        LemmaVectors v = vectors;
        MapParams p = params;
        AtomicReference<MapView> latest = new AtomicReference<>();
        stop = new CancelSwitch();
        CancelSwitch halt = stop;
        Task<LayerMap> task = new Task<>() {
            @Override
            protected LayerMap call() throws Exception {
                updateTitle("Semantic map: layer " + layer);
                LayerMap map = SemanticMap.compute(v, layer, p, s -> {
                    updateProgress(s.done(), Math.max(1, s.total()));
                    updateMessage(s.phase() + " " + s.done() + "/" + s.total());
                }, () -> halt.isCancelled() || isCancelled(), xy -> {
                    // Coalesce: at most one pending layout on the FX thread, always the newest.
                    // The hit-test grid is built here, off the FX thread.
                    if (latest.getAndSet(MapView.of(v, layer, xy, "t-SNE running", false, false, false)) == null) {
                        Platform.runLater(() -> {
                            MapView now = latest.getAndSet(null);
                            if (now != null && current == this) {
                                view.set(now);
                            }
                        });
                    }
                });
                if (!map.cancelled()) {
                    LayerSeparation sep = LayerSeparation.measure(v, layer, p.seed());
                    MapStore.save(dir, identity, p, v, map, sep);
                    Platform.runLater(() -> addSeparation(sep));
                }
                return map;
            }
        };
        task.setOnSucceeded(e -> {
            LayerMap m = task.getValue();
            view.set(MapView.of(v, layer, m.xy(), m.method(), false, true, m.cancelled()));
            status.set(String.format(Locale.ROOT, "Layer %d: %d lemmas, %s, %.1f s%s", layer, m.points(), m.method(),
                    m.seconds(), m.cancelled() ? " — cancelled after " + m.iterationsDone() + " iterations, last layout kept" : ""));
        });
        task.setOnFailed(e -> status.set("Layer " + layer + ": " + message(task.getException())));
        task.setOnCancelled(e -> {
            // Cancelled from the status bar: the Task delivers no result, so keep the layout shown.
            MapView shown = view.get();
            if (shown != null && shown.layer() == layer && !shown.final_()) {
                view.set(MapView.of(v, layer, shown.xy(), shown.method(), false, true, true));
            }
            status.set("Layer " + layer + ": cancelled, last layout kept.");
        });
        status.set("Layer " + layer + ": laying out " + v.size() + " lemmas…");
        start(task, false);
        return task;
    }

    private void start(Task<?> task, boolean onModelThread) {
        current = task;
        running.set(true);
        progress.bind(task.progressProperty());
        task.runningProperty().addListener((o, a, now) -> {
            if (!now && current == task) {
                running.set(false);
            }
        });
        if (onModelThread) {
            tasks.runModel(task);
        } else {
            tasks.runIo(task);
        }
    }

    /** Cancels the running task; a t-SNE run ends with its last layout shown. */
    void cancel() {
        stop.cancel();
    }

    private static String message(Throwable t) {
        return t == null ? "unknown error" : t.getMessage() == null ? t.toString() : t.getMessage();
    }
}
