package org.neuronworkbench.index;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Per neuron, how many counted tokens fell into each of {@link #BINS} fixed bins of activation.
 * The bins do not depend on the data (see {@link #edges()}), so histograms of index parts built
 * anywhere merge by adding counts ({@link #merge}).
 *
 * <p>Bins are log-spaced in |a|, HDR-style: the bin of a float is read from its sign, exponent and
 * top {@value #SUB_BITS} mantissa bits, so there are {@value #PER_OCTAVE} bins per power of two
 * (each at most 12.5 % of its value wide) from 2<sup>{@value #MIN_EXP}</sup> (about 0.001) up to
 * 2<sup>{@value #MAX_EXP}</sup> = 256, on both sides of zero. One bin holds
 * [-2<sup>-10</sup>, 2<sup>-10</sup>), one the values at or above 256 (and +NaN), one those below
 * -256 (and -NaN). Every bin is [lower, upper). That resolves GELU/SiLU's small negative range
 * (down to about -0.28) as finely as the positive tail, and costs a few integer operations per
 * activation in the indexing loop.
 */
public final class ActivationHistogram implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    /** Mantissa bits that split each power of two. */
    public static final int SUB_BITS = 3;
    public static final int PER_OCTAVE = 1 << SUB_BITS;
    /** |a| below 2^MIN_EXP counts as zero; |a| at or above 2^MAX_EXP overflows. */
    public static final int MIN_EXP = -10;
    public static final int MAX_EXP = 8;
    /** Log-spaced bins on each side of zero. */
    static final int SPAN = (MAX_EXP - MIN_EXP) * PER_OCTAVE;
    /** The bin around zero. */
    static final int ZERO_BIN = SPAN + 1;
    public static final int BINS = 2 * SPAN + 3;
    /** (float bits >> 20) of 2^MIN_EXP: biased exponent and the top mantissa bits. */
    private static final int LOW_KEY = (127 + MIN_EXP) << SUB_BITS;
    private static final int KEY_SHIFT = 23 - SUB_BITS;
    private static final double[] EDGES = computeEdges();

    static final String FILE = "histogram.safetensors";
    private static final String STATE_KEY = "histogram";

    private final int neurons;
    private final long[] counts;
    /**
     * Counts since the last {@link #flush}, as unsigned 16-bit chars: a quarter of the memory
     * traffic of longs in the indexing loop, whose cost is cache misses (one counter per neuron per
     * token). A counter grows by at most one per add call, so flushing every 65,535 calls (about
     * 10,000 tokens of a 6-layer model; a flush is one pass over the counters) keeps them exact.
     */
    private final char[] recent;
    private long callsSinceFlush;

    public ActivationHistogram(int neurons) {
        if (neurons < 0) {
            throw new IllegalArgumentException("neurons must be >= 0, not " + neurons);
        }
        this.neurons = neurons;
        this.counts = new long[Math.multiplyExact(neurons, BINS)];
        this.recent = new char[counts.length];
    }

    /**
     * The bin of one activation. Negative values look at |a| one ulp below (bits - 1), so that
     * their bins too include the lower edge and exclude the upper one; no branch on the sign.
     */
    public static int bin(float a) {
        int bits = Float.floatToRawIntBits(a);
        int sign = bits >> 31; // 0 or -1
        int key = ((bits & 0x7fffffff) + sign) >> KEY_SHIFT; // -1 for -0.0: the zero bin
        int m = Math.min(Math.max(key - LOW_KEY + 1, 0), SPAN + 1);
        return ZERO_BIN + ((m ^ sign) - sign); // ZERO_BIN + m, or ZERO_BIN - m for negatives
    }

    /** {@link #BINS} + 1 increasing edges; bin i is [edges[i], edges[i + 1]), the outer ones open to infinity. */
    public static double[] edges() {
        return EDGES.clone();
    }

    private static double[] computeEdges() {
        double[] e = new double[BINS + 1];
        e[0] = Double.NEGATIVE_INFINITY;
        e[BINS] = Double.POSITIVE_INFINITY;
        for (int m = 0; m <= SPAN; m++) {
            double magnitude = Float.intBitsToFloat((LOW_KEY + m) << KEY_SHIFT);
            e[ZERO_BIN - m] = -magnitude;     // lower edge of the bin m below zero's
            e[ZERO_BIN + 1 + m] = magnitude;  // upper edge of the bin m above zero's
        }
        return e;
    }

    public int neurons() {
        return neurons;
    }

    /** Counts one activation of one neuron (the indexing loop calls this for every counted token). */
    void add(int neuron, float a) {
        countCall();
        recent[neuron * BINS + bin(a)]++;
    }

    /** Counts a run of activations of neurons {@code first}, {@code first + 1}, ... */
    void addAll(float[] values, int offset, int length, int first) {
        countCall();
        int base = first * BINS;
        for (int u = 0; u < length; u++) {
            recent[base + bin(values[offset + u])]++;
            base += BINS;
        }
    }

    private void countCall() {
        if (++callsSinceFlush == Character.MAX_VALUE) {
            flush();
        }
    }

    /** Moves the int counts into the long totals. */
    private void flush() {
        if (callsSinceFlush == 0) {
            return;
        }
        for (int i = 0; i < counts.length; i++) {
            counts[i] += recent[i];
            recent[i] = 0;
        }
        callsSinceFlush = 0;
    }

    /** Adds another histogram's counts (index parts of the same model, built anywhere). */
    public void merge(ActivationHistogram other) {
        if (other.neurons != neurons) {
            throw new IllegalArgumentException("cannot merge a histogram of " + other.neurons + " neurons into one of "
                    + neurons + ": the parts come from different models");
        }
        flush();
        other.flush();
        for (int i = 0; i < counts.length; i++) {
            counts[i] += other.counts[i];
        }
    }

    /** One neuron's counts, a copy ({@link #BINS} long). */
    public long[] counts(int neuron) {
        flush();
        return Arrays.copyOfRange(counts, neuron * BINS, (neuron + 1) * BINS);
    }

    /** One neuron's counts with the bin edges. */
    public NeuronHistogram of(int neuron) {
        return new NeuronHistogram(EDGES, counts(neuron));
    }

    /** Total count of one neuron: the number of counted tokens it has seen. */
    public long total(int neuron) {
        flush();
        long t = 0;
        for (int i = neuron * BINS, end = i + BINS; i < end; i++) {
            t += counts[i];
        }
        return t;
    }

    /** For a checkpoint: counts as varints (most bins are empty, so this is far smaller than 8 bytes each). */
    void save(Map<String, byte[]> out) {
        flush();
        out.put(STATE_KEY, Codec.varLongs(counts));
    }

    /** @return false if the checkpoint predates the histogram (then the counts cannot be trusted) */
    boolean load(Map<String, byte[]> in) {
        byte[] data = in.get(STATE_KEY);
        if (data == null) {
            return false;
        }
        long[] saved = Codec.varLongs(data, counts.length);
        System.arraycopy(saved, 0, counts, 0, counts.length);
        java.util.Arrays.fill(recent, (char) 0);
        callsSinceFlush = 0;
        return true;
    }

    /** Writes {@code counts} I64 [neurons, BINS] and {@code edges} F64 [BINS + 1] (temp file, then moved). */
    public void write(Path file, int layers, int width) throws IOException {
        List<SafetensorsOut.Spec> specs = List.of(
                new SafetensorsOut.Spec("counts", "I64", new long[] {neurons, BINS}),
                new SafetensorsOut.Spec("edges", "F64", new long[] {BINS + 1}));
        Map<String, String> meta = Map.of("layers", Integer.toString(layers), "d_mlp", Integer.toString(width),
                "neuron_index", "layer * d_mlp + neuron", "bins",
                "bin i is [edges[i], edges[i+1]); " + PER_OCTAVE + " log-spaced bins per power of two of |a| from 2^"
                        + MIN_EXP + " to 2^" + MAX_EXP + " on each side of a zero bin");
        flush();
        try (SafetensorsOut out = new SafetensorsOut(file, specs, meta)) {
            out.longs(counts);
            out.doubles(EDGES);
        }
    }

    /** Reads a histogram file written by {@link #write}; refuses one with other bins. */
    public static ActivationHistogram read(Path file) throws IOException {
        try (SafetensorsIn in = new SafetensorsIn(file)) {
            SafetensorsIn.Tensor e = in.tensor("edges");
            SafetensorsIn.Tensor c = in.tensor("counts");
            if (e.rows() != BINS + 1 || c.cols() != BINS || !"I64".equals(c.dtype()) || !"F64".equals(e.dtype())) {
                throw new IOException(file + " holds a histogram with other bins than this version's " + BINS);
            }
            for (int i = 0; i <= BINS; i++) {
                if (Double.compare(e.f64(i), EDGES[i]) != 0) {
                    throw new IOException(file + " holds a histogram with other bin edges (edge " + i + " is "
                            + e.f64(i) + ", not " + EDGES[i] + ")");
                }
            }
            ActivationHistogram h = new ActivationHistogram(c.rows());
            for (int i = 0; i < h.counts.length; i++) {
                h.counts[i] = c.i64(i);
            }
            return h;
        }
    }
}
