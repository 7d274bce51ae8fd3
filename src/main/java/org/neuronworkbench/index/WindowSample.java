package org.neuronworkbench.index;

import java.util.Arrays;
import java.util.Map;

/**
 * Per neuron, a uniform random sample of R windows (with their max activation), for quantile
 * boundaries and random samples per band. Bottom-R sampling: each (neuron, window) gets a key from a
 * fixed-seed hash and the R smallest keys are kept. Deterministic with no generator state, so a
 * resumed build keeps exactly the same sample.
 */
final class WindowSample extends FlatHeaps implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    static final long SEED = 0x5EED_1DE5L;
    private final int r;
    private final long[] key;
    private final long[] seq;
    private final float[] act;
    private final int[] pos;
    private final int[] size;

    WindowSample(int neurons, int r) {
        this.r = r;
        this.key = new long[neurons * r];
        this.seq = new long[neurons * r];
        this.act = new float[neurons * r];
        this.pos = new int[neurons * r];
        this.size = new int[neurons];
    }

    static long keyOf(int neuron, long windowSeq) {
        long z = SEED + neuron * 0x9E3779B97F4A7C15L + windowSeq * 0xC2B2AE3D27D4EB4FL;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return (z ^ (z >>> 31)) >>> 1; // non-negative
    }

    void offer(int neuron, float value, long windowSeq, int maxPos) {
        long kv = keyOf(neuron, windowSeq);
        int base = neuron * r;
        int n = size[neuron];
        if (n < r) {
            set(base + n, kv, windowSeq, value, maxPos);
            size[neuron] = n + 1;
            siftUp(base, n);
            return;
        }
        // Slot 0 of a full sample holds the largest kept key (a max-heap); most offers lose to it.
        // Equal keys (a 63-bit hash collision) go to the earlier window, so merging stays associative.
        if (kv > key[base] || (kv == key[base] && windowSeq >= seq[base])) {
            return;
        }
        set(base, kv, windowSeq, value, maxPos);
        siftDown(base, 0, r);
    }

    private void set(int i, long kv, long windowSeq, float value, int maxPos) {
        key[i] = kv;
        seq[i] = windowSeq;
        act[i] = value;
        pos[i] = maxPos;
    }

    /** The root holds the largest kept key (the first to go). */
    @Override
    boolean above(int a, int b) {
        return key[a] > key[b] || (key[a] == key[b] && seq[a] > seq[b]);
    }

    /** Folds in another part's sample: the R smallest keys of the union, whatever the split. */
    void merge(WindowSample other) {
        if (other.r != r || other.size.length != size.length) {
            throw new IllegalArgumentException("cannot merge window samples of different shapes");
        }
        for (int n = 0; n < size.length; n++) {
            int base = n * r;
            for (int i = 0; i < other.size[n]; i++) {
                offer(n, other.act[base + i], other.seq[base + i], other.pos[base + i]);
            }
        }
    }

    @Override
    void swap(int a, int b) {
        long k = key[a];
        key[a] = key[b];
        key[b] = k;
        long s = seq[a];
        seq[a] = seq[b];
        seq[b] = s;
        float v = act[a];
        act[a] = act[b];
        act[b] = v;
        int p = pos[a];
        pos[a] = pos[b];
        pos[b] = p;
    }

    /** Entries of one neuron by key (a random order that is the same on every run). */
    Entry[] entries(int neuron) {
        int base = neuron * r;
        Entry[] out = new Entry[size[neuron]];
        for (int i = 0; i < out.length; i++) {
            out[i] = new Entry(key[base + i], act[base + i], seq[base + i], pos[base + i]);
        }
        Arrays.sort(out, (a, b) -> Long.compare(a.key, b.key));
        return out;
    }

    record Entry(long key, float act, long seq, int pos) {
    }

    void save(Map<String, byte[]> out) {
        out.put("res.key", Codec.longs(key));
        out.put("res.seq", Codec.longs(seq));
        out.put("res.act", Codec.floats(act));
        out.put("res.pos", Codec.ints(pos));
        out.put("res.size", Codec.ints(size));
    }

    void load(Map<String, byte[]> in) {
        System.arraycopy(Codec.longs(in.get("res.key")), 0, key, 0, key.length);
        System.arraycopy(Codec.longs(in.get("res.seq")), 0, seq, 0, seq.length);
        System.arraycopy(Codec.floats(in.get("res.act")), 0, act, 0, act.length);
        System.arraycopy(Codec.ints(in.get("res.pos")), 0, pos, 0, pos.length);
        System.arraycopy(Codec.ints(in.get("res.size")), 0, size, 0, size.length);
    }
}
