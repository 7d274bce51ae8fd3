package org.neuronworkbench.analysis.semantic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.neuronworkbench.work.Cancel;

class NearestNeighboursTest {

    @Test
    void equalsAFullSortIncludingTiesAndDuplicates() {
        // Small integer coordinates: every squared distance is exact in float, and ties abound.
        SplittableRandom random = new SplittableRandom(3);
        int n = 700;
        int d = 5;
        float[][] x = new float[n][d];
        for (int i = 0; i < n; i++) {
            for (int t = 0; t < d; t++) {
                x[i][t] = random.nextInt(4);
            }
        }
        x[10] = x[20].clone();
        int k = 17;
        NearestNeighbours.Result r = NearestNeighbours.search(x, k, Cancel.NEVER, null);
        assertFalse(r.cancelled());
        for (int i = 0; i < n; i++) {
            int[] expected = new int[k];
            int[] order = bruteForce(x, i);
            System.arraycopy(order, 0, expected, 0, k);
            int[] got = new int[k];
            System.arraycopy(r.index(), i * k, got, 0, k);
            assertArrayEquals(expected, got, "neighbours of " + i);
            for (int a = 0; a < k; a++) {
                assertEquals(Quality.dist2(x[i], x[got[a]]), r.distance2()[i * k + a]);
            }
        }
    }

    @Test
    void worksAcrossBlocksOnRealValuedData() {
        // More than one candidate block (256) and query chunk (128); real values, so no ties.
        Clusters c = Clusters.gaussian(3, 200, 12, 2, 9);
        float[][] x = c.points();
        int k = 9;
        NearestNeighbours.Result r = NearestNeighbours.search(x, k, Cancel.NEVER, null);
        for (int i = 0; i < x.length; i += 7) {
            int[] order = bruteForce(x, i);
            for (int a = 0; a < k; a++) {
                assertEquals(order[a], r.index()[i * k + a], "neighbour " + a + " of " + i);
            }
        }
    }

    @Test
    void progressComesOneCallAtATimeAndNeverGoesBack() {
        // Forty query chunks on several threads; a listener slow enough for finishes to overlap.
        Clusters c = Clusters.gaussian(4, 1280, 8, 2, 5);
        AtomicInteger inside = new AtomicInteger();
        AtomicBoolean overlapped = new AtomicBoolean();
        List<Integer> counts = new ArrayList<>();
        NearestNeighbours.Result r = NearestNeighbours.search(c.points(), 5, Cancel.NEVER, (done, chunks) -> {
            if (inside.incrementAndGet() > 1) {
                overlapped.set(true);
            }
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            counts.add(done);
            inside.decrementAndGet();
        });
        assertFalse(r.cancelled());
        assertFalse(overlapped.get(), "two progress calls at once");
        List<Integer> expected = new ArrayList<>();
        for (int i = 1; i <= counts.size(); i++) {
            expected.add(i);
        }
        assertEquals(expected, counts, "every count once, in order");
        assertEquals(Chunks.count(c.points().length, NearestNeighbours.QUERIES_PER_CHUNK), counts.size());
    }

    @Test
    void aCancelStopsTheSearch() {
        Clusters c = Clusters.gaussian(3, 200, 12, 2, 9);
        NearestNeighbours.Result r = NearestNeighbours.search(c.points(), 5, () -> true, null);
        assertTrue(r.cancelled());
    }

    private static int[] bruteForce(float[][] x, int i) {
        return java.util.stream.IntStream.range(0, x.length).filter(j -> j != i).boxed()
                .sorted(java.util.Comparator.comparingDouble((Integer j) -> Quality.dist2(x[i], x[j]))
                        .thenComparingInt(j -> j))
                .mapToInt(Integer::intValue).toArray();
    }
}
