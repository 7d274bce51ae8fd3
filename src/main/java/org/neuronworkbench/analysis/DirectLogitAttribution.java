package org.neuronworkbench.analysis;

import org.neuronworkbench.model.MlpNeuron;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.PriorityQueue;
import org.neuronworkbench.model.ModelConfig;
import org.neuronworkbench.model.ModelRunner;
import org.neuronworkbench.model.TokenizedText;
import org.neuronworkbench.model.WeightViews;
import org.neuronworkbench.work.Cancel;
import org.neuronworkbench.work.Progress;

/**
 * Direct logit attribution: what a neuron writes straight to the logits, W_out[L][n] · W_U,
 * optionally scaled by the final LayerNorm's gain (its normalisation by the residual's norm
 * depends on the input and is left out, as usual). For a token, the reverse: the neurons of all
 * layers whose output rows push that token most. Exact for decoders; for encoders W_U is the
 * transposed input embedding and every result says so.
 */
public final class DirectLogitAttribution
        implements AnalysisMethod<DirectLogitAttribution.Request, DirectLogitAttribution.Result> {
    public static final String APPROXIMATE = "approximate: input embeddings used as unembedding (the encoder has no LM head)";

    /** Either direction of the question; the result has the matching type. */
    public sealed interface Request permits ForNeuron, ForToken {
    }

    /** Tokens a neuron pushes up and down most: answered by {@link NeuronLogits}. */
    public record ForNeuron(MlpNeuron neuron, int top, boolean throughLnFinal) implements Request {
    }

    /** Neurons pushing a token up and down most: answered by {@link TokenPushers}. */
    public record ForToken(int tokenId, int top, boolean throughLnFinal) implements Request {
    }

    public sealed interface Result permits NeuronLogits, TokenPushers {
    }

    public record TokenScore(int id, String token, float score) {
    }

    public record NeuronScore(MlpNeuron neuron, float score) {
    }

    /** @param note null when exact, {@link #APPROXIMATE} for encoders */
    public record NeuronLogits(MlpNeuron neuron, List<TokenScore> top, List<TokenScore> bottom, boolean throughLnFinal,
                               boolean approximate, String note) implements Result {
        public NeuronLogits {
            top = List.copyOf(top);
            bottom = List.copyOf(bottom);
        }
    }

    public record TokenPushers(int tokenId, String token, List<NeuronScore> top, List<NeuronScore> bottom,
                               boolean throughLnFinal, boolean approximate, String note) implements Result {
        public TokenPushers {
            top = List.copyOf(top);
            bottom = List.copyOf(bottom);
        }
    }

    private final ModelRunner runner;
    private final ModelConfig c;
    private final boolean approximate;
    private final float[] lnScale;
    private float[] wU;
    private final float[][] wOut;

    /** Copies W_U once (and each W_out when first needed); keep one instance per model. */
    public DirectLogitAttribution(ModelRunner runner) {
        this.runner = runner;
        this.c = runner.config();
        WeightViews w = runner.weights();
        this.approximate = w.unembedApproximate();
        this.lnScale = w.lnFinalScale();
        this.wOut = new float[c.layers()][];
    }

    /**
     * One matrix product per request, nothing to report or cancel; {@code NeuronLogits} for
     * {@link ForNeuron}, {@code TokenPushers} for {@link ForToken}.
     */
    @Override
    public Result run(Request request, Progress progress, Cancel cancel) {
        if (request instanceof ForNeuron q) {
            return forNeuron(q.neuron(), q.top(), q.throughLnFinal());
        }
        ForToken q = (ForToken) request;
        return forToken(q.tokenId(), q.top(), q.throughLnFinal());
    }

    /** Whether a final LayerNorm gain exists to fold in (decoders). */
    public boolean hasLnFinal() {
        return lnScale != null;
    }

    private synchronized float[] wU() {
        if (wU == null) {
            wU = runner.weights().wU();
        }
        return wU;
    }

    private synchronized float[] wOut(int layer) {
        if (wOut[layer] == null) {
            wOut[layer] = runner.weights().wOut(layer);
        }
        return wOut[layer];
    }

    /** The neuron's direct effect on every vocabulary logit. */
    public float[] logits(MlpNeuron n, boolean throughLnFinal) {
        n.checkedAgainst(c);
        int d = c.dModel();
        int vocab = c.vocabSize();
        float[] row = new float[d];
        System.arraycopy(wOut(n.layer()), n.index() * d, row, 0, d);
        if (throughLnFinal && lnScale != null) {
            for (int k = 0; k < d; k++) {
                row[k] *= lnScale[k];
            }
        }
        float[] u = wU();
        float[] out = new float[vocab];
        for (int k = 0; k < d; k++) {
            float r = row[k];
            int base = k * vocab;
            for (int v = 0; v < vocab; v++) {
                out[v] += r * u[base + v];
            }
        }
        return out;
    }

    private NeuronLogits forNeuron(MlpNeuron n, int top, boolean throughLnFinal) {
        checkTop(top);
        float[] l = logits(n, throughLnFinal);
        List<TokenScore> hi = new ArrayList<>();
        for (int id : extremes(l, top, true)) {
            hi.add(new TokenScore(id, TokenSequence.display(runner, id), l[id]));
        }
        List<TokenScore> lo = new ArrayList<>();
        for (int id : extremes(l, top, false)) {
            lo.add(new TokenScore(id, TokenSequence.display(runner, id), l[id]));
        }
        boolean ln = throughLnFinal && lnScale != null;
        return new NeuronLogits(n, hi, lo, ln, approximate, approximate ? APPROXIMATE : null);
    }

    /** Every neuron's direct effect on one token's logit, [layer][neuron]. */
    public float[][] pushes(int tokenId, boolean throughLnFinal) {
        checkToken(tokenId);
        int d = c.dModel();
        int vocab = c.vocabSize();
        float[] u = wU();
        float[] col = new float[d];
        for (int k = 0; k < d; k++) {
            col[k] = u[k * vocab + tokenId] * (throughLnFinal && lnScale != null ? lnScale[k] : 1f);
        }
        float[][] out = new float[c.layers()][c.dMlp()];
        for (int l = 0; l < c.layers(); l++) {
            float[] w = wOut(l);
            for (int n = 0; n < c.dMlp(); n++) {
                float s = 0;
                for (int k = 0; k < d; k++) {
                    s += w[n * d + k] * col[k];
                }
                out[l][n] = s;
            }
        }
        return out;
    }

    private TokenPushers forToken(int tokenId, int top, boolean throughLnFinal) {
        checkTop(top);
        float[][] p = pushes(tokenId, throughLnFinal);
        float[] flat = new float[c.layers() * c.dMlp()];
        for (int l = 0; l < c.layers(); l++) {
            System.arraycopy(p[l], 0, flat, l * c.dMlp(), c.dMlp());
        }
        List<NeuronScore> hi = new ArrayList<>();
        for (int i : extremes(flat, top, true)) {
            hi.add(new NeuronScore(new MlpNeuron(i / c.dMlp(), i % c.dMlp()), flat[i]));
        }
        List<NeuronScore> lo = new ArrayList<>();
        for (int i : extremes(flat, top, false)) {
            lo.add(new NeuronScore(new MlpNeuron(i / c.dMlp(), i % c.dMlp()), flat[i]));
        }
        boolean ln = throughLnFinal && lnScale != null;
        return new TokenPushers(tokenId, TokenSequence.display(runner, tokenId), hi, lo, ln, approximate,
                approximate ? APPROXIMATE : null);
    }

    /**
     * The id of a word that is exactly one token. A word the tokenizer splits is refused with its
     * pieces listed, so the user can pick one of them.
     */
    public static int tokenId(ModelRunner runner, String word) {
        if (word == null || word.isEmpty()) {
            throw new IllegalArgumentException("Token is empty: give a word that is one token.");
        }
        OptionalInt id = runner.tokenizer().singleTokenId(word);
        if (id.isPresent()) {
            return id.getAsInt();
        }
        TokenizedText t = runner.tokenize(word);
        List<String> pieces = new ArrayList<>();
        for (var tok : t.tokens()) {
            if (!tok.special()) {
                pieces.add(runner.tokenizer().vocabString(tok.id()));
            }
        }
        throw new IllegalArgumentException("'" + word + "' is not one token: the tokenizer splits it into " + pieces
                + "; ask about one of those pieces.");
    }

    private void checkToken(int id) {
        if (id < 0 || id >= c.vocabSize()) {
            throw new IllegalArgumentException("Token id " + id + " is outside the vocabulary (0.." + (c.vocabSize() - 1) + ").");
        }
    }

    private static void checkTop(int top) {
        if (top < 1) {
            throw new IllegalArgumentException("--top " + top + " must be at least 1.");
        }
    }

    /** Indices of the k largest (or smallest) values, best first. */
    static int[] extremes(float[] values, int k, boolean largest) {
        int n = Math.min(k, values.length);
        PriorityQueue<Integer> heap = new PriorityQueue<>((a, b) -> largest
                ? Float.compare(values[a], values[b]) : Float.compare(values[b], values[a]));
        for (int i = 0; i < values.length; i++) {
            heap.add(i);
            if (heap.size() > n) {
                heap.poll();
            }
        }
        int[] out = new int[heap.size()];
        for (int i = out.length - 1; i >= 0; i--) {
            out[i] = heap.poll();
        }
        return out;
    }
}
