package org.neuronworkbench.analysis.semantic;

import java.util.Arrays;

/**
 * The repulsion by polynomial interpolation on an equispaced grid and FFT convolution, the method
 * of FIt-SNE (Linderman et al., Nature Methods 2019) and openTSNE's "negative gradient" step:
 * O(n + G log G) per iteration for G grid nodes, O(n + G) memory.
 *
 * <p>The layout's bounding square is cut into boxes (at least {@value #MIN_BOXES} per side, at most
 * one unit wide) with {@value #NODES} equispaced nodes each. Every point spreads four charges
 * (1, x, y, x²+y²) onto the 3×3 nodes of its box with Lagrange weights; the charges are convolved
 * with the kernel K² = (1 + r²)⁻² evaluated between nodes (a Toeplitz product, done as a
 * zero-padded 2-D FFT of size 2^a or 3·2^a; the charges are packed two per complex grid); the four potentials are
 * interpolated back. Since K = K²(1 + r²), the same four potentials give both Σ_j K²(y_i − y_j)
 * and the normaliser Z, so one kernel serves both.
 */
final class InterpolatedRepulsion implements Repulsion {
    static final int NODES = 3;
    static final int MIN_BOXES = 40;
    static final double MAX_BOX_WIDTH = 1;
    /** The FFT size limit (32 MB per buffer); past it the boxes get wider than MAX_BOX_WIDTH. */
    static final int MAX_FFT = 2048;
    private static final double SLACK = 1.05;
    private static final double REUSE_BAND = 1.2;
    private static final int ROWS_PER_CHUNK = 32;

    private final double maxBoxWidth;
    private Fft fft;
    private double[] aRe;
    private double[] aIm;
    private double[] bRe;
    private double[] bIm;
    private double[] kernelSpectrum;
    private double covered = Double.NaN;
    private int grid;
    private int largestGrid;

    InterpolatedRepulsion() {
        this(MAX_BOX_WIDTH);
    }

    InterpolatedRepulsion(double maxBoxWidth) {
        this.maxBoxWidth = maxBoxWidth;
    }

    @Override
    public double compute(double[] y, double[] out) {
        int n = y.length / 2;
        double minX = Double.POSITIVE_INFINITY;
        double maxX = Double.NEGATIVE_INFINITY;
        double minY = Double.POSITIVE_INFINITY;
        double maxY = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            minX = Math.min(minX, y[2 * i]);
            maxX = Math.max(maxX, y[2 * i]);
            minY = Math.min(minY, y[2 * i + 1]);
            maxY = Math.max(maxY, y[2 * i + 1]);
        }
        double range = Math.max(Math.max(maxX - minX, maxY - minY), 1e-9);
        if (!(range <= covered && range >= covered / REUSE_BAND)) {
            chooseGrid(range);
        }
        int m = fft.size();
        int boxes = grid / NODES;
        double boxWidth = covered / boxes;
        double h = boxWidth / NODES;
        clear();

        int[] gx = new int[n];
        int[] gy = new int[n];
        double[] wx = new double[NODES * n];
        double[] wy = new double[NODES * n];
        for (int i = 0; i < n; i++) {
            gx[i] = NODES * weights(y[2 * i], minX, boxWidth, h, boxes, wx, NODES * i);
            gy[i] = NODES * weights(y[2 * i + 1], minY, boxWidth, h, boxes, wy, NODES * i);
        }
        for (int i = 0; i < n; i++) {
            double px = y[2 * i];
            double py = y[2 * i + 1];
            double sq = px * px + py * py;
            for (int a = 0; a < NODES; a++) {
                int row = (gx[i] + a) * m + gy[i];
                for (int b = 0; b < NODES; b++) {
                    double w = wx[NODES * i + a] * wy[NODES * i + b];
                    aRe[row + b] += w;
                    aIm[row + b] += w * px;
                    bRe[row + b] += w * py;
                    bIm[row + b] += w * sq;
                }
            }
        }
        forward(aRe, aIm, m, grid);
        forward(bRe, bIm, m, grid);
        Chunks.run(Chunks.count(m * m, 1 << 16), chunk -> {
            int end = Math.min(m * m, (chunk + 1) << 16);
            for (int e = chunk << 16; e < end; e++) {
            // The kernel is real and even, so its spectrum is real.
            double k = kernelSpectrum[e];
            aRe[e] *= k;
            aIm[e] *= k;
            bRe[e] *= k;
            bIm[e] *= k;
            }
        });
        inverse(aRe, aIm, m, grid);
        inverse(bRe, bIm, m, grid);
        double scale = 1.0 / ((double) m * m);

