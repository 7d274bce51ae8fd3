package org.neuronworkbench.analysis.semantic;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.neuronworkbench.work.Cancel;

/**
 * Approximate k nearest neighbours for large maps, in the manner of openTSNE's Annoy and
 * pynndescent paths: a forest of random-projection trees proposes candidates (every pair of points
 * sharing a leaf), then rounds of neighbour-of-neighbour refinement (NN-descent's local join)
 * replace candidates with closer ones. The k kept are re-measured in double and sorted by
 * (distance, index) like {@link NearestNeighbours}, so Affinities sees the same kind of result.
 *
 * <p>Why approximate: the exact search is O(n²·d), 60 % of a 100,000-point map; t-SNE's affinities
 * only need most of each point's neighbourhood (a missed neighbour just moves a little weight to the
 * next one), and recall on real lemma vectors is measured in {@code TsneBenchmark}.
 *
 * <p>Deterministic: trees are built from seeds that depend only on the request's seed and the tree
 * number; leaves of one tree are disjoint, so the parallel leaf passes write disjoint rows; each
 * refinement round reads the previous round's lists and writes fresh ones; and a bounded max-heap
 * under the total order (distance, index) keeps the same set whatever the insertion order.
 */
final class ApproximateNeighbours {
    /** Queries scored together against a leaf (one pass over the leaf's columns serves four). */
    private static final int TILE = 4;
    /** Neighbours of a point whose own lists are joined in refinement. */
    private static final int JOIN = 12;

    /** Forest and refinement sizes; {@link #forPoints} picks them from n and k. */
    record Plan(int trees, int leafSize, int rounds) {
        Plan {
            if (trees < 1 || leafSize < 2 || rounds < 0) {
                throw new IllegalArgumentException("bad plan " + trees + " trees, leaves " + leafSize + ", " + rounds + " rounds");
            }
        }

        /**
         * Leaves of a few k, more trees for more points; two refinement rounds. Leaves are never
         * under 2(k + 1) points, so the halves of a split keep at least k + 1 and the first tree
         * alone fills every list.
         */
        static Plan forPoints(int n, int k) {
            int leaf = Math.max(2 * (k + 1), Math.max(256, Math.min(1024, 8 * k)));
            int trees = n <= 50_000 ? 6 : 8;
            return new Plan(trees, leaf, 2);
        }

        String describe() {
            return trees + " random-projection trees, leaves ≤ " + leafSize + ", " + rounds + " NN-descent rounds";
        }
    }

    private ApproximateNeighbours() {
    }

    static NearestNeighbours.Result search(float[][] x, int k, long seed, Plan plan, Cancel cancel,
                                           NearestNeighbours.Tick tick) {
        int n = x.length;
        if (k < 1 || k >= n) {
            throw new IllegalArgumentException("k must be between 1 and " + (n - 1) + " for " + n + " points, got " + k);
        }
        float[] norms = new float[n];
        for (int i = 0; i < n; i++) {
            norms[i] = squaredNorm(x[i]);
        }
        Lists lists = new Lists(n, k);
        int steps = plan.trees() + plan.rounds();
        // Refinement reads rows at random: one contiguous copy saves a pointer chase (and a cache
        // miss) per candidate.
        float[] flat = new float[n * x[0].length];
        for (int i = 0; i < n; i++) {
            System.arraycopy(x[i], 0, flat, i * x[0].length, x[0].length);
        }
        AtomicInteger done = new AtomicInteger();
        for (int t = 0; t < plan.trees(); t++) {
            if (cancel.isCancelled()) {
                return new NearestNeighbours.Result(new int[n * k], new double[n * k], k, true);
            }
            int[] order = RandomProjectionTree.order(x, plan.leafSize(), new SplittableRandom(seed * 1_000_003L + t));
            int[] leafStarts = RandomProjectionTree.leafStarts(n, plan.leafSize());
            int leaves = leafStarts.length - 1;
            Lists current = lists;
            Chunks.run(leaves, leaf -> scoreLeaf(x, norms, order, leafStarts[leaf], leafStarts[leaf + 1], current));
            tick(tick, done, steps);
        }
        for (int r = 0; r < plan.rounds(); r++) {
            if (cancel.isCancelled()) {
                return new NearestNeighbours.Result(new int[n * k], new double[n * k], k, true);
            }
            lists = refine(flat, x[0].length, norms, lists);
            tick(tick, done, steps);
        }
        int[] index = new int[n * k];
        double[] distance2 = new double[n * k];
        Lists finalLists = lists;
        Chunks.run(Chunks.count(n, 1024), chunk -> {
            int end = Math.min(n, (chunk + 1) * 1024);
            for (int i = chunk * 1024; i < end; i++) {
                int[] candidates = Arrays.copyOfRange(finalLists.index, i * k, (i + 1) * k);
                NearestNeighbours.exactSorted(x, i, candidates, k, index, distance2);
            }
        });
        return new NearestNeighbours.Result(index, distance2, k, false);
    }

