package org.neuronworkbench.index;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.neuronworkbench.corpus.Window;
import org.neuronworkbench.model.Token;
import org.neuronworkbench.model.TokenizedText;
import org.neuronworkbench.work.Cancel;

/**
 * Pass 2, once every neuron's mean and std are known: sums of |z| = |a - mean| / std per token
 * type (NeuroX get_top_words, exact), and the per-token activations of the windows chosen in pass 1
 * as excerpts or samples, so excerpts render with colours without running the model again.
 */
final class SecondPass implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    /** Which neuron wants which window: kind 0 = excerpt (slot = rank), 1 = sample (slot = band * 1000 + i). */
    record Want(int kind, int neuron, int slot) implements java.io.Serializable {
    }

    /** A captured window: its text and counted tokens. */
    record CapturedWindow(long seq, Window window, List<ExcerptToken> tokens) implements java.io.Serializable {
    }

    /** One neuron's activations on the counted tokens of a captured window. */
    record CapturedActs(int kind, int neuron, int slot, long seq, float[] acts) implements java.io.Serializable {
    }

    final int layers;
    final int width;
    final int neurons;
    // What a part needs while it runs, not what it sends back to be merged.
    private final transient double[] mean;
    private final transient double[] invStd;
    final TokenRows zSums;
    private final transient Map<Long, List<Want>> wanted;
    final ArrayList<CapturedWindow> pendingWindows = new ArrayList<>();
    final ArrayList<CapturedActs> pendingActs = new ArrayList<>();

    SecondPass(int layers, int width, int vocab, double[] mean, double[] std, Map<Long, List<Want>> wanted) {
        this.layers = layers;
        this.width = width;
        this.neurons = layers * width;
        this.mean = mean.clone();
        this.invStd = new double[neurons];
        for (int n = 0; n < neurons; n++) {
            // A constant unit has no z-score (NeuroX would divide by zero): it scores 0 everywhere.
            invStd[n] = std[n] > 0 ? 1.0 / std[n] : 0;
        }
        this.zSums = new TokenRows(vocab, neurons);
        this.wanted = new HashMap<>(wanted);
    }

    static double z(double a, double mean, double std) {
        return std > 0 ? Math.abs((a - mean) * (1.0 / std)) : 0;
    }

    void add(ForwardBatch fb, Cancel cancel) {
        for (int b = 0; b < fb.windows.size(); b++) {
            if (cancel.isCancelled()) {
                throw new ForwardBatch.Cancelled();
            }
            int[] counted = fb.counted[b];
            for (int p : counted) {
                double[] row = zSums.touch(fb.tokenId(b, p));
                int off = fb.offset(b, p);
                for (int l = 0; l < layers; l++) {
                    float[] d = fb.layerData[l];
                    int nb = l * width;
                    for (int u = 0; u < width; u++) {
                        int n = nb + u;
                        row[n] += Math.abs((d[off + u] - mean[n]) * invStd[n]);
                    }
                }
            }
            long seq = fb.seq(b);
            List<Want> wants = wanted.get(seq);
            if (wants != null) {
                capture(fb, b, seq, wants);
            }
        }
    }

    private void capture(ForwardBatch fb, int b, long seq, List<Want> wants) {
        int[] counted = fb.counted[b];
        pendingWindows.add(new CapturedWindow(seq, fb.windows.get(b), tokensOf(fb.texts.get(b), counted)));
        for (Want w : wants) {
            int l = w.neuron() / width;
            int u = w.neuron() % width;
            float[] acts = new float[counted.length];
            for (int ci = 0; ci < counted.length; ci++) {
                acts[ci] = fb.layerData[l][fb.offset(b, counted[ci]) + u];
            }
            pendingActs.add(new CapturedActs(w.kind(), w.neuron(), w.slot(), seq, acts));
        }
    }

    private static List<ExcerptToken> tokensOf(TokenizedText t, int[] counted) {
        List<ExcerptToken> out = new ArrayList<>(counted.length);
        for (int p : counted) {
            Token tok = t.tokens().get(p);
            out.add(new ExcerptToken(tok.text(), tok.start(), tok.end(), 0));
        }
        return out;
    }

    /**
     * Folds in another part's |z| sums and captures. Every window belongs to one part, so the
     * captures of all parts are exactly the single pass's; the sums differ only in addition order.
     */
    void merge(SecondPass other) {
        if (other.neurons != neurons || other.width != width) {
            throw new IllegalArgumentException("cannot merge pass 2 parts of " + other.neurons + " and " + neurons + " neurons");
        }
        zSums.merge(other.zSums);
        pendingWindows.addAll(other.pendingWindows);
        pendingActs.addAll(other.pendingActs);
    }

    void clearPending() {
        pendingWindows.clear();
        pendingActs.clear();
    }
}
