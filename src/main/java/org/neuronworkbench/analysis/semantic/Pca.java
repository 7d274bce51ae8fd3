package org.neuronworkbench.analysis.semantic;

import java.util.SplittableRandom;

/**
 * Principal component analysis to a few dimensions, in plain Java.
 *
 * <p>Smile 3.1.1's {@code PCA} does its eigendecomposition through OpenBLAS/LAPACK natives
 * (bytedeco), which this project's pom excludes, so it cannot run here. Narrow inputs (d ≤ 96)
 * get the exact covariance and a Jacobi eigendecomposition; wide ones (the 1,536 neurons of a
 * MiniLM layer, say) get randomized subspace iteration on the centred data (Halko, Martinsson and
 * Tropp 2011): a seeded d×l start block, {@value #POWER_STEPS} passes of XᵀX, then the exact
 * eigendecomposition of the small l×l projected covariance. It never forms the d×d covariance nor
 * a centred copy of X, so memory is O((n + d)·l) beyond the input. Deterministic: fixed chunks.
 */
final class Pca {
    static final int EXACT_MAX_DIMS = 96;
    static final int OVERSAMPLE = 16;
    static final int POWER_STEPS = 6;
    private static final int ROWS_PER_CHUNK = 2048;

    /**
     * @param scores     n rows of k coordinates along the components, strongest first
     * @param components k unit vectors of length d
     * @param variances  the variance along each component (divided by n−1)
     */
    record Result(float[][] scores, double[][] components, double[] variances) {
        int dims() {
            return variances.length;
        }
    }

    private Pca() {
    }

