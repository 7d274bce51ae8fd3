package org.neuronworkbench.ui.semantic;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.ObservableSet;
import javafx.concurrent.Task;
import org.neuronworkbench.analysis.semantic.LayerMap;
import org.neuronworkbench.analysis.semantic.LayerSeparation;
import org.neuronworkbench.analysis.semantic.Lemma;
import org.neuronworkbench.analysis.semantic.LemmaNeurons;
import org.neuronworkbench.analysis.semantic.LemmaVectors;
import org.neuronworkbench.analysis.semantic.MapParams;
import org.neuronworkbench.analysis.semantic.MapStore;
import org.neuronworkbench.analysis.semantic.SemanticMap;
import org.neuronworkbench.analysis.semantic.VectorSource;
import org.neuronworkbench.analysis.semantic.WordNetLemmas;
import org.neuronworkbench.export.MapPoint;
import org.neuronworkbench.export.Rgb;
import org.neuronworkbench.index.CorpusIndex;
import org.neuronworkbench.index.NeuronScore;
import org.neuronworkbench.model.ModelRunner;
import org.neuronworkbench.ui.common.BackgroundTasks;

/**
 * The semantic map pane without scene classes: lemma vectors of the open index, one layer's map
 * (stored, or computed in the background with the layout published every few iterations), the
 * colour classes and their filter, search, hit-testing, and the neurons of a lemma or selection.
 * Properties change on the FX thread only.
 */
public final class SemanticMapViewModel {
    /** Colour the points by WordNet domain or by part of speech. */
    public enum ColourBy { DOMAIN, POS }

    /** One legend row. */
    public record LegendEntry(String name, int count, Rgb colour, boolean hidden) {
    }

    static final int NEURONS_SHOWN = 10;

    private final BackgroundTasks tasks;
    private final Supplier<ModelRunner> model;
    private final Supplier<CorpusIndex> index;
    private final ObjectProperty<MapView> view = new SimpleObjectProperty<>();
    private final MapClasses classes = new MapClasses();
    private final IntegerProperty selected = new SimpleIntegerProperty(-1);
    private final ObjectProperty<int[]> selection = new SimpleObjectProperty<>(new int[0]);
    private final ObservableList<NeuronScore> neurons = FXCollections.observableArrayList();
    private final ObservableList<LayerSeparation> separations = FXCollections.observableArrayList();
    private final StringProperty status = new SimpleStringProperty("Open an index and load a model to map WordNet lemmas.");
    private final BooleanProperty running = new SimpleBooleanProperty(false);
    private final javafx.beans.property.DoubleProperty progress = new javafx.beans.property.SimpleDoubleProperty(0);
    private MapParams params = MapParams.defaults(VectorSource.AMAP);
    private LemmaVectors vectors;
    private Task<?> current;
    /** Cancels the current task's work without cancelling the Task, so it still delivers its partial result. */
    private org.neuronworkbench.work.CancelSwitch stop = new org.neuronworkbench.work.CancelSwitch();

    public SemanticMapViewModel(BackgroundTasks tasks, Supplier<ModelRunner> model, Supplier<CorpusIndex> index) {
        this.tasks = tasks;
        this.model = model;
        this.index = index;
        classes.colourBy().addListener((o, a, b) -> {
            classes.hidden().clear();
            classes.recolour(view.get());
        });
        classes.topN().addListener((o, a, b) -> classes.recolour(view.get()));
        view.addListener((o, a, b) -> {
            if (a == null || b == null || a.vectors() != b.vectors()) {
                classes.recolour(b);
            }
        });
    }

    public ObjectProperty<MapView> viewProperty() {
        return view;
    }

    public ObjectProperty<ColourBy> colourByProperty() {
        return classes.colourBy();
    }

    /** Show only the N largest classes in colour (0 = all); the others become "other" grey and are hidden. */
    public IntegerProperty topNProperty() {
        return classes.topN();
    }

    public ObservableSet<String> hidden() {
        return classes.hidden();
    }

    public IntegerProperty selectedProperty() {
        return selected;
    }

    public ObjectProperty<int[]> selectionProperty() {
        return selection;
    }

    public ObservableList<NeuronScore> neurons() {
        return neurons;
    }

    public ObservableList<LayerSeparation> separations() {
        return separations;
    }

    public StringProperty statusProperty() {
        return status;
    }

    public BooleanProperty runningProperty() {
        return running;
    }

    /** Progress of the running task (0..1, -1 unknown). */
    public javafx.beans.property.DoubleProperty progressProperty() {
        return progress;
    }

    public MapParams params() {
        return params;
    }

    public LemmaVectors vectors() {
        return vectors;
    }

    /** Loads the lemma vectors of the open index (on the model thread), then shows {@code layer}. */
    public Task<LemmaVectors> load(MapParams p, int layer) {
        CorpusIndex idx = index.get();
        ModelRunner runner = model.get();
        if (idx == null || runner == null) {
            status.set(idx == null ? "Open an index first (Corpus pane)." : "Load a model first.");
            return null;
        }
        cancel();
        stop = new org.neuronworkbench.work.CancelSwitch();
        org.neuronworkbench.work.CancelSwitch halt = stop;
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
        separations.sort(java.util.Comparator.comparingInt(LayerSeparation::layer));
    }

