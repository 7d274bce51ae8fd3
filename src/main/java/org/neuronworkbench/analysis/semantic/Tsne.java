package org.neuronworkbench.analysis.semantic;

import java.util.Random;
import java.util.function.Consumer;
import org.neuronworkbench.work.Cancel;
import org.neuronworkbench.work.Progress;
import org.neuronworkbench.work.Step;
import smile.manifold.TSNE;
import smile.math.MathEx;

/**
 * Stand-in for the t-SNE engine: PCA by subspace iteration, then Smile's exact t-SNE stepped a few
 * iterations at a time so progress, layouts and cancel work. Exact t-SNE holds n x n matrices, so
 * this is only for a few thousand points.
 */
public final class Tsne {
    private static final int STEP = 10;

    private Tsne() {
    }

    /** layouts receives a copy of the current layout every few iterations; may be null. */
    public static TsneResult run(TsneRequest request, Progress progress, Cancel cancel, Consumer<float[]> layouts) {
        float[][] points = request.points();
        int n = points == null ? 0 : points.length;
        if (n < 4) {
            throw new IllegalArgumentException("t-SNE needs at least 4 points (got " + n + ")");
        }
        if (!(request.perplexity() > 0) || 3 * request.perplexity() >= n) {
            throw new IllegalArgumentException("perplexity " + request.perplexity() + " is too large for " + n
                    + " points: it must be positive and below " + (n / 3.0) + " (a third of the points)");
        }
        if (request.iterations() < 1) {
            throw new IllegalArgumentException("iterations must be at least 1 (got " + request.iterations() + ")");
        }
        for (float[] row : points) {
            for (float v : row) {
                if (!Float.isFinite(v)) {
                    throw new IllegalArgumentException("the points contain NaN or infinite values");
                }
            }
        }
        long t0 = System.nanoTime();
        double[][] x = pca(points, request.pcaDims(), request.seed());
        MathEx.setSeed(request.seed());
        TSNE tsne = new TSNE(x, 2, request.perplexity(), 200, 0);
        int done = 0;
        boolean cancelled = false;
        while (done < request.iterations()) {
            if (cancel.isCancelled()) {
                cancelled = true;
                break;
            }
            int step = Math.min(STEP, request.iterations() - done);
            tsne.update(step);
            done += step;
            progress.report(new Step("t-SNE", done, request.iterations(), "exact t-SNE, " + n + " points"));
            if (layouts != null) {
                layouts.accept(flat(tsne.coordinates));
            }
        }
        return new TsneResult(flat(tsne.coordinates), done, "Smile exact t-SNE (stand-in)", cancelled,
                (System.nanoTime() - t0) / 1e9);
    }

    private static float[] flat(double[][] c) {
        float[] xy = new float[c.length * 2];
        for (int i = 0; i < c.length; i++) {
            xy[2 * i] = (float) c[i][0];
            xy[2 * i + 1] = (float) c[i][1];
        }
        return xy;
    }

    /** Centred rows projected on the top {@code k} principal directions (subspace iteration). */
    static double[][] pca(float[][] points, int k, long seed) {
        int n = points.length;
        int d = points[0].length;
        double[] mean = new double[d];
        for (float[] row : points) {
            for (int j = 0; j < d; j++) {
                mean[j] += row[j] / (double) n;
            }
        }
        double[][] c = new double[n][d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                c[i][j] = points[i][j] - mean[j];
            }
        }
        if (k <= 0 || k >= d) {
            return c;
        }
        Random r = new Random(seed);
        double[][] q = new double[k][d];
        for (double[] v : q) {
            for (int j = 0; j < d; j++) {
                v[j] = r.nextGaussian();
            }
        }
        orthonormalise(q);
        for (int it = 0; it < 6; it++) {
            double[][] next = new double[k][d];
            for (double[] row : c) {
                for (int a = 0; a < k; a++) {
                    double dot = 0;
                    for (int j = 0; j < d; j++) {
                        dot += row[j] * q[a][j];
                    }
                    for (int j = 0; j < d; j++) {
                        next[a][j] += dot * row[j];
                    }
                }
            }
            q = next;
            orthonormalise(q);
        }
        double[][] y = new double[n][k];
        for (int i = 0; i < n; i++) {
            for (int a = 0; a < k; a++) {
                double dot = 0;
                for (int j = 0; j < d; j++) {
                    dot += c[i][j] * q[a][j];
                }
                y[i][a] = dot;
            }
        }
        return y;
    }

    private static void orthonormalise(double[][] q) {
        for (int a = 0; a < q.length; a++) {
            for (int b = 0; b < a; b++) {
                double dot = 0;
                for (int j = 0; j < q[a].length; j++) {
                    dot += q[a][j] * q[b][j];
                }
                for (int j = 0; j < q[a].length; j++) {
                    q[a][j] -= dot * q[b][j];
                }
            }
            double norm = 0;
            for (double v : q[a]) {
                norm += v * v;
            }
            norm = Math.sqrt(norm);
            for (int j = 0; j < q[a].length; j++) {
                q[a][j] = norm > 0 ? q[a][j] / norm : 0;
            }
        }
    }
}