        int chunks = Chunks.count(n, 4096);
        double[] partialZ = new double[chunks];
        Chunks.run(chunks, chunk -> {
            double z = 0;
            int end = Math.min(n, (chunk + 1) * 4096);
            for (int i = chunk * 4096; i < end; i++) {
                double p1 = 0;
                double px = 0;
                double py = 0;
                double psq = 0;
                for (int a = 0; a < NODES; a++) {
                    int row = (gx[i] + a) * m + gy[i];
                    for (int b = 0; b < NODES; b++) {
                        double w = wx[NODES * i + a] * wy[NODES * i + b];
                        p1 += w * aRe[row + b];
                        px += w * aIm[row + b];
                        py += w * bRe[row + b];
                        psq += w * bIm[row + b];
                    }
                }
                p1 *= scale;
                px *= scale;
                py *= scale;
                psq *= scale;
                double xi = y[2 * i];
                double yi = y[2 * i + 1];
                z += (1 + xi * xi + yi * yi) * p1 - 2 * (xi * px + yi * py) + psq;
                out[2 * i] = xi * p1 - px;
                out[2 * i + 1] = yi * p1 - py;
            }
            partialZ[chunk] = z;
        });
        double z = 0;
        for (double part : partialZ) {
            z += part;
        }
        // Each point's own term (K = 1) is in the sums above; Z counts pairs i ≠ j only.
        return z - n;
    }

    @Override
    public String describe() {
        return "repulsion on a grid up to " + largestGrid + "², " + NODES + " nodes per box";
    }

    /** Lagrange weights of the point's box nodes into w[off..off+NODES); returns the box index. */
    private static int weights(double v, double lo, double boxWidth, double h, int boxes, double[] w, int off) {
        int box = Math.min(boxes - 1, Math.max(0, (int) ((v - lo) / boxWidth)));
        double t = (v - lo) / h - 0.5 - NODES * box;
        for (int a = 0; a < NODES; a++) {
            double num = 1;
            double den = 1;
            for (int b = 0; b < NODES; b++) {
                if (b != a) {
                    num *= t - b;
                    den *= a - b;
                }
            }
            w[off + a] = num / den;
        }
        return box;
    }

    /**
     * Picks the grid for a layout of this range and computes the kernel's spectrum. The grid covers
     * a little more than the range and is kept while the layout stays within it and fills at least
     * 1/{@value #REUSE_BAND} of it, so the kernel transform is not redone every iteration.
     */
    private void chooseGrid(double range) {
        covered = range * SLACK;
        int wanted = Math.max(MIN_BOXES, (int) Math.ceil(covered / maxBoxWidth));
        int m = Math.min(MAX_FFT, Fft.sizeAtLeast(2 * NODES * wanted - 1));
        // The padded size (the convolution needs m ≥ 2·grid − 1) is rounded up to 2^a or 3·2^a:
        // use all of it for finer boxes; past MAX_FFT the boxes get wider instead.
        int boxes = (m + 1) / (2 * NODES);
        grid = NODES * boxes;
        largestGrid = Math.max(largestGrid, grid);
        if (fft == null || fft.size() != m) {
            fft = new Fft(m);
            aRe = new double[m * m];
            aIm = new double[m * m];
            bRe = new double[m * m];
            bIm = new double[m * m];
            kernelSpectrum = new double[m * m];
        }
        double h = covered / boxes / NODES;
        double[] kIm = new double[m * m];
        Arrays.fill(kernelSpectrum, 0);
        for (int dx = -(grid - 1); dx < grid; dx++) {
            int row = Math.floorMod(dx, m) * m;
            for (int dy = -(grid - 1); dy < grid; dy++) {
                double r2 = h * h * ((double) dx * dx + (double) dy * dy);
                double k = 1 / (1 + r2);
                kernelSpectrum[row + Math.floorMod(dy, m)] = k * k;
            }
        }
        forward(kernelSpectrum, kIm, m, m);
    }

    private void clear() {
        for (double[] a : new double[][] {aRe, aIm, bRe, bIm}) {
            Arrays.fill(a, 0);
        }
    }

    /** 2-D FFT of an m×m grid whose rows ≥ nonzeroRows are zero; the spectrum is left transposed. */
    private void forward(double[] re, double[] im, int m, int nonzeroRows) {
        rows(re, im, m, nonzeroRows, false);
        transpose(re, m);
        transpose(im, m);
        rows(re, im, m, m, false);
    }

    /** Inverse of {@link #forward} (unscaled); only rows below neededRows are finished. */
    private void inverse(double[] re, double[] im, int m, int neededRows) {
        rows(re, im, m, m, true);
        transpose(re, m);
        transpose(im, m);
        rows(re, im, m, neededRows, true);
    }

    private void rows(double[] re, double[] im, int m, int count, boolean inverse) {
        Chunks.run(Chunks.count(count, ROWS_PER_CHUNK), chunk -> {
            int end = Math.min(count, (chunk + 1) * ROWS_PER_CHUNK);
            for (int r = chunk * ROWS_PER_CHUNK; r < end; r++) {
                fft.transform(re, im, r * m, inverse);
            }
        });
    }

    /** In-place transpose by 32×32 tiles; each band of tile rows is one chunk (disjoint swaps). */
    private static void transpose(double[] a, int m) {
        final int tile = 32;
        Chunks.run(Chunks.count(m, tile), band -> {
            int bi = band * tile;
            for (int bj = bi; bj < m; bj += tile) {
                int iEnd = Math.min(m, bi + tile);
                for (int i = bi; i < iEnd; i++) {
                    int jStart = bi == bj ? i + 1 : bj;
                    int jEnd = Math.min(m, bj + tile);
                    for (int j = jStart; j < jEnd; j++) {
                        double t = a[i * m + j];
                        a[i * m + j] = a[j * m + i];
                        a[j * m + i] = t;
                    }
                }
            }
        });
    }
}