    private static void tick(NearestNeighbours.Tick tick, AtomicInteger done, int steps) {
        int d = done.incrementAndGet();
        if (tick != null) {
            tick.done(d, steps);
        }
    }

    /**
     * Per-point bounded max-heaps (worst on top) of float keys ‖x_j‖² − 2·x_i·x_j (the squared
     * distance less the query's own ‖x_i‖², which does not change the order).
     */
    private static final class Lists {
        final int k;
        final float[] key;
        final int[] index;
        final int[] size;

        Lists(int n, int k) {
            this.k = k;
            this.key = new float[n * k];
            this.index = new int[n * k];
            this.size = new int[n];
        }

        /** Offers candidate j to row i; a j already there is not added twice. */
        void offer(int i, float d, int j) {
            int off = i * k;
            int s = size[i];
            if (s == k && !worse(key[off], index[off], d, j)) {
                return;
            }
            for (int a = off; a < off + s; a++) {
                if (index[a] == j) {
                    return;
                }
            }
            if (s < k) {
                push(off, s, d, j);
                size[i] = s + 1;
            } else {
                replaceTop(off, d, j);
            }
        }

        private void push(int off, int at, float d, int j) {
            int pos = at;
            while (pos > 0) {
                int parent = (pos - 1) >>> 1;
                if (!worse(d, j, key[off + parent], index[off + parent])) {
                    break;
                }
                key[off + pos] = key[off + parent];
                index[off + pos] = index[off + parent];
                pos = parent;
            }
            key[off + pos] = d;
            index[off + pos] = j;
        }

        private void replaceTop(int off, float d, int j) {
            int pos = 0;
            while (true) {
                int left = 2 * pos + 1;
                if (left >= k) {
                    break;
                }
                int child = left;
                int right = left + 1;
                if (right < k && worse(key[off + right], index[off + right], key[off + left], index[off + left])) {
                    child = right;
                }
                if (!worse(key[off + child], index[off + child], d, j)) {
                    break;
                }
                key[off + pos] = key[off + child];
                index[off + pos] = index[off + child];
                pos = child;
            }
            key[off + pos] = d;
            index[off + pos] = j;
        }
    }

    private static boolean worse(float d1, int i1, float d2, int i2) {
        return d1 > d2 || (d1 == d2 && i1 > i2);
    }

    private static float squaredNorm(float[] v) {
        float s = 0;
        for (float f : v) {
            s += f * f;
        }
        return s;
    }

    /**
     * ‖x_j‖² − 2·x_i·x_j with four running sums (independent additions, so the loop is not one long
     * dependency chain). It may differ in the last bits from the leaf kernel's value for the same
     * pair; a pair already listed is never offered twice, and both paths run in a fixed order, so
     * the lists stay deterministic.
     */
    private static float key(float[] flat, int i, int j, int d, float normJ) {
        float s0 = 0;
        float s1 = 0;
        float s2 = 0;
        float s3 = 0;
        int oi = i * d;
        int oj = j * d;
        int c = 0;
        for (; c + 3 < d; c += 4) {
            s0 += flat[oi + c] * flat[oj + c];
            s1 += flat[oi + c + 1] * flat[oj + c + 1];
            s2 += flat[oi + c + 2] * flat[oj + c + 2];
            s3 += flat[oi + c + 3] * flat[oj + c + 3];
        }
        for (; c < d; c++) {
            s0 += flat[oi + c] * flat[oj + c];
        }
        return normJ - 2 * ((s0 + s1) + (s2 + s3));
    }

