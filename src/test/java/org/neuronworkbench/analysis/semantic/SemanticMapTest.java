package org.neuronworkbench.analysis.semantic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.neuronworkbench.work.Cancel;
import org.neuronworkbench.work.CancelSwitch;
import org.neuronworkbench.work.Progress;

/** One layer's map of real lemma vectors: reproducible, cancellable, and clear about bad settings. */
class SemanticMapTest {
    private static final MapParams PARAMS = new MapParams(VectorSource.AMAP, 0, 10, 120, 7);

    @Test
    void theSameInputGivesTheSameMapAndEveryPointIsPlaced() {
        LemmaVectors v = SemanticFixture.amap();
        LayerMap a = SemanticMap.compute(v, 2, PARAMS, Progress.NONE, Cancel.NEVER, null);
        LayerMap b = SemanticMap.compute(v, 2, PARAMS, Progress.NONE, Cancel.NEVER, null);
        assertEquals(v.size(), a.points());
        assertArrayEquals(a.xy(), b.xy());
        assertEquals(120, a.iterationsDone());
        for (float c : a.xy()) {
            assertTrue(Float.isFinite(c));
        }
        assertTrue(!a.method().isBlank());
    }

    @Test
    void aCancelKeepsTheLastLayoutShown() {
        LemmaVectors v = SemanticFixture.amap();
        CancelSwitch cancel = new CancelSwitch();
        List<float[]> layouts = new ArrayList<>();
        LayerMap m = SemanticMap.compute(v, 1, PARAMS, Progress.NONE, cancel, xy -> {
            layouts.add(xy);
            if (layouts.size() == 3) {
                cancel.cancel();
            }
        });
        assertTrue(m.cancelled());
        assertTrue(m.iterationsDone() < 120 && m.iterationsDone() > 0, "stopped midway: " + m.iterationsDone());
        assertArrayEquals(layouts.get(layouts.size() - 1), m.xy());
    }

    @Test
    void tooLargeAPerplexityIsRefusedWithTheNumbers() {
        LemmaVectors v = SemanticFixture.amap();
        MapParams huge = new MapParams(VectorSource.AMAP, 0, v.size(), 100, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SemanticMap.compute(v, 0, huge, Progress.NONE, Cancel.NEVER, null));
        assertTrue(e.getMessage().contains("perplexity") && e.getMessage().contains(v.size() + " lemmas"), e.getMessage());
    }

    @Test
    void noLemmaKeptSaysWhy() {
        LemmaVectors none = LemmaVectors.isolated(SemanticFixture.runner(), null, WordNetLemmas.load(), 5, new int[] {0},
                Progress.NONE, () -> true);
        assertEquals(0, none.size());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SemanticMap.compute(none, 0, PARAMS, Progress.NONE, Cancel.NEVER, null));
        assertTrue(e.getMessage().startsWith("no lemma kept"), e.getMessage());
    }

    @Test
    void badSettingsAreRefusedBeforeAnyWork() {
        assertThrows(IllegalArgumentException.class, () -> new MapParams(VectorSource.AMAP, 0, -1, 100, 1));
        assertThrows(IllegalArgumentException.class, () -> new MapParams(VectorSource.AMAP, 0, 30, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new MapParams(VectorSource.AMAP, -5, 30, 10, 1));
        assertThrows(IllegalArgumentException.class, () -> VectorSource.parse("corpus"));
    }
}
