package org.neuronworkbench.analysis.semantic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.neuronworkbench.work.Cancel;

class AffinitiesTest {

    @Test
    void eachPointsDistributionHasThePerplexityAskedFor() {
        Clusters c = Clusters.gaussian(4, 100, 10, 3, 5);
        int n = c.points().length;
        double perplexity = 12;
        NearestNeighbours.Result nn = NearestNeighbours.search(c.points(), 36, Cancel.NEVER, null);
        double[] p = Affinities.conditional(nn, n, perplexity);
        for (int i = 0; i < n; i++) {
            double sum = 0;
            double entropy = 0;
            for (int a = 0; a < 36; a++) {
                double v = p[i * 36 + a];
                sum += v;
                if (v > 0) {
                    entropy -= v * Math.log(v);
                }
                if (a > 0) {
                    assertTrue(v <= p[i * 36 + a - 1] + 1e-15, "farther neighbours weigh less");
                }
            }
            assertEquals(1, sum, 1e-12);
            assertEquals(perplexity, Math.exp(entropy), 1e-3, "perplexity of point " + i);
        }
    }

    @Test
    void theJointAffinitiesAreSymmetricAndSumToOne() {
        Clusters c = Clusters.gaussian(4, 100, 10, 3, 5);
        int n = c.points().length;
        NearestNeighbours.Result nn = NearestNeighbours.search(c.points(), 30, Cancel.NEVER, null);
        double[] cond = Affinities.conditional(nn, n, 10);
        Affinities.Sparse p = Affinities.compute(nn, n, 10);
        double[][] dense = new double[n][n];
        double total = 0;
        for (int i = 0; i < n; i++) {
            for (int e = p.rowStart()[i]; e < p.rowStart()[i + 1]; e++) {
                if (e > p.rowStart()[i]) {
                    assertTrue(p.cols()[e] > p.cols()[e - 1], "columns ascending, no duplicates");
                }
                dense[i][p.cols()[e]] = p.values()[e];
                total += p.values()[e];
            }
        }
        assertEquals(1, total, 1e-12);
        double[][] expected = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int a = 0; a < 30; a++) {
                int j = nn.index()[i * 30 + a];
                expected[i][j] += cond[i * 30 + a] / (2 * n);
                expected[j][i] += cond[i * 30 + a] / (2 * n);
            }
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                assertEquals(dense[j][i], dense[i][j], 0, "symmetric");
                assertEquals(expected[i][j], dense[i][j], 1e-15, "(p_j|i + p_i|j) / 2n");
            }
        }
    }
}
