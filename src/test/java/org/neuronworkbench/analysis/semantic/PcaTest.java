package org.neuronworkbench.analysis.semantic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PcaTest {

    /** 40 dimensions take the exact path, 300 the randomized subspace iteration. */
    @ParameterizedTest
    @ValueSource(ints = {40, 300})
    void findsPlantedDirectionsAndTheirVariances(int d) {
        int n = 3000;
        SplittableRandom random = new SplittableRandom(17);
        double[] strengths = {12, 9, 7, 5, 4};
        double[][] planted = new double[strengths.length][d];
        for (double[] u : planted) {
            for (int t = 0; t < d; t++) {
                u[t] = Clusters.gaussian(random);
            }
        }
        orthonormalise(planted);
        float[][] x = new float[n][d];
        for (int i = 0; i < n; i++) {
            for (int t = 0; t < d; t++) {
                x[i][t] = (float) (3 + 0.5 * Clusters.gaussian(random));
            }
            for (int c = 0; c < strengths.length; c++) {
                double z = strengths[c] * Clusters.gaussian(random);
                for (int t = 0; t < d; t++) {
                    x[i][t] += (float) (z * planted[c][t]);
                }
            }
        }
        Pca.Result r = Pca.fit(x, 10, 1);
        assertEquals(10, r.dims());
        double[][] cov = covariance(x);
        for (int c = 0; c < 10; c++) {
            double[] v = r.components()[c];
            assertEquals(1, dot(v, v), 1e-9, "unit length");
            for (int c2 = 0; c2 < c; c2++) {
                assertEquals(0, dot(v, r.components()[c2]), 1e-6, "orthogonal");
            }
            if (c < strengths.length) {
                // An eigenvector of the brute-force covariance, with its eigenvalue.
                double[] cv = multiply(cov, v);
                double lambda = dot(v, cv);
                double residual = 0;
                for (int t = 0; t < d; t++) {
                    residual += (cv[t] - lambda * v[t]) * (cv[t] - lambda * v[t]);
                }
                assertTrue(Math.sqrt(residual) < 1e-3 * lambda, "eigen-residual of component " + c);
                assertEquals(lambda, r.variances()[c], 1e-6 * lambda);
                assertTrue(Math.abs(dot(v, planted[c])) > 0.99, "component " + c + " is planted direction " + c);
                // The scores are the centred data along the component.
                double var = 0;
                for (float[] s : r.scores()) {
                    var += (double) s[c] * s[c];
                }
                assertEquals(lambda, var / (n - 1), 1e-4 * lambda);
            }
        }
    }

    private static double[][] covariance(float[][] x) {
        int n = x.length;
        int d = x[0].length;
        double[] mean = new double[d];
        for (float[] row : x) {
            for (int t = 0; t < d; t++) {
                mean[t] += row[t] / (double) n;
            }
        }
        double[][] cov = new double[d][d];
        for (float[] row : x) {
            for (int a = 0; a < d; a++) {
                double da = row[a] - mean[a];
                for (int b = 0; b < d; b++) {
                    cov[a][b] += da * (row[b] - mean[b]) / (n - 1);
                }
            }
        }
        return cov;
    }

    private static double[] multiply(double[][] m, double[] v) {
        double[] out = new double[v.length];
        for (int a = 0; a < v.length; a++) {
            out[a] = dot(m[a], v);
        }
        return out;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int t = 0; t < a.length; t++) {
            s += a[t] * b[t];
        }
        return s;
    }

    private static void orthonormalise(double[][] rows) {
        for (int a = 0; a < rows.length; a++) {
            for (int b = 0; b < a; b++) {
                double p = dot(rows[a], rows[b]);
                for (int t = 0; t < rows[a].length; t++) {
                    rows[a][t] -= p * rows[b][t];
                }
            }
            double norm = Math.sqrt(dot(rows[a], rows[a]));
            for (int t = 0; t < rows[a].length; t++) {
                rows[a][t] /= norm;
            }
        }
    }
}