    /**
     * Every point of a leaf against every other: the leaf's coordinates transposed so that four
     * queries share each contiguous column row (a vectorisable multiply-add).
     */
    private static void scoreLeaf(float[][] x, float[] norms, int[] order, int from, int to, Lists lists) {
        int size = to - from;
        int d = x[0].length;
        float[] columns = new float[d * size];
        float[] base = new float[size];
        for (int j = 0; j < size; j++) {
            float[] row = x[order[from + j]];
            for (int c = 0; c < d; c++) {
                columns[c * size + j] = row[c];
            }
            base[j] = norms[order[from + j]];
        }
        float[][] acc = new float[TILE][size];
        for (int first = 0; first < size; first += TILE) {
            int tile = Math.min(TILE, size - first);
            for (int q = 0; q < TILE; q++) {
                System.arraycopy(base, 0, acc[q], 0, size);
            }
            float[] x0 = x[order[from + first]];
            float[] x1 = x[order[from + first + Math.min(1, tile - 1)]];
            float[] x2 = x[order[from + first + Math.min(2, tile - 1)]];
            float[] x3 = x[order[from + first + Math.min(3, tile - 1)]];
            float[] a0 = acc[0];
            float[] a1 = acc[1];
            float[] a2 = acc[2];
            float[] a3 = acc[3];
            for (int c = 0; c < d; c++) {
                int off = c * size;
                float c0 = -2 * x0[c];
                float c1 = -2 * x1[c];
                float c2 = -2 * x2[c];
                float c3 = -2 * x3[c];
                for (int j = 0; j < size; j++) {
                    float t = columns[off + j];
                    a0[j] += c0 * t;
                    a1[j] += c1 * t;
                    a2[j] += c2 * t;
                    a3[j] += c3 * t;
                }
            }
            for (int q = 0; q < tile; q++) {
                int i = order[from + first + q];
                float[] a = acc[q];
                for (int j = 0; j < size; j++) {
                    int cand = order[from + j];
                    if (cand != i) {
                        lists.offer(i, a[j], cand);
                    }
                }
            }
        }
    }

    /**
     * One round of local join: each point's candidates are its current neighbours and the neighbours
     * of its {@value #JOIN} nearest, each measured once however many lists it is on (a stamp per
     * point marks the row that last saw it). Reads {@code old}, returns fresh lists.
     */
    private static Lists refine(float[] flat, int d, float[] norms, Lists old) {
        int n = norms.length;
        int k = old.k;
        Lists next = new Lists(n, k);
        ThreadLocal<int[]> stamps = ThreadLocal.withInitial(() -> new int[n]);
        Chunks.run(Chunks.count(n, 512), chunk -> {
            int end = Math.min(n, (chunk + 1) * 512);
            int[] nearest = new int[k];
            // Rows are distinct, so stamp i + 1 is unique to row i on whichever thread runs it.
            int[] seen = stamps.get();
            for (int i = chunk * 512; i < end; i++) {
                int off = i * k;
                int stamp = i + 1;
                seen[i] = stamp;
                for (int a = 0; a < old.size[i]; a++) {
                    next.offer(i, old.key[off + a], old.index[off + a]);
                    seen[old.index[off + a]] = stamp;
                }
                int join = sortedPrefix(old, i, nearest);
                for (int a = 0; a < join; a++) {
                    int j = nearest[a];
                    int offJ = j * k;
                    for (int b = 0; b < old.size[j]; b++) {
                        int cand = old.index[offJ + b];
                        if (seen[cand] != stamp) {
                            seen[cand] = stamp;
                            next.offer(i, key(flat, i, cand, d, norms[cand]), cand);
                        }
                    }
                }
            }
        });
        return next;
    }

    /** Writes row i's entries nearest first into {@code out}; returns how many of them to join. */
    private static int sortedPrefix(Lists lists, int i, int[] out) {
        int off = i * lists.k;
        int s = lists.size[i];
        long[] packed = new long[s];
        for (int a = 0; a < s; a++) {
            // Keys are compared as floats; pack (rank-preserving bits, index) to sort without boxing.
            int bits = Float.floatToIntBits(lists.key[off + a]);
            int ordered = bits >= 0 ? bits : bits ^ 0x7fffffff;
            packed[a] = ((long) ordered << 32) | (lists.index[off + a] & 0xffffffffL);
        }
        Arrays.sort(packed);
        for (int a = 0; a < s; a++) {
            out[a] = (int) packed[a];
        }
        return Math.min(JOIN, s);
    }
}
