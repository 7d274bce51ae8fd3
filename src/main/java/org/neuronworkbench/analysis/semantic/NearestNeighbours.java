package org.neuronworkbench.analysis.semantic;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import org.neuronworkbench.work.Cancel;

/**
 * Exact k nearest neighbours by brute force, shared by t-SNE's input affinities and
 * {@link KnnAgreement}. Candidates are taken in blocks whose coordinates are stored transposed, so
 * the inner loop is a vectorisable (a − b)² over a contiguous row of the block (no ‖x‖²+‖y‖²−2x·y
 * cancellation for close points). Selection uses float squared distances; the k chosen are then
 * re-measured in double and sorted by (distance, index), so ties always resolve the same way.
 * Queries are split into fixed chunks, each writing only its own rows: deterministic.
 */
final class NearestNeighbours {
    private static final int BLOCK = 256;
    static final int QUERIES_PER_CHUNK = 128;
    /** Queries that share one pass over a candidate block (QUERIES_PER_CHUNK is a multiple). */
    private static final int TILE = 8;

    /**
     * @param index     n·k neighbour indices, row i at [i·k, (i+1)·k), nearest first, never i itself
     * @param distance2 the matching squared Euclidean distances (double)
     * @param cancelled true when a cancel stopped the search (the arrays are then incomplete)
     */
    record Result(int[] index, double[] distance2, int k, boolean cancelled) {
    }

    /**
     * Called with (chunks done, chunks in all) as query chunks finish: one call at a time, with a
     * count that never goes back, although chunks finish on several threads.
     */
    interface Tick {
        void done(int chunksDone, int chunks);
    }

    private NearestNeighbours() {
    }

    static Result search(float[][] x, int k, Cancel cancel, Tick tick) {
        int n = x.length;
        int d = x[0].length;
        if (k < 1 || k >= n) {
            throw new IllegalArgumentException("k must be between 1 and " + (n - 1) + " for " + n + " points, got " + k);
        }
        int blocks = Chunks.count(n, BLOCK);
        float[][] transposed = new float[blocks][];
        for (int b = 0; b < blocks; b++) {
            int start = b * BLOCK;
            int width = Math.min(BLOCK, n - start);
            float[] t = new float[d * BLOCK];
            for (int j = 0; j < width; j++) {
                float[] row = x[start + j];
                for (int c = 0; c < d; c++) {
                    t[c * BLOCK + j] = row[c];
                }
            }
            transposed[b] = t;
        }
        int[] index = new int[n * k];
        double[] distance2 = new double[n * k];
        int chunks = Chunks.count(n, QUERIES_PER_CHUNK);
        AtomicInteger finished = new AtomicInteger();
        boolean[] skipped = new boolean[1];
        Chunks.run(chunks, chunk -> {
            if (cancel.isCancelled()) {
                skipped[0] = true;
                return;
            }
            float[] acc = new float[TILE * BLOCK];
            float[][] heapDist = new float[TILE][k];
            int[][] heapIdx = new int[TILE][k];
            int[] size = new int[TILE];
            int end = Math.min(n, (chunk + 1) * QUERIES_PER_CHUNK);
            for (int first = chunk * QUERIES_PER_CHUNK; first < end; first += TILE) {
                int tile = Math.min(TILE, end - first);
                Arrays.fill(size, 0);
                for (int b = 0; b < blocks; b++) {
                    int start = b * BLOCK;
                    int width = Math.min(BLOCK, n - start);
                    float[] t = transposed[b];
                    Arrays.fill(acc, 0f);
                    // A tile of queries shares each row of the block while it is in L1; each
                    // query still sums its coordinates in the same order, so the values do not
                    // depend on the tiling.
                    for (int c = 0; c < d; c++) {
                        int base = c * BLOCK;
                        for (int q = 0; q < tile; q++) {
                            float qc = x[first + q][c];
                            int off = q * BLOCK;
                            for (int j = 0; j < BLOCK; j++) {
                                float diff = qc - t[base + j];
                                acc[off + j] += diff * diff;
                            }
                        }
                    }
                    for (int q = 0; q < tile; q++) {
                        int i = first + q;
                        int off = q * BLOCK;
                        float[] hd = heapDist[q];
                        int[] hi = heapIdx[q];
                        for (int j = 0; j < width; j++) {
                            int cand = start + j;
                            if (cand == i) {
                                continue;
                            }
                            float dist = acc[off + j];
                            if (size[q] < k) {
                                heapPush(hd, hi, size[q]++, dist, cand);
                            } else if (worse(hd[0], hi[0], dist, cand)) {
                                heapReplaceTop(hd, hi, k, dist, cand);
                            }
                        }
                    }
                }
                for (int q = 0; q < tile; q++) {
                    exactSorted(x, first + q, heapIdx[q], k, index, distance2);
                }
            }
            // Chunks finish on several threads. Counting and reporting under one lock keeps the
            // reported count rising and the progress listener on one thread at a time, as the
            // work.Progress contract promises (a listener seeing 3 after 4 drew a bar going back).
            synchronized (finished) {
                int done = finished.incrementAndGet();
                if (tick != null) {
                    tick.done(done, chunks);
                }
            }
        });
        return new Result(index, distance2, k, skipped[0] || finished.get() < chunks);
    }

    /** True when (d1, i1) ranks after (d2, i2): farther, or as far with a larger index. */
    private static boolean worse(float d1, int i1, float d2, int i2) {
        return d1 > d2 || (d1 == d2 && i1 > i2);
    }

    /** Max-heap (worst on top) push. */
    private static void heapPush(float[] dist, int[] idx, int at, float d, int i) {
        int pos = at;
        while (pos > 0) {
            int parent = (pos - 1) >>> 1;
            if (!worse(d, i, dist[parent], idx[parent])) {
                break;
            }
            dist[pos] = dist[parent];
            idx[pos] = idx[parent];
            pos = parent;
        }
        dist[pos] = d;
        idx[pos] = i;
    }

    private static void heapReplaceTop(float[] dist, int[] idx, int size, float d, int i) {
        int pos = 0;
        while (true) {
            int left = 2 * pos + 1;
            if (left >= size) {
                break;
            }
            int child = left;
            int right = left + 1;
            if (right < size && worse(dist[right], idx[right], dist[left], idx[left])) {
                child = right;
            }
            if (!worse(dist[child], idx[child], d, i)) {
                break;
            }
            dist[pos] = dist[child];
            idx[pos] = idx[child];
            pos = child;
        }
        dist[pos] = d;
        idx[pos] = i;
    }

    /** Re-measures the k candidates of query i in double and writes them nearest first. */
    static void exactSorted(float[][] x, int i, int[] candidates, int k, int[] index, double[] distance2) {
        float[] q = x[i];
        double[] exact = new double[k];
        for (int a = 0; a < k; a++) {
            float[] p = x[candidates[a]];
            double s = 0;
            for (int c = 0; c < q.length; c++) {
                double diff = (double) q[c] - p[c];
                s += diff * diff;
            }
            exact[a] = s;
        }
        Integer[] slots = new Integer[k];
        for (int a = 0; a < k; a++) {
            slots[a] = a;
        }
        Arrays.sort(slots, (s1, s2) -> {
            int c = Double.compare(exact[s1], exact[s2]);
            return c != 0 ? c : Integer.compare(candidates[s1], candidates[s2]);
        });
        for (int a = 0; a < k; a++) {
            index[i * k + a] = candidates[slots[a]];
            distance2[i * k + a] = exact[slots[a]];
        }
    }
}