    /** Shows a layer: the stored map at once, otherwise t-SNE in the background with moving points. */
    public Task<LayerMap> show(int layer, boolean recompute) {
        if (vectors == null) {
            return null;
        }
        cancel();
        clearSelection();
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
        stop = new org.neuronworkbench.work.CancelSwitch();
        org.neuronworkbench.work.CancelSwitch halt = stop;
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
                    LayerSeparation sep = org.neuronworkbench.analysis.semantic.LayerSeparation.measure(v, layer, p.seed());
                    MapStore.save(dir, identity, p, v, map, sep);
                    Platform.runLater(() -> addSeparation(sep));
                }
                return map;
            }
        };
        task.setOnSucceeded(e -> {
            LayerMap m = task.getValue();
            view.set(MapView.of(v, layer, m.xy(), m.method(), false, true, m.cancelled()));
            status.set(String.format(java.util.Locale.ROOT, "Layer %d: %d lemmas, %s, %.1f s%s", layer, m.points(), m.method(),
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
    public void cancel() {
        stop.cancel();
    }

    private static String message(Throwable t) {
        return t == null ? "unknown error" : t.getMessage() == null ? t.toString() : t.getMessage();
    }

    // ---- classes and colours (kept in MapClasses) ----

    String classOf(int i) {
        return classes.classOf(view.get(), i);
    }

    /** Legend rows, largest class first; with "top N", classes past N are hidden. */
    public List<LegendEntry> legend() {
        return classes.legend(view.get());
    }

    /** Clicking a legend row hides or shows that class. */
    public void toggle(String className) {
        classes.toggle(className);
    }

    public Rgb colour(int i) {
        return classes.colour(view.get(), i);
    }

    // ---- picking, search, neurons ----

    /** The visible lemma nearest a point in map coordinates within {@code radius}, or -1. */
    public int hit(double x, double y, double radius) {
        MapView v = view.get();
        if (v == null) {
            return -1;
        }
        boolean[] shown = visibility();
        return v.grid().nearest(x, y, radius, i -> shown[i]);
    }

    /** Visibility of every lemma, computed once per query rather than per point. */
    boolean[] visibility() {
        return classes.visibility(view.get());
    }

    /** Finds a lemma by text (exact, then case-insensitive, then prefix) and selects it; -1 if none. */
    public int search(String text) {
        MapView v = view.get();
        if (v == null || text == null || text.isBlank()) {
            return -1;
        }
        int i = v.vectors().find(text);
        if (i < 0) {
            String prefix = text.strip().toLowerCase(java.util.Locale.ROOT);
            for (int k = 0; k < v.vectors().size() && i < 0; k++) {
                if (v.vectors().lemmas().get(k).lemma().toLowerCase(java.util.Locale.ROOT).startsWith(prefix)) {
                    i = k;
                }
            }
        }
        if (i >= 0) {
            select(i);
        } else {
            status.set("'" + text.strip() + "' is not on this map.");
        }
        return i;
    }

    /** Selects one lemma and lists the neurons its vector ranks highest at this layer. */
    public void select(int i) {
        MapView v = view.get();
        selected.set(i);
        selection.set(new int[0]);
        neurons.setAll(i < 0 ? List.of() : LemmaNeurons.top(v.vectors().vector(i, v.layer()), v.layer(), NEURONS_SHOWN));
    }

    /** Selects the visible lemmas in a rectangle and lists the neurons of their mean vector. */
    public int[] selectRect(double ax, double ay, double bx, double by) {
        MapView v = view.get();
        if (v == null) {
            return new int[0];
        }
        boolean[] shown = visibility();
        int[] in = v.grid().inRect(ax, ay, bx, by, i -> shown[i]);
        selected.set(-1);
        selection.set(in);
        neurons.setAll(LemmaNeurons.topOfMean(v.vectors(), in, v.layer(), NEURONS_SHOWN));
        return in;
    }

    private void clearSelection() {
        selected.set(-1);
        selection.set(new int[0]);
        neurons.clear();
    }

    /** One line for the hover card: lemma, synset, part of speech, domain, gloss. */
    public String describe(int i) {
        Lemma l = view.get().vectors().lemmas().get(i);
        return l.lemma() + "  (" + l.synset() + ", " + l.pos() + ", domain: " + l.domain() + ")\n" + l.gloss();
    }

    /** The shown map as export points (visible lemmas only). */
    public List<MapPoint> points() {
        MapView v = view.get();
        List<MapPoint> out = new ArrayList<>();
        if (v == null) {
            return out;
        }
        boolean[] shown = visibility();
        for (int i = 0; i < v.vectors().size(); i++) {
            if (shown[i]) {
                Lemma l = v.vectors().lemmas().get(i);
                out.add(new MapPoint(l.lemma(), l.synset(), l.pos(), l.domain(), v.layer(), v.x(i), v.y(i)));
            }
        }
        return out;
    }

    BackgroundTasks tasksForExport() {
        return tasks;
    }

    public Map<String, Rgb> colours() {
        return classes.colours().get();
    }

    /** Changes after every recolouring: the scatter and the legend redraw on it, never before it. */
    public ObjectProperty<Map<String, Rgb>> coloursProperty() {
        return classes.colours();
    }
}
