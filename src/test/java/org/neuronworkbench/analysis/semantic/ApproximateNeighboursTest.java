package org.neuronworkbench.analysis.semantic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.Test;
import org.neuronworkbench.work.Cancel;
import org.neuronworkbench.work.Progress;

class ApproximateNeighboursTest {
    /** Small leaves so that 3,000 points make many of them and neighbours straddle the splits. */
    private static final ApproximateNeighbours.Plan SMALL = new ApproximateNeighbours.Plan(4, 128, 2);

    @Test
    void findsNearlyAllTrueNeighboursWithExactDistancesInOrder() {
        // Sixty overlapping clusters in 20 dimensions: neighbourhoods cross cluster borders.
        Clusters c = Clusters.gaussian(60, 50, 20, 1.5, 21);
        float[][] x = c.points();
        int k = 30;
        NearestNeighbours.Result exact = NearestNeighbours.search(x, k, Cancel.NEVER, null);
        NearestNeighbours.Result approx = ApproximateNeighbours.search(x, k, 1, SMALL, Cancel.NEVER, null);
        assertFalse(approx.cancelled());
        int found = 0;
        for (int i = 0; i < x.length; i++) {
            Set<Integer> truth = new HashSet<>();
            for (int a = 0; a < k; a++) {
                truth.add(exact.index()[i * k + a]);
            }
            Set<Integer> seen = new HashSet<>();
            for (int a = 0; a < k; a++) {
                int j = approx.index()[i * k + a];
                assertNotEquals(i, j, "a point is not its own neighbour");
                assertTrue(seen.add(j), "neighbour " + j + " of " + i + " listed twice");
                assertEquals(Quality.dist2(x[i], x[j]), approx.distance2()[i * k + a], "distance of " + j + " to " + i);
                if (a > 0) {
                    assertTrue(approx.distance2()[i * k + a - 1] <= approx.distance2()[i * k + a], "row " + i + " sorted");
                }
                if (truth.contains(j)) {
                    found++;
                }
            }
        }
        double recall = found / (double) (x.length * k);
        assertTrue(recall >= 0.95, "recall " + recall);
    }

    @Test
    void refinementRaisesRecallOverTheForestAlone() {
        Clusters c = Clusters.gaussian(60, 50, 20, 1.5, 22);
        float[][] x = c.points();
        int k = 30;
        NearestNeighbours.Result exact = NearestNeighbours.search(x, k, Cancel.NEVER, null);
        double forest = recall(exact, ApproximateNeighbours.search(x, k, 1, new ApproximateNeighbours.Plan(2, 128, 0),
                Cancel.NEVER, null), k);
        double refined = recall(exact, ApproximateNeighbours.search(x, k, 1, new ApproximateNeighbours.Plan(2, 128, 2),
                Cancel.NEVER, null), k);
        assertTrue(refined > forest + 0.05, "forest " + forest + ", refined " + refined);
    }

    @Test
    void sameSeedSameListsWhateverTheThreads() throws Exception {
        Clusters c = Clusters.gaussian(20, 100, 16, 1.5, 23);
        float[][] x = c.points();
        NearestNeighbours.Result first = ApproximateNeighbours.search(x, 20, 7, SMALL, Cancel.NEVER, null);
        ForkJoinPool single = new ForkJoinPool(1);
        try {
            NearestNeighbours.Result oneThread = single.submit(() ->
                    ApproximateNeighbours.search(x, 20, 7, SMALL, Cancel.NEVER, null)).get();
            assertArrayEquals(first.index(), oneThread.index());
            assertArrayEquals(first.distance2(), oneThread.distance2());
        } finally {
            single.shutdown();
        }
    }

    @Test
    void aCancelStopsTheSearch() {
        Clusters c = Clusters.gaussian(3, 200, 12, 2, 9);
        assertTrue(ApproximateNeighbours.search(c.points(), 5, 1, SMALL, () -> true, null).cancelled());
    }

    @Test
    void tsneWithApproximateNeighboursKeepsClustersAndSaysSo() {
        Clusters c = Clusters.gaussian(8, 125, 30, 4, 11);
        TsneResult r = Tsne.run(new TsneRequest(c.points(), 50, 30, 500, 1), Progress.NONE, Cancel.NEVER, null,
                Tsne.Neighbours.APPROXIMATE);
        double agreement = KnnAgreement.score(Clusters.rows(r.xy()), c.labels(), 10, KnnAgreement.Metric.EUCLIDEAN);
        assertTrue(agreement >= 0.95, "2-D k-NN label agreement " + agreement);
        assertTrue(r.method().contains("90 approximate neighbours by"), r.method());
        TsneResult exact = Tsne.run(new TsneRequest(c.points(), 50, 30, 0, 1), Progress.NONE, Cancel.NEVER, null);
        assertTrue(exact.method().contains("90 exact neighbours"), exact.method());
    }

    private static double recall(NearestNeighbours.Result exact, NearestNeighbours.Result approx, int k) {
        int n = exact.index().length / k;
        int found = 0;
        for (int i = 0; i < n; i++) {
            Set<Integer> truth = new HashSet<>();
            for (int a = 0; a < k; a++) {
                truth.add(exact.index()[i * k + a]);
            }
            for (int a = 0; a < k; a++) {
                if (truth.contains(approx.index()[i * k + a])) {
                    found++;
                }
            }
        }
        return found / (double) (n * k);
    }
}
