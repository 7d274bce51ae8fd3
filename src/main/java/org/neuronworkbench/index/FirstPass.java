package org.neuronworkbench.index;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.neuronworkbench.work.Cancel;

/**
 * Pass 1 aggregates over every counted token: sums for mean/std, min, max, active counts, each
 * neuron's top windows and window sample, and the activation map (sums per token type and per
 * position), and each neuron's activation histogram. Sizes depend on neurons x (vocabulary + positions), never on corpus length.
 */
final class FirstPass implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    static final int SAMPLE_SIZE = 100;

    final int layers;
    final int width;
    final int neurons;
    final double[] sum;
    final double[] sumSq;
    final float[] min;
    final float[] max;
    final long[] active;
    long tokens;
    final TopWindows top;
    final WindowSample sample;
    final TokenRows amap;
    final TokenRows positions;
    final ActivationHistogram histogram;
    /** False when resumed from a checkpoint written before histograms were kept: its counts miss tokens. */
    boolean histogramComplete = true;

    FirstPass(int layers, int width, int vocab, int maxPositions, int topK) {
        this.layers = layers;
        this.width = width;
        this.neurons = layers * width;
        this.sum = new double[neurons];
        this.sumSq = new double[neurons];
        this.min = new float[neurons];
        this.max = new float[neurons];
        Arrays.fill(min, Float.POSITIVE_INFINITY);
        Arrays.fill(max, Float.NEGATIVE_INFINITY);
        this.active = new long[neurons];
        this.top = new TopWindows(neurons, topK);
        this.sample = new WindowSample(neurons, SAMPLE_SIZE);
        this.amap = new TokenRows(vocab, neurons);
        this.positions = new TokenRows(maxPositions, neurons);
        this.histogram = new ActivationHistogram(neurons);
    }

    /** Folds in one batch; a cancel between windows abandons it (the last checkpoint stays valid). */
    void add(ForwardBatch fb, Cancel cancel) {
        float[] winMax = new float[neurons];
        int[] winPos = new int[neurons];
        for (int b = 0; b < fb.windows.size(); b++) {
            if (cancel.isCancelled()) {
                throw new ForwardBatch.Cancelled();
            }
            int[] counted = fb.counted[b];
            if (counted.length == 0) {
                continue;
            }
            Arrays.fill(winMax, Float.NEGATIVE_INFINITY);
            for (int ci = 0; ci < counted.length; ci++) {
                int p = counted[ci];
                double[] tokenRow = amap.touch(fb.tokenId(b, p));
                double[] posRow = positions.touch(ci);
                tokens++;
                int off = fb.offset(b, p);
                for (int l = 0; l < layers; l++) {
                    fold(fb.layerData[l], off, l * width, tokenRow, posRow, ci, winMax, winPos);
                    histogram.addAll(fb.layerData[l], off, width, l * width);
                }
            }
            long seq = fb.seq(b);
            for (int n = 0; n < neurons; n++) {
                top.offer(n, winMax[n], seq, winPos[n]);
                sample.offer(n, winMax[n], seq, winPos[n]);
            }
        }
    }

    /**
     * Adds one token's activations of one layer. Split into simple loops the JIT can vectorise; the
     * branchy part (a new window max) is rare after the first positions.
     */
    private void fold(float[] d, int off, int nb, double[] tokenRow, double[] posRow, int ci,
                      float[] winMax, int[] winPos) {
        for (int u = 0; u < width; u++) {
            double a = d[off + u];
            int n = nb + u;
            sum[n] += a;
            sumSq[n] += a * a;
            tokenRow[n] += a;
            posRow[n] += a;
        }
        for (int u = 0; u < width; u++) {
            float a = d[off + u];
            int n = nb + u;
            min[n] = Math.min(min[n], a);
            max[n] = Math.max(max[n], a);
            // a > 0 without a branch: the sign of -bits (as a long) is set only for positive floats.
            active[n] += (-(long) Float.floatToRawIntBits(a)) >>> 63;
        }
        for (int u = 0; u < width; u++) {
            float a = d[off + u];
            int n = nb + u;
            // Strictly greater: the first position wins ties.
            if (a > winMax[n]) {
                winMax[n] = a;
                winPos[n] = ci;
            }
        }
    }

    /**
     * Folds in the aggregates of another part of the corpus (any disjoint set of windows, numbered
     * as in the whole corpus). Sums and counts add, min/max and the heaps combine exactly, so
     * merging parts in any grouping gives the single pass's top windows, samples and counts, and
     * its sums up to the order of additions (relative differences of order 1e-15).
     *
     * <p>Variance is kept as sum and sum of squares (merged by adding) rather than Chan's
     * count/mean/M2: the single-process numbers stay exactly what they were, and with float32
     * activations and double sums the cancellation in sumSq/n - mean^2 is far below float32
     * resolution for the corpus sizes an index holds.
     */
    void merge(FirstPass other) {
        if (other.neurons != neurons || other.width != width) {
            throw new IllegalArgumentException("cannot merge pass 1 parts of " + other.neurons + " and " + neurons + " neurons");
        }
        for (int n = 0; n < neurons; n++) {
            sum[n] += other.sum[n];
            sumSq[n] += other.sumSq[n];
            min[n] = Math.min(min[n], other.min[n]);
            max[n] = Math.max(max[n], other.max[n]);
            active[n] += other.active[n];
        }
        tokens += other.tokens;
        histogram.merge(other.histogram);
        histogramComplete &= other.histogramComplete;
        top.merge(other.top);
        sample.merge(other.sample);
        amap.merge(other.amap);
        positions.merge(other.positions);
    }

    double mean(int n) {
        return tokens == 0 ? 0 : sum[n] / tokens;
    }

    /** Population standard deviation (ddof = 0, as numpy's default). */
    double std(int n) {
        if (tokens == 0) {
            return 0;
        }
        double m = mean(n);
        return Math.sqrt(Math.max(0, sumSq[n] / tokens - m * m));
    }

    Map<String, byte[]> state() {
        Map<String, byte[]> out = new HashMap<>();
        out.put("sum", Codec.doubles(sum));
        out.put("sumSq", Codec.doubles(sumSq));
        out.put("min", Codec.floats(min));
        out.put("max", Codec.floats(max));
        out.put("active", Codec.longs(active));
        out.put("tokens", Codec.longs(new long[] {tokens}));
        top.save(out);
        sample.save(out);
        histogram.save(out);
        return out;
    }

    void load(Map<String, byte[]> in) {
        System.arraycopy(Codec.doubles(in.get("sum")), 0, sum, 0, neurons);
        System.arraycopy(Codec.doubles(in.get("sumSq")), 0, sumSq, 0, neurons);
        System.arraycopy(Codec.floats(in.get("min")), 0, min, 0, neurons);
        System.arraycopy(Codec.floats(in.get("max")), 0, max, 0, neurons);
        System.arraycopy(Codec.longs(in.get("active")), 0, active, 0, neurons);
        tokens = Codec.longs(in.get("tokens"))[0];
        top.load(in);
        sample.load(in);
        histogramComplete = histogram.load(in);
    }
}
