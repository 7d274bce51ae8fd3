package org.neuronworkbench.analysis.semantic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.neuronworkbench.analysis.semantic.KnnAgreement.Metric;

class KnnAgreementTest {

    @Test
    void equalsABruteForceCountForBothMetrics() {
        SplittableRandom random = new SplittableRandom(2);
        int n = 300;
        float[][] x = new float[n][6];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = random.nextInt(3);
            for (int t = 0; t < 6; t++) {
                x[i][t] = (float) (Clusters.gaussian(random) + (t == labels[i] ? 1.5 : 0));
            }
        }
        for (Metric metric : Metric.values()) {
            double expected = bruteForce(x, labels, 10, metric);
            assertEquals(expected, KnnAgreement.score(x, labels, 10, metric), 1e-12, metric.name());
        }
    }

    @Test
    void cosineIgnoresEachVectorsLength() {
        Clusters c = Clusters.gaussian(4, 50, 8, 3, 4);
        float[][] scaled = new float[c.points().length][];
        for (int i = 0; i < scaled.length; i++) {
            scaled[i] = c.points()[i].clone();
            for (int t = 0; t < scaled[i].length; t++) {
                scaled[i][t] *= 1 + i % 5;
            }
        }
        assertEquals(KnnAgreement.score(c.points(), c.labels(), 10, Metric.COSINE),
                KnnAgreement.score(scaled, c.labels(), 10, Metric.COSINE), 1e-12);
    }

    @Test
    void separatedClassesScoreOneAndShuffledLabelsScoreChance() {
        Clusters c = Clusters.gaussian(4, 250, 10, 20, 8);
        assertEquals(1.0, KnnAgreement.score(c.points(), c.labels(), 10, Metric.EUCLIDEAN));
        double shuffled = KnnAgreement.shuffledBaseline(c.points(), c.labels(), 10, Metric.EUCLIDEAN, 1);
        assertEquals(0.25, shuffled, 0.03, "four balanced classes: chance is 1/4");
        assertEquals(shuffled, KnnAgreement.shuffledBaseline(c.points(), c.labels(), 10, Metric.EUCLIDEAN, 1));
        assertNotEquals(shuffled, KnnAgreement.shuffledBaseline(c.points(), c.labels(), 10, Metric.EUCLIDEAN, 2));
        KnnAgreement.Scores both = KnnAgreement.both(c.points(), c.labels(), 10, Metric.EUCLIDEAN, 1);
        assertEquals(1.0, both.score());
        assertEquals(shuffled, both.shuffled());
    }

    @Test
    void badInputIsRefused() {
        float[][] x = Clusters.gaussian(2, 5, 3, 1, 1).points();
        assertEquals("10 points but 9 labels", assertThrows(IllegalArgumentException.class,
                () -> KnnAgreement.score(x, new int[9], 3, Metric.COSINE)).getMessage());
        assertEquals("k must be between 1 and 9 (the points − 1), got 10", assertThrows(IllegalArgumentException.class,
                () -> KnnAgreement.score(x, new int[10], 10, Metric.COSINE)).getMessage());
        float[][] nan = x.clone();
        nan[3] = new float[] {1, Float.NaN, 0};
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> KnnAgreement.score(nan, new int[10], 3, Metric.EUCLIDEAN)).getMessage().startsWith("point 3 has a non-finite"));
    }

    private static double bruteForce(float[][] x, int[] labels, int k, Metric metric) {
        int n = x.length;
        double sum = 0;
        for (int i = 0; i < n; i++) {
            final int q = i;
            int[] order = IntStream.range(0, n).filter(j -> j != q).boxed()
                    .sorted(Comparator.comparingDouble((Integer j) -> distance(x[q], x[j], metric)).thenComparingInt(j -> j))
                    .mapToInt(Integer::intValue).toArray();
            int same = 0;
            for (int a = 0; a < k; a++) {
                if (labels[order[a]] == labels[i]) {
                    same++;
                }
            }
            sum += same / (double) k;
        }
        return sum / n;
    }

    private static double distance(float[] a, float[] b, Metric metric) {
        if (metric == Metric.EUCLIDEAN) {
            return Quality.dist2(a, b);
        }
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int t = 0; t < a.length; t++) {
            dot += (double) a[t] * b[t];
            na += (double) a[t] * a[t];
            nb += (double) b[t] * b[t];
        }
        return 1 - dot / Math.sqrt(na * nb);
    }
}
