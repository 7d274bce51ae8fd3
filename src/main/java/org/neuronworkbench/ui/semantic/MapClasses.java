package org.neuronworkbench.ui.semantic;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableSet;
import org.neuronworkbench.analysis.semantic.Lemma;
import org.neuronworkbench.export.MapPalette;
import org.neuronworkbench.export.Rgb;
import org.neuronworkbench.ui.semantic.SemanticMapViewModel.ColourBy;
import org.neuronworkbench.ui.semantic.SemanticMapViewModel.LegendEntry;

/**
 * The colour classes of a map (domains or parts of speech): their colours, the legend with counts,
 * the classes hidden by a legend click or past "top N", and so which lemmas are drawn and hit.
 */
final class MapClasses {
    private final ObjectProperty<ColourBy> colourBy = new SimpleObjectProperty<>(ColourBy.DOMAIN);
    private final IntegerProperty topN = new SimpleIntegerProperty(0);
    private final ObservableSet<String> hidden = FXCollections.observableSet();
    /** Class colours; replaced (never mutated) whenever colour-by, top N or the lemmas change. */
    private final ObjectProperty<Map<String, Rgb>> colours = new SimpleObjectProperty<>(Map.of());
    /**
     * The last visibility computed, for these lemmas at this version of the classes: hover asks on
     * every mouse move, and recomputing it is two passes over every lemma (tens of ms at 100,000).
     */
    private boolean[] visible;
    private Object visibleFor;
    private int visibleVersion = -1;
    private int version;

    MapClasses() {
        // Change listeners (not invalidation ones, which stay quiet until the value is read again).
        colourBy.addListener((o, a, b) -> version++);
        topN.addListener((o, a, b) -> version++);
        colours.addListener((o, a, b) -> version++);
        hidden.addListener((javafx.collections.SetChangeListener<String>) c -> version++);
    }

    ObjectProperty<ColourBy> colourBy() {
        return colourBy;
    }

    IntegerProperty topN() {
        return topN;
    }

    ObservableSet<String> hidden() {
        return hidden;
    }

    ObjectProperty<Map<String, Rgb>> colours() {
        return colours;
    }


    String classOf(MapView v, int i) {
        Lemma l = v.vectors().lemmas().get(i);
        return colourBy.get() == ColourBy.DOMAIN ? l.domain() : l.pos();
    }

    /** Legend rows, largest class first; with "top N", classes past N are hidden. */
    List<LegendEntry> legend(MapView v) {
        if (v == null) {
            return List.of();
        }
        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i < v.vectors().size(); i++) {
            counts.merge(classOf(v, i), 1, Integer::sum);
        }
        List<Map.Entry<String, Integer>> sorted = new ArrayList<>(counts.entrySet());
        sorted.sort(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
        List<LegendEntry> out = new ArrayList<>();
        int rank = 0;
        for (Map.Entry<String, Integer> e : sorted) {
            boolean counted = !e.getKey().equals(MapPalette.NONE);
            boolean pastTop = topN.get() > 0 && counted && rank >= topN.get();
            out.add(new LegendEntry(e.getKey(), e.getValue(), colours.get().getOrDefault(e.getKey(), MapPalette.OTHER),
                    hidden.contains(e.getKey()) || pastTop));
            rank += counted ? 1 : 0;
        }
        return out;
    }

    void recolour(MapView v) {
        if (v == null) {
            return;
        }
        List<String> order = new ArrayList<>();
        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i < v.vectors().size(); i++) {
            counts.merge(classOf(v, i), 1, Integer::sum);
        }
        counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()
                .thenComparing(Map.Entry.comparingByKey())).forEach(e -> order.add(e.getKey()));
        colours.set(MapPalette.colours(order, topN.get() > 0 ? topN.get() : MapPalette.maxColours()));
    }

    /** Clicking a legend row hides or shows that class. */
    void toggle(String className) {
        if (!hidden.remove(className)) {
            hidden.add(className);
        }
    }

    Rgb colour(MapView v, int i) {
        return colours.get().getOrDefault(classOf(v, i), MapPalette.OTHER);
    }

    /** Which lemmas are drawn and hit; the array is shared, callers only read it. */
    boolean[] visibility(MapView v) {
        if (visible != null && visibleFor == v.vectors() && visibleVersion == version) {
            return visible;
        }
        boolean[] out = new boolean[v.vectors().size()];
        Set<String> off = new HashSet<>();
        for (LegendEntry e : legend(v)) {
            if (e.hidden()) {
                off.add(e.name());
            }
        }
        for (int i = 0; i < out.length; i++) {
            out[i] = !off.contains(classOf(v, i));
        }
        visible = out;
        visibleFor = v.vectors();
        visibleVersion = version;
        return out;
    }
}
