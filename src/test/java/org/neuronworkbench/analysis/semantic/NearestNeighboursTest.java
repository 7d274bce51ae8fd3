package org.neuronworkbench.analysis.semantic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
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
