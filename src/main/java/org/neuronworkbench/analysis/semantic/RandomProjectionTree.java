package org.neuronworkbench.analysis.semantic;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * One random-projection tree of {@link ApproximateNeighbours}' forest, kept as a permutation of the
 * points: each leaf is a consecutive range of it, found by the same halving rule.
 */
final class RandomProjectionTree {
    private RandomProjectionTree() {
    }

    /** A random-projection tree over all points: a permutation whose leaves are consecutive ranges. */
    static int[] order(float[][] x, int leafSize, SplittableRandom random) {
        int n = x.length;
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        split(x, order, 0, n, leafSize, random);
        return order;
    }

    /**
     * Splits order[from, to) at the median of its projections on the line through two of its points
     * chosen at random (so directions follow the data, as in Annoy), until ranges fit a leaf.
     */
    private static void split(float[][] x, int[] order, int from, int to, int leafSize, SplittableRandom random) {
        int size = to - from;
        if (size <= leafSize) {
            return;
        }
        float[] a = x[order[from + random.nextInt(size)]];
        float[] b = x[order[from + random.nextInt(size)]];
        int d = a.length;
        float[] normal = new float[d];
        for (int c = 0; c < d; c++) {
            normal[c] = a[c] - b[c];
        }
        long[] packed = new long[size];
        for (int p = 0; p < size; p++) {
            float[] row = x[order[from + p]];
            float s = 0;
            for (int c = 0; c < d; c++) {
                s += normal[c] * row[c];
            }
            // Ties (and a zero normal, when the two points coincide) fall back to index order: still a median split.
            int bits = Float.floatToIntBits(s);
            int ordered = bits >= 0 ? bits : bits ^ 0x7fffffff;
            packed[p] = ((long) ordered << 32) | (order[from + p] & 0xffffffffL);
        }
        Arrays.sort(packed);
        for (int p = 0; p < size; p++) {
            order[from + p] = (int) packed[p];
        }
        int middle = from + size / 2;
        split(x, order, from, middle, leafSize, random);
        split(x, order, middle, to, leafSize, random);
    }

    /** The leaf boundaries of a tree built by {@link #order} (same halving rule). */
    static int[] leafStarts(int n, int leafSize) {
        java.util.List<Integer> starts = new java.util.ArrayList<>();
        collect(0, n, leafSize, starts);
        starts.add(n);
        return starts.stream().mapToInt(Integer::intValue).toArray();
    }

    private static void collect(int from, int to, int leafSize, java.util.List<Integer> starts) {
        if (to - from <= leafSize) {
            starts.add(from);
            return;
        }
        int middle = from + (to - from) / 2;
        collect(from, middle, leafSize, starts);
        collect(middle, to, leafSize, starts);
    }
}
