package org.neuronworkbench.ui.semantic;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.ObservableList;
import javafx.collections.ObservableSet;
import javafx.concurrent.Task;
import org.neuronworkbench.analysis.semantic.LayerMap;
import org.neuronworkbench.analysis.semantic.LayerSeparation;
import org.neuronworkbench.analysis.semantic.Lemma;
import org.neuronworkbench.analysis.semantic.LemmaVectors;
import org.neuronworkbench.analysis.semantic.MapParams;
import org.neuronworkbench.export.MapExporter;
import org.neuronworkbench.export.MapPoint;
import org.neuronworkbench.export.Rgb;
import org.neuronworkbench.index.CorpusIndex;
import org.neuronworkbench.index.NeuronScore;
import org.neuronworkbench.model.ModelRunner;
import org.neuronworkbench.ui.common.BackgroundTasks;

/**
 * The semantic map pane without scene classes. It joins three jobs, each in its own class: the
 * background work of loading lemma vectors and laying out a layer ({@link MapJobs}), the colour
 * classes and their legend filter ({@link MapClasses}), and picking: hover, search, click,
 * rectangle and lasso ({@link MapSelection}). Properties change on the FX thread only.
 */
public final class SemanticMapViewModel {
    /** Colour the points by WordNet domain or by part of speech. */
    public enum ColourBy { DOMAIN, POS }

    /** One legend row. */
    public record LegendEntry(String name, int count, Rgb colour, boolean hidden) {
    }

    static final int NEURONS_SHOWN = MapSelection.NEURONS_SHOWN;

    private final ObjectProperty<MapView> view = new SimpleObjectProperty<>();
    private final StringProperty status = new SimpleStringProperty("Open an index and load a model to map WordNet lemmas.");
    private final MapClasses classes = new MapClasses();
    private final MapSelection selection = new MapSelection(view::get, this::visibility, status::set);
    private final MapJobs jobs;

    public SemanticMapViewModel(BackgroundTasks tasks, Supplier<ModelRunner> model, Supplier<CorpusIndex> index) {
        this.jobs = new MapJobs(tasks, model, index, view, status, selection::clear);
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

    public StringProperty statusProperty() {
        return status;
    }

    // ---- background jobs (MapJobs) ----

    public ObservableList<LayerSeparation> separations() {
        return jobs.separations();
    }

    public BooleanProperty runningProperty() {
        return jobs.running();
    }

    /** Progress of the running task (0..1, -1 unknown). */
    public DoubleProperty progressProperty() {
        return jobs.progress();
    }

    public MapParams params() {
        return jobs.params();
    }

    public LemmaVectors vectors() {
        return jobs.vectors();
    }

    /** Loads the lemma vectors of the open index (on the model thread), then shows {@code layer}. */
    public Task<LemmaVectors> load(MapParams p, int layer) {
        return jobs.load(p, layer);
    }

    /** Shows a layer: the stored map at once, otherwise t-SNE in the background with moving points. */
    public Task<LayerMap> show(int layer, boolean recompute) {
        return jobs.show(layer, recompute);
    }

    /** Cancels the running task; a t-SNE run ends with its last layout shown. */
    public void cancel() {
        jobs.cancel();
    }

    /** Writes the shown map (visible lemmas) on the I/O pool; the status line says how it went. */
    Task<Path> export(String format, Path file) {
        var points = points();
        var view = viewProperty().get();
        boolean byDomain = colourByProperty().get() == ColourBy.DOMAIN;
        var style = new MapExporter.Style("Layer " + (view == null ? "?" : view.layer()) + ": " + points.size()
                + " WordNet lemmas, " + (view == null ? "" : view.method()), byDomain, colours(),
                legend().stream().filter(e -> !e.hidden()).map(e -> java.util.Map.entry(e.name(), e.count())).toList());
        Task<Path> task = new Task<>() {
            @Override
            protected Path call() throws Exception {
                switch (format) {
                    case "PNG" -> MapExporter.png(points, style, file);
                    case "SVG" -> MapExporter.svg(points, style, file);
                    default -> MapExporter.csv(points, file);
                }
                return file;
            }
        };
        task.setOnSucceeded(e -> statusProperty().set("Exported " + points.size() + " lemmas to " + file));
        task.setOnFailed(e -> statusProperty().set("Export failed: " + task.getException().getMessage()));
        jobs.tasks().runIo(task);
        return task;
    }

    // ---- classes and colours (MapClasses) ----

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

    /** Visibility of every lemma, computed once per query rather than per point. */
    boolean[] visibility() {
        return classes.visibility(view.get());
    }

    public Map<String, Rgb> colours() {
        return classes.colours().get();
    }

    /** Changes after every recolouring: the scatter and the legend redraw on it, never before it. */
    public ObjectProperty<Map<String, Rgb>> coloursProperty() {
        return classes.colours();
    }

    // ---- picking, search, neurons (MapSelection) ----

    public IntegerProperty selectedProperty() {
        return selection.selected();
    }

    public ObjectProperty<int[]> selectionProperty() {
        return selection.selection();
    }

    public ObservableList<NeuronScore> neurons() {
        return selection.neurons();
    }

    /** The visible lemma nearest a point in map coordinates within {@code radius}, or -1. */
    public int hit(double x, double y, double radius) {
        return selection.hit(x, y, radius);
    }

    /** Finds a lemma by text (exact, then case-insensitive, then prefix) and selects it; -1 if none. */
    public int search(String text) {
        return selection.search(text);
    }

    /** Selects one lemma and lists the neurons its vector ranks highest at this layer. */
    public void select(int i) {
        selection.select(i);
    }

    /** Selects the visible lemmas in a rectangle and lists the neurons of their mean vector. */
    public int[] selectRect(double ax, double ay, double bx, double by) {
        return selection.selectRect(ax, ay, bx, by);
    }

    /**
     * Selects the visible lemmas inside a lasso (map coordinates, x and y alternating) and lists the
     * neurons of their mean vector.
     */
    public int[] selectLasso(double[] polygon) {
        return selection.selectLasso(polygon);
    }

    // ---- reading the shown map ----

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
}
