package org.neuronworkbench.analysis.semantic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.neuronworkbench.work.Cancel;
import org.neuronworkbench.work.CancelSwitch;
import org.neuronworkbench.work.Progress;
import org.neuronworkbench.work.Step;

class TsneTest {

    @Test
    void gaussianClustersStaySeparatedWithTheInterpolatedGradient() {
        Clusters c = Clusters.gaussian(8, 125, 30, 4, 11);
        TsneResult r = Tsne.run(new TsneRequest(c.points(), 50, 30, 500, 1), Progress.NONE, Cancel.NEVER, null,
                Tsne.Gradient.INTERPOLATED);
        double agreement = KnnAgreement.score(Clusters.rows(r.xy()), c.labels(), 10, KnnAgreement.Metric.EUCLIDEAN);
        assertTrue(agreement >= 0.95, "2-D k-NN label agreement " + agreement);
        assertEquals(500, r.iterationsDone());
        assertFalse(r.cancelled());
        assertTrue(r.method().startsWith("FFT-interpolated t-SNE"), r.method());
    }

    @Test
    void gaussianClustersStaySeparatedWithTheExactGradient() {
        Clusters c = Clusters.gaussian(5, 120, 12, 4, 12);
        TsneResult r = Tsne.run(new TsneRequest(c.points(), 50, 20, 600, 1), Progress.NONE, Cancel.NEVER, null);
        double agreement = KnnAgreement.score(Clusters.rows(r.xy()), c.labels(), 10, KnnAgreement.Metric.EUCLIDEAN);
        assertTrue(agreement >= 0.95, "2-D k-NN label agreement " + agreement);
        assertTrue(r.method().startsWith("exact-gradient t-SNE"), r.method());
    }

    @Test
    void sameRequestGivesTheSameBitsWhateverTheThreads() throws Exception {
        Clusters c = Clusters.gaussian(4, 150, 60, 2, 3);
        // 60 dimensions > PCA-50 would be exact; use 120 so the randomized PCA path runs too.
        float[][] wide = new float[c.points().length][120];
        for (int i = 0; i < wide.length; i++) {
            for (int t = 0; t < 120; t++) {
                wide[i][t] = c.points()[i][t % 60] * (t < 60 ? 1f : 0.5f) + (t % 7) * 0.01f * i;
            }
        }
        TsneRequest request = new TsneRequest(wide, 50, 25, 300, 5);
        float[] first = Tsne.run(request, Progress.NONE, Cancel.NEVER, null, Tsne.Gradient.INTERPOLATED).xy();
        float[] second = Tsne.run(request, Progress.NONE, Cancel.NEVER, null, Tsne.Gradient.INTERPOLATED).xy();
        ForkJoinPool single = new ForkJoinPool(1);
        try {
            // Parallel streams started inside a pool run on that pool: here one thread does all chunks.
            float[] oneThread = single.submit(() ->
                    Tsne.run(request, Progress.NONE, Cancel.NEVER, null, Tsne.Gradient.INTERPOLATED).xy()).get();
            assertArrayEquals(first, oneThread);
        } finally {
            single.shutdown();
        }
        assertArrayEquals(first, second);
        float[] otherSeed = Tsne.run(new TsneRequest(wide, 50, 25, 300, 6), Progress.NONE, Cancel.NEVER, null,
                Tsne.Gradient.INTERPOLATED).xy();
        assertFalse(Arrays.equals(first, otherSeed), "the seed reaches the randomized PCA");
    }

    @Test
    void badInputIsRefusedBeforeAnyWorkWithAReadableMessage() {
        float[][] fifty = Clusters.gaussian(5, 10, 4, 3, 1).points();
        assertEquals("perplexity 30 is too large for 50 points: at most 16.33 (3 × perplexity must not exceed the points − 1)",
                refused(new TsneRequest(fifty, 50, 30, 10, 1)));
        assertEquals("t-SNE needs at least 5 points, got 4",
                refused(new TsneRequest(Arrays.copyOf(fifty, 4), 50, 1, 10, 1)));
        float[][] ragged = fifty.clone();
        ragged[7] = new float[3];
        assertEquals("point 7 has 3 coordinates, point 0 has 4 (every row must have the same length)",
                refused(new TsneRequest(ragged, 50, 5, 10, 1)));
        float[][] nan = fifty.clone();
        nan[9] = new float[] {0, Float.NaN, 0, 0};
        assertEquals("point 9 has a non-finite value (NaN) in coordinate 1", refused(new TsneRequest(nan, 50, 5, 10, 1)));
        assertEquals("perplexity must be at least 1, got 0.5", refused(new TsneRequest(fifty, 50, 0.5, 10, 1)));
        assertEquals("perplexity must be at least 1, got NaN", refused(new TsneRequest(fifty, 50, Double.NaN, 10, 1)));
        assertEquals("PCA must keep at least 2 dimensions, got 1", refused(new TsneRequest(fifty, 1, 5, 10, 1)));
        assertEquals("iterations must not be negative, got -1", refused(new TsneRequest(fifty, 50, 5, -1, 1)));
        assertEquals("no points to lay out", refused(new TsneRequest(null, 50, 5, 10, 1)));
        // The largest perplexity allowed is accepted.
        assertEquals(50, Tsne.run(new TsneRequest(fifty, 50, Tsne.maxPerplexity(50), 5, 1), null, null, null).points());
    }

