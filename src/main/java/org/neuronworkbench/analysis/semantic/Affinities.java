package org.neuronworkbench.analysis.semantic;

import java.util.Arrays;

/**
 * t-SNE's sparse input affinities: for each point a Gaussian over its k nearest neighbours whose
 * width is found by binary search so that the distribution's perplexity is the one asked for, then
 * symmetrised, p_ij = (p_j|i + p_i|j) / 2n, stored as a CSR matrix that sums to 1.
 */
final class Affinities {
    private static final int SEARCH_STEPS = 200;
    private static final double TOLERANCE = 1e-5;

    /** Row i's entries are cols/values[rowStart[i] .. rowStart[i+1]), columns ascending. */
    record Sparse(int[] rowStart, int[] cols, double[] values) {
        int rows() {
            return rowStart.length - 1;
        }
    }

    private Affinities() {
    }

    static Sparse compute(NearestNeighbours.Result nn, int n, double perplexity) {
        return symmetrise(nn.index(), conditional(nn, n, perplexity), n, nn.k());
    }

    /** p_j|i for each point's k neighbours, laid out like the neighbour lists (n·k values). */
    static double[] conditional(NearestNeighbours.Result nn, int n, double perplexity) {
        int k = nn.k();
        double[] conditional = new double[n * k];
        double target = Math.log(perplexity);
        Chunks.run(Chunks.count(n, 1024), chunk -> {
            int end = Math.min(n, (chunk + 1) * 1024);
            for (int i = chunk * 1024; i < end; i++) {
                calibrate(nn.distance2(), i * k, k, target, conditional);
            }
        });
        return conditional;
    }

    /** Binary search on the precision beta of row i (distances shifted by the nearest, for range). */
    private static void calibrate(double[] d2, int off, int k, double target, double[] out) {
        double nearest = d2[off];
        double beta = 1;
        double lo = Double.NEGATIVE_INFINITY;
        double hi = Double.POSITIVE_INFINITY;
        for (int step = 0; step < SEARCH_STEPS; step++) {
            double sum = 0;
            double weighted = 0;
            for (int a = 0; a < k; a++) {
                double shifted = d2[off + a] - nearest;
                double p = Math.exp(-beta * shifted);
                out[off + a] = p;
                sum += p;
                weighted += shifted * p;
            }
            double entropy = Math.log(sum) + beta * weighted / sum;
            double diff = entropy - target;
            if (Math.abs(diff) < TOLERANCE) {
                break;
            }
            if (diff > 0) {
                lo = beta;
                beta = hi == Double.POSITIVE_INFINITY ? beta * 2 : (beta + hi) / 2;
            } else {
                hi = beta;
                beta = lo == Double.NEGATIVE_INFINITY ? beta / 2 : (beta + lo) / 2;
            }
        }
        double sum = 0;
        for (int a = 0; a < k; a++) {
            sum += out[off + a];
        }
        for (int a = 0; a < k; a++) {
            out[off + a] /= sum;
        }
    }

    private static Sparse symmetrise(int[] index, double[] conditional, int n, int k) {
        int[] count = new int[n + 1];
        for (int i = 0; i < n; i++) {
            count[i] += k;
            for (int a = 0; a < k; a++) {
                count[index[i * k + a]]++;
            }
        }
        int[] start = new int[n + 1];
        for (int i = 0; i < n; i++) {
            start[i + 1] = start[i] + count[i];
        }
        int[] fill = Arrays.copyOf(start, n);
        int[] cols = new int[start[n]];
        double[] vals = new double[start[n]];
        for (int i = 0; i < n; i++) {
            for (int a = 0; a < k; a++) {
                int j = index[i * k + a];
                double p = conditional[i * k + a];
                cols[fill[i]] = j;
                vals[fill[i]++] = p;
                cols[fill[j]] = i;
                vals[fill[j]++] = p;
            }
        }
        // Sort each row by column and merge the two halves of mutual neighbours.
        int[] outStart = new int[n + 1];
        int[][] rowCols = new int[n][];
        double[][] rowVals = new double[n][];
        Chunks.run(Chunks.count(n, 1024), chunk -> {
            int end = Math.min(n, (chunk + 1) * 1024);
            for (int i = chunk * 1024; i < end; i++) {
                int s = start[i];
                int len = start[i + 1] - s;
                long[] keys = new long[len];
                for (int a = 0; a < len; a++) {
                    keys[a] = ((long) cols[s + a] << 32) | a;
                }
                Arrays.sort(keys);
                int[] c = new int[len];
                double[] v = new double[len];
                int m = 0;
                for (long key : keys) {
                    int col = (int) (key >>> 32);
                    double p = vals[s + (int) key];
                    if (m > 0 && c[m - 1] == col) {
                        v[m - 1] += p;
                    } else {
                        c[m] = col;
                        v[m++] = p;
                    }
                }
                rowCols[i] = Arrays.copyOf(c, m);
                rowVals[i] = Arrays.copyOf(v, m);
            }
        });
        for (int i = 0; i < n; i++) {
            outStart[i + 1] = outStart[i] + rowCols[i].length;
        }
        int[] outCols = new int[outStart[n]];
        double[] outVals = new double[outStart[n]];
        double total = 0;
        for (int i = 0; i < n; i++) {
            System.arraycopy(rowCols[i], 0, outCols, outStart[i], rowCols[i].length);
            System.arraycopy(rowVals[i], 0, outVals, outStart[i], rowVals[i].length);
            for (double v : rowVals[i]) {
                total += v;
            }
        }
        for (int e = 0; e < outVals.length; e++) {
            outVals[e] /= total;
        }
        return new Sparse(outStart, outCols, outVals);
    }
}
