package org.neuronworkbench.index;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.neuronworkbench.work.Cancel;

/**
 * Pass 1 aggregates over every counted token: count/mean/M2 for mean/std, min, max, active counts, each
 * neuron's top windows and window sample, and the activation map (sums per token type and per
 * position), and each neuron's activation histogram. Sizes depend on neurons x (vocabulary + positions), never on corpus length.
 */
final class FirstPass implements java.io.Serializable {
    /** 2: mean and M2 instead of sums (an older part file is refused, not misread). */
    private static final long serialVersionUID = 2L;
    static final int SAMPLE_SIZE = 100;
    /** Version of the pass 1 checkpoint state: 2 keeps mean and M2 (1, before, kept sums of x and x squared). */
    static final long STATE_FORMAT = 2;
    static final String STATE_FORMAT_KEY = "state_format";

    final int layers;
    final int width;
    final int neurons;
    /** Every neuron's mean and M2 over the {@link #tokens} counted so far. */
    final Moments moments;
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
        this.moments = new Moments(neurons);
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
        double[] batchSum = new double[neurons];
        long tokensBefore = tokens;
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
                    fold(fb.layerData[l], off, l * width, tokenRow, posRow, ci, winMax, winPos, batchSum);
                    histogram.addAll(fb.layerData[l], off, width, l * width);
                }
            }
            long seq = fb.seq(b);
            for (int n = 0; n < neurons; n++) {
                top.offer(n, winMax[n], seq, winPos[n]);
                sample.offer(n, winMax[n], seq, winPos[n]);
            }
        }
        long batchTokens = tokens - tokensBefore;
        if (batchTokens > 0) {
            double[] batchM2 = batchMoments(fb, batchSum, batchTokens);
            moments.merge(tokensBefore, batchTokens, batchSum, batchM2);
        }
    }

    /**
     * The batch's own mean (in {@code batchSum}, divided in place) and M2 about it, by a second
     * pass over its activations: deviations from the batch's mean are small, so their squares keep
     * the spread that sums of x and x squared would cancel away when the mean is large.
     */
    private double[] batchMoments(ForwardBatch fb, double[] batchSum, long batchTokens) {
        double[] batchMean = batchSum;
        for (int n = 0; n < neurons; n++) {
            batchMean[n] /= batchTokens;
        }
        double[] batchM2 = new double[neurons];
        for (int b = 0; b < fb.windows.size(); b++) {
            for (int p : fb.counted[b]) {
                int off = fb.offset(b, p);
                for (int l = 0; l < layers; l++) {
                    Moments.addSquaredDeviations(fb.layerData[l], off, l * width, width, batchMean, batchM2);
                }
            }
        }
        return batchM2;
    }

    /**
     * Adds one token's activations of one layer. Split into simple loops the JIT can vectorise; the
     * branchy part (a new window max) is rare after the first positions.
     */
    private void fold(float[] d, int off, int nb, double[] tokenRow, double[] posRow, int ci,
                      float[] winMax, int[] winPos, double[] batchSum) {
        for (int u = 0; u < width; u++) {
            double a = d[off + u];
            int n = nb + u;
            batchSum[n] += a;
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
     * as in the whole corpus). Counts and sums add, mean and M2 combine by Chan's update, min/max
     * and the heaps combine exactly, so merging parts in any grouping gives the single pass's top
     * windows, samples and counts, and its sums and moments up to rounding (relative differences
     * of order 1e-15): the single pass folds in the same batches' moments, only in another grouping.
     */
    void merge(FirstPass other) {
        if (other.neurons != neurons || other.width != width) {
            throw new IllegalArgumentException("cannot merge pass 1 parts of " + other.neurons + " and " + neurons + " neurons");
        }
        moments.merge(tokens, other.tokens, other.moments.mean, other.moments.m2);
        for (int n = 0; n < neurons; n++) {
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
        return moments.mean[n];
    }

    /** Population standard deviation (ddof = 0, as numpy's default). */
    double std(int n) {
        return moments.std(n, tokens);
    }

    Map<String, byte[]> state() {
        Map<String, byte[]> out = new HashMap<>();
        out.put(STATE_FORMAT_KEY, Codec.longs(new long[] {STATE_FORMAT}));
        out.put("mean", Codec.doubles(moments.mean));
        out.put("m2", Codec.doubles(moments.m2));
        out.put("min", Codec.floats(min));
        out.put("max", Codec.floats(max));
        out.put("active", Codec.longs(active));
        out.put("tokens", Codec.longs(new long[] {tokens}));
        top.save(out);
        sample.save(out);
        histogram.save(out);
        return out;
    }

    /**
     * Restores a checkpoint. One written before the moments were kept as mean and M2 holds sums of
     * x and x squared instead, which cannot be turned into M2 without the cancellation this format
     * avoids: it is refused, with the way out, rather than misread.
     */
    void load(Map<String, byte[]> in) {
        byte[] format = in.get(STATE_FORMAT_KEY);
        long found = format == null ? 1 : Codec.longs(format)[0];
        if (found != STATE_FORMAT) {
            throw new IndexException("the unfinished index's pass 1 checkpoint is of format " + found
                    + " (" + (found == 1 ? "sums of squares" : "unknown") + "), and this version resumes only format "
                    + STATE_FORMAT + " (count/mean/M2): delete the folder, or choose another output folder, to start over", null);
        }
        System.arraycopy(Codec.doubles(in.get("mean")), 0, moments.mean, 0, neurons);
        System.arraycopy(Codec.doubles(in.get("m2")), 0, moments.m2, 0, neurons);
        System.arraycopy(Codec.floats(in.get("min")), 0, min, 0, neurons);
        System.arraycopy(Codec.floats(in.get("max")), 0, max, 0, neurons);
        System.arraycopy(Codec.longs(in.get("active")), 0, active, 0, neurons);
        tokens = Codec.longs(in.get("tokens"))[0];
        top.load(in);
        sample.load(in);
        histogramComplete = histogram.load(in);
    }
}
