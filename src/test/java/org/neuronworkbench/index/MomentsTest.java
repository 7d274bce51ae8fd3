package org.neuronworkbench.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Why pass 1 keeps count/mean/M2: a neuron sitting near 1e4 and moving by about 1e-3 (float32
 * activations, as a model gives them). Batches go through the steps pass 1 takes (a batch's sum,
 * its mean, {@link Moments#addSquaredDeviations}, {@link Moments#merge}), and two halves of the
 * values merge as parts do; the standard deviation is checked against a two-pass computation over
 * all the values, and the same values kept as sums of x and x squared are shown to lose it.
 */
class MomentsTest {
    private static final int WIDTH = 3;

    @Test
    void largeMeanTinySpreadKeepsItsVariance() {
        Random rnd = new Random(14);
        int values = 20_000;
        float[] data = new float[values * WIDTH];
        for (int i = 0; i < data.length; i++) {
            int unit = i % WIDTH;
            // Units with means 1e4, -3e4 and 0.5: the last is an ordinary neuron, for contrast.
            double centre = unit == 0 ? 1e4 : unit == 1 ? -3e4 : 0.5;
            double spread = unit == 2 ? 0.1 : 1e-3 * Math.abs(centre) / 1e4;
            data[i] = (float) (centre + spread * rnd.nextGaussian());
        }

        Moments whole = inBatches(data, 0, values, 37);
        // Two parts of unequal batches, merged as parts are.
        int cut = 7_301;
        Moments first = inBatches(data, 0, cut, 64);
        Moments second = inBatches(data, cut, values, 5);
        first.merge(cut, values - cut, second.mean, second.m2);

        for (int u = 0; u < WIDTH; u++) {
            double mean = 0;
            for (int i = 0; i < values; i++) {
                mean += data[i * WIDTH + u];
            }
            mean /= values;
            double m2 = 0;
            double sum = 0;
            double sumSq = 0;
            for (int i = 0; i < values; i++) {
                double x = data[i * WIDTH + u];
                m2 += (x - mean) * (x - mean);
                sum += x;
                sumSq += x * x;
            }
            double std = Math.sqrt(m2 / values);
            assertTrue(std > 0, "unit " + u + " has a spread");
            assertEquals(std, whole.std(u, values), 1e-6 * std, "Chan's std of unit " + u + " in batches");
            assertEquals(std, first.std(u, values), 1e-6 * std, "Chan's std of unit " + u + " from two parts");
            assertEquals(mean, whole.mean[u], 1e-12 * Math.abs(mean), "mean of unit " + u);

            double naiveMean = sum / values;
            double naiveStd = Math.sqrt(Math.max(0, sumSq / values - naiveMean * naiveMean));
            double naiveError = Math.abs(naiveStd - std) / std;
            if (u < 2) {
                assertTrue(naiveError > 0.1, "sums of squares should lose unit " + u + "'s spread, but were within "
                        + naiveError + " (std " + std + ", got " + naiveStd + ")");
            } else {
                assertTrue(naiveError < 1e-9, "an ordinary neuron is fine either way (" + naiveError + ")");
            }
        }
    }

    @Test
    void mergingNothingChangesNothingAndEmptyTakesTheOther() {
        Moments a = new Moments(1);
        a.merge(0, 4, new double[] {2.5}, new double[] {5});
        assertEquals(2.5, a.mean[0], 0.0);
        assertEquals(5, a.m2[0], 0.0);
        a.merge(4, 0, new double[] {1e9}, new double[] {1e9});
        assertEquals(2.5, a.mean[0], 0.0);
        assertEquals(5, a.m2[0], 0.0);
        // {1, 2, 3, 4} and {10}: mean 4, M2 = 9 + 4 + 1 + 0 + 36 = 50.
        a.merge(4, 1, new double[] {10}, new double[] {0});
        assertEquals(4.0, a.mean[0], 1e-15);
        assertEquals(50.0, a.m2[0], 1e-12);
        assertEquals(Math.sqrt(10), a.std(0, 5), 1e-15);
        assertEquals(0.0, new Moments(1).std(0, 0), 0.0);
    }

    /** Values {@code from} to {@code to} (rows of WIDTH units) in batches of {@code batch}, as pass 1 folds them. */
    private static Moments inBatches(float[] data, int from, int to, int batch) {
        Moments m = new Moments(WIDTH);
        long count = 0;
        for (int start = from; start < to; start += batch) {
            int end = Math.min(to, start + batch);
            double[] batchMean = new double[WIDTH];
            for (int i = start; i < end; i++) {
                for (int u = 0; u < WIDTH; u++) {
                    batchMean[u] += data[i * WIDTH + u];
                }
            }
            for (int u = 0; u < WIDTH; u++) {
                batchMean[u] /= end - start;
            }
            double[] batchM2 = new double[WIDTH];
            for (int i = start; i < end; i++) {
                Moments.addSquaredDeviations(data, i * WIDTH, 0, WIDTH, batchMean, batchM2);
            }
            m.merge(count, end - start, batchMean, batchM2);
            count += end - start;
        }
        return m;
    }
}
