package org.neuronworkbench.analysis.semantic;

import java.util.Locale;
import java.util.function.Consumer;
import org.neuronworkbench.work.Cancel;
import org.neuronworkbench.work.Progress;
import org.neuronworkbench.work.Step;

/**
 * t-SNE to 2-D for up to ~100,000 points, in the manner of FIt-SNE and openTSNE.
 *
 * <ol>
 *   <li>PCA to at most {@code pcaDims} dimensions ({@link Pca}); its first two components, scaled to
 *       a standard deviation of 10⁻⁴, are the initial layout (as scikit-learn's {@code init="pca"}).</li>
 *   <li>k = min(n−1, ⌊3·perplexity⌋) nearest neighbours, exact ({@link NearestNeighbours}) for up to
 *       {@value #EXACT_NEIGHBOURS_MAX} points, else approximate ({@link ApproximateNeighbours}:
 *       random-projection trees and NN-descent, as openTSNE), and sparse, symmetrised input
 *       affinities calibrated to the perplexity ({@link Affinities}).</li>
 *   <li>Gradient descent: attraction over the sparse affinities; repulsion summed exactly for up to
 *       {@value #EXACT_MAX_POINTS} points ({@link ExactRepulsion}), else by FFT-accelerated
 *       interpolation ({@link InterpolatedRepulsion}). Early exaggeration 12 for the first 250
 *       iterations with momentum 0.5, then momentum 0.8; learning rate max(200, n/12) (the "auto"
 *       rate of openTSNE and scikit-learn); per-coordinate gains (+0.2 / ×0.8, at least 0.01).</li>
 * </ol>
 * Memory is O(n·k) beyond the input. Every parallel loop uses fixed chunks and sums in chunk
 * order, so the same request gives a bit-identical layout whatever the thread timing.
 */
public final class Tsne {
    public static final int MIN_POINTS = 5;
    public static final double EARLY_EXAGGERATION = 12;
    public static final int EARLY_EXAGGERATION_ITERATIONS = 250;
    /** A copy of the layout goes to the live view (and a progress step is reported) this often. */
    public static final int LAYOUT_EVERY = 10;
    static final int EXACT_MAX_POINTS = 1500;
    /**
     * Up to this many points the neighbours are found exactly (O(n²·d), 28 s at 20,000 points on the
     * busy project machine); beyond, approximately, which took a 100,000-point search from 421 s to
     * seconds with the recall recorded in BENCHMARKS.md.
     */
    public static final int EXACT_NEIGHBOURS_MAX = 20_000;
    private static final long PRELUDE = 200;
    private static final long PCA_DONE = 40;
    private static final long NEIGHBOURS_DONE = 160;

    /** Which repulsion to use; tests force one, callers get {@link #AUTO}. */
    enum Gradient { AUTO, EXACT, INTERPOLATED }

    /** Which neighbour search to use: by size ({@link #AUTO}), or forced (tests and benchmarks compare both). */
    public enum Neighbours { AUTO, EXACT, APPROXIMATE }

    private Tsne() {
    }

    /**
     * Lays the request's points out in 2-D. Bad input throws {@link IllegalArgumentException} before
     * any work. A cancel is polled between steps (after PCA, per block of neighbours, after the
     * affinities, before every iteration) and returns the last layout reached with
     * {@code cancelled=true}: the initial PCA layout if no iteration ran yet.
     *
     * @param layouts receives a copy of the current layout every {@value #LAYOUT_EVERY} iterations
     *                (and the initial and final ones), on the calling thread; may be null
     */
    public static TsneResult run(TsneRequest request, Progress progress, Cancel cancel, Consumer<float[]> layouts) {
        return run(request, progress, cancel, layouts, Gradient.AUTO, Neighbours.AUTO);
    }

    /** {@link #run} with the neighbour search forced (to measure one against the other). */
    public static TsneResult run(TsneRequest request, Progress progress, Cancel cancel, Consumer<float[]> layouts,
                                 Neighbours neighbours) {
        return run(request, progress, cancel, layouts, Gradient.AUTO, neighbours);
    }

    /**
     * The neighbour search of {@link #run} alone, on already reduced points: n·k indices, nearest
     * first (for benchmarks measuring recall).
     */
    public static int[] neighbours(float[][] points, int k, long seed, Neighbours neighbours) {
        return search(points, k, seed, neighbours, Cancel.NEVER, null).index();
    }

    private static boolean approximate(int n, Neighbours neighbours) {
        return neighbours == Neighbours.APPROXIMATE || (neighbours == Neighbours.AUTO && n > EXACT_NEIGHBOURS_MAX);
    }

    private static NearestNeighbours.Result search(float[][] points, int k, long seed, Neighbours neighbours,
                                                   Cancel cancel, NearestNeighbours.Tick tick) {
        return approximate(points.length, neighbours)
                ? ApproximateNeighbours.search(points, k, seed, ApproximateNeighbours.Plan.forPoints(points.length, k), cancel, tick)
                : NearestNeighbours.search(points, k, cancel, tick);
    }

