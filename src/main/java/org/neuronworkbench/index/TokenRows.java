package org.neuronworkbench.index;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.BitSet;

/**
 * Per-key rows of double sums over every neuron (keys: token ids or positions), allocated on first
 * use so memory is bounded by keys seen x neurons, never by corpus length. Tracks rows changed
 * since the last checkpoint so a checkpoint writes only those.
 */
final class TokenRows implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    private final int width;
    private final double[][] rows;
    private final long[] counts;
    private final BitSet dirty = new BitSet();
    private long seen;

    TokenRows(int keys, int width) {
        this.width = width;
        this.rows = new double[keys][];
        this.counts = new long[keys];
    }

    int keys() {
        return rows.length;
    }

    int width() {
        return width;
    }

    /** The row to add into; counts one occurrence of the key. */
    double[] touch(int key) {
        double[] r = rows[key];
        if (r == null) {
            r = new double[width];
            rows[key] = r;
            seen++;
        }
        counts[key]++;
        dirty.set(key);
        return r;
    }

    /** How many keys have a row. */
    long seenCount() {
        return seen;
    }

    /** The row, or null if the key was never seen. */
    double[] row(int key) {
        return rows[key];
    }

    long count(int key) {
        return counts[key];
    }

    /** Keys seen at least once, ascending. */
    int[] seenKeys() {
        return java.util.stream.IntStream.range(0, rows.length).filter(k -> rows[k] != null).toArray();
    }

    int[] dirtyKeys() {
        return dirty.stream().toArray();
    }

    void clearDirty() {
        dirty.clear();
    }

    byte[] encodeRow(int key) {
        ByteBuffer b = ByteBuffer.allocate(width * 8).order(ByteOrder.LITTLE_ENDIAN);
        b.asDoubleBuffer().put(rows[key]);
        return b.array();
    }

    /** Restores one row from a checkpoint. */
    void restore(int key, long count, byte[] data) {
        double[] r = new double[width];
        ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer().get(r);
        if (rows[key] == null) {
            seen++;
        }
        rows[key] = r;
        counts[key] = count;
    }

    /** Adds another part's row for {@code key}: its sums and its count (the row need not exist here yet). */
    void add(int key, long count, double[] sums) {
        if (sums.length != width) {
            throw new IllegalArgumentException("row of " + sums.length + " sums, expected " + width);
        }
        double[] r = rows[key];
        if (r == null) {
            rows[key] = sums.clone();
            seen++;
        } else {
            for (int i = 0; i < width; i++) {
                r[i] += sums[i];
            }
        }
        counts[key] += count;
        dirty.set(key);
    }

    /** Adds every row of another part (same keys and width). */
    void merge(TokenRows other) {
        if (other.width != width || other.rows.length != rows.length) {
            throw new IllegalArgumentException("cannot merge token rows of different shapes");
        }
        for (int k = 0; k < other.rows.length; k++) {
            if (other.rows[k] != null) {
                add(k, other.counts[k], other.rows[k]);
            }
        }
    }

    /** Frees the rows (after they were written out). */
    void clear() {
        java.util.Arrays.fill(rows, null);
        java.util.Arrays.fill(counts, 0);
        seen = 0;
        dirty.clear();
    }
}
