package org.neuronworkbench.analysis.semantic;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/** Brute-force layout quality measures for small test sets (O(n²), straight from the definitions). */
final class Quality {
    private Quality() {
    }

    /**
     * Venna and Kaski's trustworthiness, as scikit-learn defines it: 1 − 2/(nk(2n−3k−1)) Σ_i Σ_j
     * (r(i,j) − k) over the points j among i's k nearest in the layout but not in the input, r being
     * j's rank among i's input neighbours.
     */
    static double trustworthiness(float[][] x, float[][] y, int k) {
        int n = x.length;
        double penalty = 0;
        for (int i = 0; i < n; i++) {
            int[] inputOrder = order(x, i);
            int[] rank = new int[n];
            for (int r = 0; r < inputOrder.length; r++) {
                rank[inputOrder[r]] = r + 1;
            }
            int[] layoutOrder = order(y, i);
            for (int a = 0; a < k; a++) {
                int j = layoutOrder[a];
                if (rank[j] > k) {
                    penalty += rank[j] - k;
                }
            }
        }
        return 1 - 2.0 / (n * k * (2.0 * n - 3 * k - 1)) * penalty;
    }

    /** KL(P‖Q) with P the exact symmetrised Gaussian affinities over all pairs at this perplexity. */
    static double klDivergence(float[][] x, float[][] y, double perplexity) {
        int n = x.length;
        double[][] p = new double[n][n];
        for (int i = 0; i < n; i++) {
            double[] d2 = new double[n];
            for (int j = 0; j < n; j++) {
                d2[j] = dist2(x[i], x[j]);
            }
            double lo = 0;
            double hi = 1e6;
            double beta = 1;
            for (int step = 0; step < 200; step++) {
                double sum = 0;
                double weighted = 0;
                for (int j = 0; j < n; j++) {
                    if (j != i) {
                        double e = Math.exp(-beta * d2[j]);
                        sum += e;
                        weighted += e * d2[j];
                    }
                }
                double entropy = Math.log(sum) + beta * weighted / sum;
                if (entropy > Math.log(perplexity)) {
                    lo = beta;
                } else {
                    hi = beta;
                }
                beta = (lo + hi) / 2;
            }
            double sum = 0;
            for (int j = 0; j < n; j++) {
                if (j != i) {
                    p[i][j] = Math.exp(-beta * d2[j]);
                    sum += p[i][j];
                }
            }
            for (int j = 0; j < n; j++) {
                p[i][j] /= sum;
            }
        }
        double z = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (i != j) {
                    z += 1 / (1 + dist2(y[i], y[j]));
                }
            }
        }
        double kl = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double pij = (p[i][j] + p[j][i]) / (2 * n);
                if (i != j && pij > 0) {
                    double qij = 1 / (1 + dist2(y[i], y[j])) / z;
                    kl += pij * Math.log(pij / qij);
                }
            }
        }
        return kl;
    }

    /** Every other point by distance from i, ties by index. */
    private static int[] order(float[][] x, int i) {
        return IntStream.range(0, x.length).filter(j -> j != i).boxed()
                .sorted(Comparator.comparingDouble((Integer j) -> dist2(x[i], x[j])).thenComparingInt(j -> j))
                .mapToInt(Integer::intValue).toArray();
    }

    static double dist2(float[] a, float[] b) {
        double s = 0;
        for (int t = 0; t < a.length; t++) {
            double d = (double) a[t] - b[t];
            s += d * d;
        }
        return s;
    }

    static int[] sorted(int[] a) {
        int[] s = a.clone();
        Arrays.sort(s);
        return s;
    }
}