    /**
     * The PCA step of {@link #run} alone: n rows of at most {@code dims} coordinates along the
     * principal components, strongest first (for benchmarks and callers that store the reduction).
     */
    public static float[][] principalComponents(float[][] points, int dims, long seed) {
        validate(new TsneRequest(points, dims, 1, 0, seed));
        return Pca.fit(points, dims, seed).scores();
    }

    /** The largest perplexity {@link #run} accepts for this many points: 3·perplexity ≤ n − 1. */
    public static double maxPerplexity(int points) {
        return (points - 1) / 3.0;
    }

    static TsneResult run(TsneRequest request, Progress progress, Cancel cancel, Consumer<float[]> layouts,
                          Gradient gradient) {
        return run(request, progress, cancel, layouts, gradient, Neighbours.AUTO);
    }

    static TsneResult run(TsneRequest request, Progress progress, Cancel cancel, Consumer<float[]> layouts,
                          Gradient gradient, Neighbours neighbourSearch) {
        validate(request);
        Progress report = progress == null ? Progress.NONE : progress;
        Cancel stop = cancel == null ? Cancel.NEVER : cancel;
        long t0 = System.nanoTime();
        float[][] x = request.points();
        int n = x.length;
        long total = PRELUDE + request.iterations();

        report.report(new Step("PCA", 0, total, "PCA of " + n + " × " + x[0].length + " to at most " + request.pcaDims()));
        Pca.Result pca = Pca.fit(x, request.pcaDims(), request.seed());
        double[] y = initialLayout(pca.scores());
        if (layouts != null) {
            layouts.accept(toFloat(y));
        }
        int k = Math.min(n - 1, (int) Math.floor(3 * request.perplexity()));
        String neighbourWords = approximate(n, neighbourSearch)
                ? k + " approximate neighbours by " + ApproximateNeighbours.Plan.forPoints(n, k).describe()
                : k + " exact neighbours";
        Repulsion repulsion = gradient == Gradient.EXACT || (gradient == Gradient.AUTO && n <= EXACT_MAX_POINTS)
                ? new ExactRepulsion() : new InterpolatedRepulsion();
        if (stop.isCancelled()) {
            return finish(y, 0, describe(repulsion, pca, neighbourWords), true, t0);
        }

        report.report(new Step("neighbours", PCA_DONE, total, k + " nearest neighbours of " + n + " points"));
        NearestNeighbours.Result nn = search(pca.scores(), k, request.seed(), neighbourSearch, stop, (done, chunks) ->
                report.report(new Step("neighbours", PCA_DONE + (NEIGHBOURS_DONE - PCA_DONE) * done / chunks, total,
                        "step " + done + " of " + chunks)));
        if (nn.cancelled() || stop.isCancelled()) {
            return finish(y, 0, describe(repulsion, pca, neighbourWords), true, t0);
        }
        report.report(new Step("affinities", NEIGHBOURS_DONE, total, "perplexity " + request.perplexity()));
        Affinities.Sparse p = Affinities.compute(nn, n, request.perplexity());
        if (stop.isCancelled()) {
            return finish(y, 0, describe(repulsion, pca, neighbourWords), true, t0);
        }

        double learningRate = Math.max(200, n / EARLY_EXAGGERATION);
        double[] update = new double[2 * n];
        double[] gains = new double[2 * n];
        java.util.Arrays.fill(gains, 1);
        double[] attraction = new double[2 * n];
        double[] repulse = new double[2 * n];
        int early = Math.min(EARLY_EXAGGERATION_ITERATIONS, request.iterations());
        int done = 0;
        while (done < request.iterations()) {
            if (stop.isCancelled()) {
                return finish(y, done, describe(repulsion, pca, neighbourWords), true, t0);
            }
            boolean exaggerated = done < early;
            if (done == early) {
                // As scikit-learn: the second phase starts with fresh momentum and gains.
                java.util.Arrays.fill(update, 0);
                java.util.Arrays.fill(gains, 1);
            }
            attract(p, y, attraction);
            double z = repulsion.compute(y, repulse);
            double exaggeration = exaggerated ? EARLY_EXAGGERATION : 1;
            double momentum = exaggerated ? 0.5 : 0.8;
            for (int e = 0; e < 2 * n; e++) {
                double g = exaggeration * attraction[e] - repulse[e] / z;
                gains[e] = (g > 0) != (update[e] > 0) ? gains[e] + 0.2 : Math.max(0.01, gains[e] * 0.8);
                update[e] = momentum * update[e] - learningRate * gains[e] * g;
                y[e] += update[e];
            }
            centre(y);
            done++;
            if (done % LAYOUT_EVERY == 0 || done == request.iterations()) {
                report.report(new Step(exaggerated ? "early exaggeration" : "optimising", PRELUDE + done, total,
                        "iteration " + done + " of " + request.iterations()));
                if (layouts != null) {
                    layouts.accept(toFloat(y));
                }
            }
        }
        return finish(y, done, describe(repulsion, pca, neighbourWords), false, t0);
    }