    static Result fit(float[][] x, int k, long seed) {
        int n = x.length;
        int d = x[0].length;
        k = Math.min(k, Math.min(d, n));
        double[] mean = mean(x);
        double[][] basis;
        if (d <= EXACT_MAX_DIMS) {
            basis = identity(d);
        } else {
            basis = subspace(x, mean, Math.min(d, k + OVERSAMPLE), seed);
        }
        // Project onto the basis and diagonalise the small projected covariance exactly.
        int l = basis.length;
        double[][] w = project(x, mean, basis);
        double[][] small = gram(w);
        Jacobi.Eigen eig = Jacobi.decompose(small);
        double[][] components = new double[k][d];
        double[] variances = new double[k];
        for (int c = 0; c < k; c++) {
            int col = eig.order()[c];
            for (int j = 0; j < l; j++) {
                double v = eig.vectors()[j][col];
                for (int t = 0; t < d; t++) {
                    components[c][t] += v * basis[j][t];
                }
            }
            normalise(components[c]);
            flipToLargestPositive(components[c]);
            variances[c] = Math.max(0, eig.values()[col]) / Math.max(1, n - 1);
        }
        float[][] scores = new float[n][k];
        double[][] projected = project(x, mean, components);
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < k; c++) {
                scores[i][c] = (float) projected[c][i];
            }
        }
        return new Result(scores, components, variances);
    }

    private static double[] mean(float[][] x) {
        int d = x[0].length;
        double[] sum = new double[d];
        for (float[] row : x) {
            for (int t = 0; t < d; t++) {
                sum[t] += row[t];
            }
        }
        for (int t = 0; t < d; t++) {
            sum[t] /= x.length;
        }
        return sum;
    }

    private static double[][] identity(int d) {
        double[][] id = new double[d][d];
        for (int i = 0; i < d; i++) {
            id[i][i] = 1;
        }
        return id;
    }

    /** An orthonormal basis (l rows of length d) of the dominant subspace of the centred data. */
    private static double[][] subspace(float[][] x, double[] mean, int l, long seed) {
        int d = mean.length;
        SplittableRandom random = new SplittableRandom(seed);
        double[][] q = new double[l][d];
        for (double[] row : q) {
            for (int t = 0; t < d; t++) {
                row[t] = random.nextDouble() * 2 - 1;
            }
        }
        orthonormalise(q);
        for (int step = 0; step < POWER_STEPS; step++) {
            double[][] w = project(x, mean, q);
            q = backProject(x, mean, w);
            orthonormalise(q);
        }
        return q;
    }

    /** Xc·basisᵀ as l columns of n values (column-major: one array per basis vector). */
    private static double[][] project(float[][] x, double[] mean, double[][] basis) {
        int n = x.length;
        int d = mean.length;
        int l = basis.length;
        // Row-major [d][l] copy so the inner loop runs over l contiguous values.
        double[] b = new double[d * l];
        double[] shift = new double[l];
        for (int j = 0; j < l; j++) {
            for (int t = 0; t < d; t++) {
                b[t * l + j] = basis[j][t];
                shift[j] += mean[t] * basis[j][t];
            }
        }
        double[][] out = new double[l][n];
        Chunks.run(Chunks.count(n, ROWS_PER_CHUNK), chunk -> {
            double[] acc = new double[l];
            int end = Math.min(n, (chunk + 1) * ROWS_PER_CHUNK);
            for (int i = chunk * ROWS_PER_CHUNK; i < end; i++) {
                java.util.Arrays.fill(acc, 0);
                float[] row = x[i];
                for (int t = 0; t < d; t++) {
                    double v = row[t];
                    int base = t * l;
                    for (int j = 0; j < l; j++) {
                        acc[j] += v * b[base + j];
                    }
                }
                for (int j = 0; j < l; j++) {
                    out[j][i] = acc[j] - shift[j];
                }
            }
        });
        return out;
    }

    /** Xcᵀ·W as l rows of length d, summed per fixed chunk of rows and then in chunk order. */
    private static double[][] backProject(float[][] x, double[] mean, double[][] w) {
        int n = x.length;
        int d = mean.length;
        int l = w.length;
        int chunks = Chunks.count(n, ROWS_PER_CHUNK);
        double[][] partial = new double[chunks][];
        Chunks.run(chunks, chunk -> {
            double[] acc = new double[d * l];
            double[] wi = new double[l];
            int end = Math.min(n, (chunk + 1) * ROWS_PER_CHUNK);
            for (int i = chunk * ROWS_PER_CHUNK; i < end; i++) {
                for (int j = 0; j < l; j++) {
                    wi[j] = w[j][i];
                }
                float[] row = x[i];
                for (int t = 0; t < d; t++) {
                    double v = row[t] - mean[t];
                    int base = t * l;
                    for (int j = 0; j < l; j++) {
                        acc[base + j] += v * wi[j];
                    }
                }
            }
            partial[chunk] = acc;
        });
        double[][] out = new double[l][d];
        for (double[] acc : partial) {
            for (int t = 0; t < d; t++) {
                for (int j = 0; j < l; j++) {
                    out[j][t] += acc[t * l + j];
                }
            }
        }
        return out;
    }

    /** WᵀW for column-major W (l columns of n). */
    private static double[][] gram(double[][] w) {
        int l = w.length;
        double[][] g = new double[l][l];
        for (int a = 0; a < l; a++) {
            for (int b = a; b < l; b++) {
                double s = 0;
                double[] wa = w[a];
                double[] wb = w[b];
                for (int i = 0; i < wa.length; i++) {
                    s += wa[i] * wb[i];
                }
                g[a][b] = s;
                g[b][a] = s;
            }
        }
        return g;
    }

    /** Modified Gram-Schmidt on the rows; a row that collapses is replaced by a fresh axis. */
    private static void orthonormalise(double[][] rows) {
        int d = rows[0].length;
        for (int a = 0; a < rows.length; a++) {
            for (int pass = 0; pass < 2; pass++) {
                for (int b = 0; b < a; b++) {
                    double dot = 0;
                    for (int t = 0; t < d; t++) {
                        dot += rows[a][t] * rows[b][t];
                    }
                    for (int t = 0; t < d; t++) {
                        rows[a][t] -= dot * rows[b][t];
                    }
                }
            }
            if (!normalise(rows[a])) {
                java.util.Arrays.fill(rows[a], 0);
                rows[a][a % d] = 1;
            }
        }
    }

    private static boolean normalise(double[] v) {
        double norm = 0;
        for (double e : v) {
            norm += e * e;
        }
        norm = Math.sqrt(norm);
        if (norm < 1e-300) {
            return false;
        }
        for (int t = 0; t < v.length; t++) {
            v[t] /= norm;
        }
        return true;
    }

    /** Eigenvectors have no sign; fix one so the same data always gives the same picture. */
    private static void flipToLargestPositive(double[] v) {
        int best = 0;
        for (int t = 1; t < v.length; t++) {
            if (Math.abs(v[t]) > Math.abs(v[best])) {
                best = t;
            }
        }
        if (v[best] < 0) {
            for (int t = 0; t < v.length; t++) {
                v[t] = -v[t];
            }
        }
    }
}