    private static String refused(TsneRequest request) {
        return assertThrows(IllegalArgumentException.class,
                () -> Tsne.run(request, Progress.NONE, Cancel.NEVER, null)).getMessage();
    }

    @Test
    void aCancelKeepsTheLastLayoutShown() {
        Clusters c = Clusters.gaussian(3, 100, 10, 4, 4);
        CancelSwitch cancel = new CancelSwitch();
        List<float[]> shown = new ArrayList<>();
        Consumer<float[]> layouts = xy -> {
            shown.add(xy);
            if (shown.size() == 6) {
                cancel.cancel(); // the initial layout, then iterations 10..50
            }
        };
        TsneResult r = Tsne.run(new TsneRequest(c.points(), 50, 30, 1000, 1), Progress.NONE, cancel, layouts);
        assertTrue(r.cancelled());
        assertEquals(50, r.iterationsDone());
        assertArrayEquals(shown.get(shown.size() - 1), r.xy());
        assertEquals(6, shown.size());

        CancelSwitch early = new CancelSwitch();
        early.cancel();
        TsneResult before = Tsne.run(new TsneRequest(c.points(), 50, 30, 1000, 1), Progress.NONE, early, null);
        assertTrue(before.cancelled());
        assertEquals(0, before.iterationsDone());
        assertEquals(2 * 300, before.xy().length, "the initial PCA layout");
    }

    @Test
    void progressGoesThroughEveryPhaseToTheEnd() {
        Clusters c = Clusters.gaussian(3, 100, 10, 4, 4);
        List<Step> steps = new ArrayList<>();
        Tsne.run(new TsneRequest(c.points(), 50, 30, 300, 1), steps::add, Cancel.NEVER, null);
        List<String> phases = steps.stream().map(Step::phase).distinct().toList();
        assertEquals(List.of("PCA", "neighbours", "affinities", "early exaggeration", "optimising"), phases);
        for (int i = 1; i < steps.size(); i++) {
            assertTrue(steps.get(i).done() >= steps.get(i - 1).done(), "progress never goes back");
            assertEquals(steps.get(0).total(), steps.get(i).total());
        }
        Step last = steps.get(steps.size() - 1);
        assertEquals(1.0, last.fraction());
        assertEquals("iteration 300 of 300", last.detail());
    }

    @Test
    void qualityMatchesSmilesExactTsneOnFiveHundredPoints() {
        // Overlapping clusters, so the layout has to trade neighbourhoods off rather than split cleanly.
        Clusters c = Clusters.gaussian(6, 84, 20, 1.2, 21);
        float[][] x = c.points();
        double[][] xd = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            xd[i] = new double[x[i].length];
            for (int t = 0; t < x[i].length; t++) {
                xd[i][t] = x[i][t];
            }
        }
        smile.math.MathEx.setSeed(1);
        smile.manifold.TSNE smileTsne = new smile.manifold.TSNE(xd, 2, 30, 200, 1000);
        float[][] smileLayout = new float[x.length][];
        for (int i = 0; i < x.length; i++) {
            smileLayout[i] = new float[] {(float) smileTsne.coordinates[i][0], (float) smileTsne.coordinates[i][1]};
        }
        TsneResult fft = Tsne.run(new TsneRequest(x, 50, 30, 1000, 1), null, null, null, Tsne.Gradient.INTERPOLATED);
        TsneResult exact = Tsne.run(new TsneRequest(x, 50, 30, 1000, 1), null, null, null, Tsne.Gradient.EXACT);
        double trustSmile = Quality.trustworthiness(x, smileLayout, 10);
        double trustFft = Quality.trustworthiness(x, Clusters.rows(fft.xy()), 10);
        double trustExact = Quality.trustworthiness(x, Clusters.rows(exact.xy()), 10);
        double klSmile = Quality.klDivergence(x, smileLayout, 30);
        double klFft = Quality.klDivergence(x, Clusters.rows(fft.xy()), 30);
        System.out.printf("trust smile %.4f fft %.4f exact %.4f; KL smile %.4f fft %.4f%n",
                trustSmile, trustFft, trustExact, klSmile, klFft);
        assertTrue(trustFft >= trustSmile - 0.01, "trustworthiness " + trustFft + " vs Smile's " + trustSmile);
        assertTrue(trustExact >= trustSmile - 0.01, "trustworthiness " + trustExact + " vs Smile's " + trustSmile);
        assertTrue(Math.abs(trustFft - trustExact) < 0.01, "the interpolation changes little: " + trustFft + " vs " + trustExact);
        assertTrue(klFft <= klSmile * 1.1, "KL divergence " + klFft + " vs Smile's " + klSmile);
    }
}