    static void validate(TsneRequest request) {
        if (request == null || request.points() == null) {
            throw new IllegalArgumentException("no points to lay out");
        }
        float[][] x = request.points();
        if (x.length < MIN_POINTS) {
            throw new IllegalArgumentException("t-SNE needs at least " + MIN_POINTS + " points, got " + x.length);
        }
        if (x[0] == null || x[0].length == 0) {
            throw new IllegalArgumentException("point 0 has no coordinates");
        }
        int d = x[0].length;
        for (int i = 0; i < x.length; i++) {
            if (x[i] == null || x[i].length != d) {
                throw new IllegalArgumentException("point " + i + " has " + (x[i] == null ? 0 : x[i].length)
                        + " coordinates, point 0 has " + d + " (every row must have the same length)");
            }
            for (int c = 0; c < d; c++) {
                if (!Float.isFinite(x[i][c])) {
                    throw new IllegalArgumentException("point " + i + " has a non-finite value (" + x[i][c]
                            + ") in coordinate " + c);
                }
            }
        }
        if (request.pcaDims() < 2) {
            throw new IllegalArgumentException("PCA must keep at least 2 dimensions, got " + request.pcaDims());
        }
        double perplexity = request.perplexity();
        if (!(perplexity >= 1)) {
            throw new IllegalArgumentException("perplexity must be at least 1, got " + perplexity);
        }
        if (perplexity > maxPerplexity(x.length)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "perplexity %s is too large for %d points: at most %.2f (3 × perplexity must not exceed the points − 1)",
                    trim(perplexity), x.length, maxPerplexity(x.length)));
        }
        if (request.iterations() < 0) {
            throw new IllegalArgumentException("iterations must not be negative, got " + request.iterations());
        }
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    /** Σ_j p_ij (y_i − y_j) / (1 + ‖y_i − y_j‖²) for every i, over the sparse affinities. */
    private static void attract(Affinities.Sparse p, double[] y, double[] out) {
        int n = p.rows();
        int[] start = p.rowStart();
        int[] cols = p.cols();
        double[] vals = p.values();
        Chunks.run(Chunks.count(n, 2048), chunk -> {
            int end = Math.min(n, (chunk + 1) * 2048);
            for (int i = chunk * 2048; i < end; i++) {
                double xi = y[2 * i];
                double yi = y[2 * i + 1];
                double fx = 0;
                double fy = 0;
                for (int e = start[i]; e < start[i + 1]; e++) {
                    int j = cols[e];
                    double dx = xi - y[2 * j];
                    double dy = yi - y[2 * j + 1];
                    double w = vals[e] / (1 + dx * dx + dy * dy);
                    fx += w * dx;
                    fy += w * dy;
                }
                out[2 * i] = fx;
                out[2 * i + 1] = fy;
            }
        });
    }

    private static double[] initialLayout(float[][] scores) {
        int n = scores.length;
        int dims = scores[0].length;
        double[] y = new double[2 * n];
        for (int i = 0; i < n; i++) {
            y[2 * i] = scores[i][0];
            y[2 * i + 1] = dims > 1 ? scores[i][1] : 0;
        }
        centre(y);
        double ss = 0;
        for (int i = 0; i < n; i++) {
            ss += y[2 * i] * y[2 * i];
        }
        double std = Math.sqrt(ss / n);
        if (std > 0) {
            for (int e = 0; e < 2 * n; e++) {
                y[e] *= 1e-4 / std;
            }
        }
        return y;
    }

    private static void centre(double[] y) {
        int n = y.length / 2;
        double mx = 0;
        double my = 0;
        for (int i = 0; i < n; i++) {
            mx += y[2 * i];
            my += y[2 * i + 1];
        }
        mx /= n;
        my /= n;
        for (int i = 0; i < n; i++) {
            y[2 * i] -= mx;
            y[2 * i + 1] -= my;
        }
    }

    private static String describe(Repulsion repulsion, Pca.Result pca, String neighbourWords) {
        String kind = repulsion instanceof ExactRepulsion ? "exact-gradient t-SNE" : "FFT-interpolated t-SNE";
        return kind + " (" + repulsion.describe() + "; " + neighbourWords + "; PCA to " + pca.dims() + ")";
    }

    private static TsneResult finish(double[] y, int done, String method, boolean cancelled, long t0) {
        return new TsneResult(toFloat(y), done, method, cancelled, (System.nanoTime() - t0) / 1e9);
    }

    private static float[] toFloat(double[] y) {
        float[] out = new float[y.length];
        for (int e = 0; e < y.length; e++) {
            out[e] = (float) y[e];
        }
        return out;
    }
}
