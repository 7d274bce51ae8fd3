package org.neuronworkbench.index;

import java.util.Map;

/**
 * Per neuron, the k windows with the highest max activation, as fixed-size min-heaps in flat
 * arrays (neurons x k). Order: activation descending, then earlier window first, so the result
 * does not depend on batching.
 */
final class TopWindows extends FlatHeaps implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    private final int k;
    private final float[] act;
    private final long[] seq;
    private final int[] pos;
    private final int[] size;

    TopWindows(int neurons, int k) {
        this.k = k;
        this.act = new float[neurons * k];
        this.seq = new long[neurons * k];
        this.pos = new int[neurons * k];
        this.size = new int[neurons];
    }

    int k() {
        return k;
    }

    /** Offers one window's max for a neuron. Windows may arrive in any order (batches are sorted by length). */
    void offer(int neuron, float value, long windowSeq, int maxPos) {
        int base = neuron * k;
        int n = size[neuron];
        if (n < k) {
            int i = n;
            size[neuron] = n + 1;
            act[base + i] = value;
            seq[base + i] = windowSeq;
            pos[base + i] = maxPos;
            siftUp(base, i);
            return;
        }
        // Displaces the current worst only if better: higher, or equal and earlier in the corpus.
        if (value < act[base] || (value == act[base] && windowSeq >= seq[base])) {
            return;
        }
        act[base] = value;
        seq[base] = windowSeq;
        pos[base] = maxPos;
        siftDown(base, 0, k);
    }

    /**
     * Folds in another part's heaps. Every entry is offered as if its window had arrived here; the
     * order (activation, then window number) is total, so the result is the top k of the union
     * whatever the split or the order of merging.
     */
    void merge(TopWindows other) {
        if (other.k != k || other.size.length != size.length) {
            throw new IllegalArgumentException("cannot merge top-k heaps of different shapes");
        }
        for (int n = 0; n < size.length; n++) {
            int base = n * k;
            for (int i = 0; i < other.size[n]; i++) {
                offer(n, other.act[base + i], other.seq[base + i], other.pos[base + i]);
            }
        }
    }

    /** Entries of one neuron sorted best first. */
    Entry[] sorted(int neuron) {
        int base = neuron * k;
        Entry[] out = new Entry[size[neuron]];
        for (int i = 0; i < out.length; i++) {
            out[i] = new Entry(act[base + i], seq[base + i], pos[base + i]);
        }
        java.util.Arrays.sort(out, (a, b) -> a.act != b.act ? Float.compare(b.act, a.act) : Long.compare(a.seq, b.seq));
        return out;
    }

    record Entry(float act, long seq, int pos) {
    }

    /** The root holds the worst entry: lower, or equal and later. */
    @Override
    boolean above(int a, int b) {
        return act[a] < act[b] || (act[a] == act[b] && seq[a] > seq[b]);
    }

    @Override
    void swap(int a, int b) {
        float fa = act[a];
        act[a] = act[b];
        act[b] = fa;
        long sa = seq[a];
        seq[a] = seq[b];
        seq[b] = sa;
        int pa = pos[a];
        pos[a] = pos[b];
        pos[b] = pa;
    }

    void save(Map<String, byte[]> out) {
        out.put("top.act", Codec.floats(act));
        out.put("top.seq", Codec.longs(seq));
        out.put("top.pos", Codec.ints(pos));
        out.put("top.size", Codec.ints(size));
    }

    void load(Map<String, byte[]> in) {
        System.arraycopy(Codec.floats(in.get("top.act")), 0, act, 0, act.length);
        System.arraycopy(Codec.longs(in.get("top.seq")), 0, seq, 0, seq.length);
        System.arraycopy(Codec.ints(in.get("top.pos")), 0, pos, 0, pos.length);
        System.arraycopy(Codec.ints(in.get("top.size")), 0, size, 0, size.length);
    }
}
