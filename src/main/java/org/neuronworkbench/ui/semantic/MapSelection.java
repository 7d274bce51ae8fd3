package org.neuronworkbench.ui.semantic;

import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.neuronworkbench.analysis.semantic.LemmaNeurons;
import org.neuronworkbench.index.NeuronScore;

/**
 * The semantic map's selection job: one lemma (click or search) or many (rectangle or lasso), and
 * the neurons the lemma's vector, or the selection's mean vector, ranks highest at the shown layer.
 * Only visible lemmas (classes not hidden in the legend) can be picked. FX thread only.
 */
final class MapSelection {
    static final int NEURONS_SHOWN = 10;

    private final Supplier<MapView> view;
    private final Supplier<boolean[]> visibility;
    private final Consumer<String> status;
    private final IntegerProperty selected = new SimpleIntegerProperty(-1);
    private final ObjectProperty<int[]> selection = new SimpleObjectProperty<>(new int[0]);
    private final ObservableList<NeuronScore> neurons = FXCollections.observableArrayList();

    MapSelection(Supplier<MapView> view, Supplier<boolean[]> visibility, Consumer<String> status) {
        this.view = view;
        this.visibility = visibility;
        this.status = status;
    }

    IntegerProperty selected() {
        return selected;
    }

    ObjectProperty<int[]> selection() {
        return selection;
    }

    ObservableList<NeuronScore> neurons() {
        return neurons;
    }

    /** The visible lemma nearest a point in map coordinates within {@code radius}, or -1. */
    int hit(double x, double y, double radius) {
        MapView v = view.get();
        if (v == null) {
            return -1;
        }
        boolean[] shown = visibility.get();
        return v.grid().nearest(x, y, radius, i -> shown[i]);
    }

    /** Finds a lemma by text (exact, then case-insensitive, then prefix) and selects it; -1 if none. */
    int search(String text) {
        MapView v = view.get();
        if (v == null || text == null || text.isBlank()) {
            return -1;
        }
        int i = v.vectors().find(text);
        if (i < 0) {
            String prefix = text.strip().toLowerCase(Locale.ROOT);
            for (int k = 0; k < v.vectors().size() && i < 0; k++) {
                if (v.vectors().lemmas().get(k).lemma().toLowerCase(Locale.ROOT).startsWith(prefix)) {
                    i = k;
                }
            }
        }
        if (i >= 0) {
            select(i);
        } else {
            status.accept("'" + text.strip() + "' is not on this map.");
        }
        return i;
    }

    /** Selects one lemma and lists the neurons its vector ranks highest at this layer. */
    void select(int i) {
        MapView v = view.get();
        selected.set(i);
        selection.set(new int[0]);
        neurons.setAll(i < 0 ? List.of() : LemmaNeurons.top(v.vectors().vector(i, v.layer()), v.layer(), NEURONS_SHOWN));
    }

    /** Selects the visible lemmas in a rectangle (any corner order). */
    int[] selectRect(double ax, double ay, double bx, double by) {
        MapView v = view.get();
        if (v == null) {
            return new int[0];
        }
        boolean[] shown = visibility.get();
        return selectMany(v, v.grid().inRect(ax, ay, bx, by, i -> shown[i]));
    }

    /**
     * Selects the visible lemmas inside a free-form polygon (map coordinates, x and y alternating,
     * closed implicitly; even-odd rule, so a lasso that crosses itself leaves its overlaps out).
     * Fewer than three corners select nothing.
     */
    int[] selectLasso(double[] polygon) {
        MapView v = view.get();
        if (v == null) {
            return new int[0];
        }
        boolean[] shown = visibility.get();
        return selectMany(v, v.grid().inPolygon(polygon, i -> shown[i]));
    }

    private int[] selectMany(MapView v, int[] in) {
        selected.set(-1);
        selection.set(in);
        neurons.setAll(LemmaNeurons.topOfMean(v.vectors(), in, v.layer(), NEURONS_SHOWN));
        return in;
    }

    void clear() {
        selected.set(-1);
        selection.set(new int[0]);
        neurons.clear();
    }
}
