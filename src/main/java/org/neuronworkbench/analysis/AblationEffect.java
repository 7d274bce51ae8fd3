package org.neuronworkbench.analysis;

import org.neuronworkbench.model.MlpNeuron;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.neuronworkbench.model.ActivationCache;
import org.neuronworkbench.model.ModelConfig;
import org.neuronworkbench.model.ModelRunner;
import org.neuronworkbench.model.hooks.HookName;
import org.neuronworkbench.model.hooks.HookSet;
import org.neuronworkbench.work.Cancel;
import org.neuronworkbench.work.Progress;
import org.neuronworkbench.work.Step;

/**
 * Ablation: set neurons to zero or to their corpus mean at every position and compare with the
 * clean run. Clean and ablated are two single-row forwards rather than two rows of one batch:
 * identical rows at different batch positions can differ in the last bits (GEMM blocking), and
 * ablating nothing must give exactly the clean values. Decoders report next-token log-probabilities; encoders have no LM
 * head, so they report pinned neurons and the norm of the final residual stream instead.
 */
public final class AblationEffect implements AnalysisMethod<AblationEffect.Request, AblationEffect.Result> {
    public enum Mode { ZERO, MEAN }

    /**
     * @param means per-layer neuron means (length d_mlp), needed for every ablated layer in MEAN
     *              mode (from {@code CorpusIndex.layerMeans}); may be null otherwise
     * @param pin   neurons to watch (their values after any ablation hook)
     */
    public record Request(TokenSequence sequence, List<MlpNeuron> ablate, Mode mode, Map<Integer, float[]> means,
                          List<MlpNeuron> pin) {
        public Request {
            ablate = List.copyOf(ablate);
            pin = List.copyOf(pin);
        }
    }

    public static final String ENCODER_NOTE = "This encoder has no LM head: showing the change in pinned neurons"
            + " and in the final residual-stream norm instead of next-token log-probabilities.";

    /**
     * One position of a decoder. The next-token fields are -1 / NaN at the last position.
     *
     * @param mostChangedId the vocabulary token whose log-probability moved most (either way) here
     */
    public record PositionEffect(int position, String token, int nextId, String nextToken, float original,
                                 float ablated, float change, int mostChangedId, String mostChangedToken,
                                 float mostChangedDelta) {
    }

    /** One pinned neuron's value at every position, clean and ablated. */
    public record PinnedEffect(MlpNeuron neuron, float[] original, float[] ablated) {
        public PinnedEffect {
            original = original.clone();
            ablated = ablated.clone();
        }
    }

    /**
     * @param positions decoders only (empty for encoders)
     * @param note      null for decoders, {@link #ENCODER_NOTE} for encoders
     * @param cancelled cancelled before the ablated forward: nothing to compare, the lists are empty
     */
    public record Result(List<MlpNeuron> ablated, Mode mode, boolean hasLmHead, String note, List<PositionEffect> positions,
                         List<PinnedEffect> pinned, float[] residNormOriginal, float[] residNormAblated, int forwards,
                         boolean cancelled) {
        public Result {
            ablated = List.copyOf(ablated);
            positions = List.copyOf(positions);
            pinned = List.copyOf(pinned);
            residNormOriginal = residNormOriginal.clone();
            residNormAblated = residNormAblated.clone();
        }
    }

    private final ModelRunner runner;

    public AblationEffect(ModelRunner runner) {
        this.runner = runner;
    }

    /** Two steps, the clean and the ablated forward; {@code cancel} is polled before each. */
    @Override
    public Result run(Request request, Progress progress, Cancel cancel) {
        TokenSequence seq = request.sequence();
        List<MlpNeuron> ablate = request.ablate();
        Mode mode = request.mode();
        Map<Integer, float[]> means = request.means();
        List<MlpNeuron> pin = request.pin();
        ModelConfig c = runner.config();
        Map<Integer, List<Integer>> byLayer = new TreeMap<>();
        for (MlpNeuron n : ablate) {
            n.checkedAgainst(c);
            byLayer.computeIfAbsent(n.layer(), k -> new ArrayList<>()).add(n.index());
        }
        for (MlpNeuron n : pin) {
            n.checkedAgainst(c);
        }
        if (mode == Mode.MEAN) {
            for (int layer : byLayer.keySet()) {
                float[] m = means == null ? null : means.get(layer);
                if (m == null || m.length != c.dMlp()) {
                    throw new IllegalArgumentException("Mean ablation needs the " + c.dMlp() + " neuron means of layer " + layer
                            + (m == null ? "; none were given." : "; " + m.length + " were given."));
                }
            }
        }
        boolean lm = c.architecture().causal();
        HookName resid = HookName.residPost(c.layers() - 1);
        List<HookName> keep = new ArrayList<>(List.of(resid));
        if (lm) {
            keep.add(HookName.LOGITS);
        }
        for (MlpNeuron n : pin) {
            keep.add(HookName.mlpPost(n.layer()));
        }
        if (cancel.isCancelled()) {
            return cancelled(request, lm, 0);
        }
        ActivationCache clean = runner.runTokens(List.of(seq.ids()), HookSet.caching(keep::contains));
        progress.report(new Step("ablation", 1, 2, "clean forward done"));
        if (cancel.isCancelled()) {
            return cancelled(request, lm, 1);
        }
        HookSet hooks = HookSet.caching(keep::contains);
        for (Map.Entry<Integer, List<Integer>> e : byLayer.entrySet()) {
            hooks.add(HookName.mlpPost(e.getKey()), ablation(c.dMlp(), e.getValue(), mode == Mode.MEAN ? means.get(e.getKey()) : null));
        }
        ActivationCache hooked = runner.runTokens(List.of(seq.ids()), hooks);
        progress.report(new Step("ablation", 2, 2, "ablated forward done"));
        List<PinnedEffect> pinned = new ArrayList<>();
        for (MlpNeuron n : pin) {
            HookName h = HookName.mlpPost(n.layer());
            pinned.add(new PinnedEffect(n, clean.column(h, 0, n.index()), hooked.column(h, 0, n.index())));
        }
        List<PositionEffect> positions = lm ? positions(runner, seq, clean, hooked) : List.of();
        return new Result(ablate, mode, lm, lm ? null : ENCODER_NOTE, positions, pinned,
                norms(clean.rows(resid, 0)), norms(hooked.rows(resid, 0)), 2, false);
    }

    private static Result cancelled(Request q, boolean lm, int forwards) {
        return new Result(q.ablate(), q.mode(), lm, lm ? null : ENCODER_NOTE, List.of(), List.of(), new float[0], new float[0],
                forwards, true);
    }

    /** Replaces the listed neurons at every position: a * keep + value, keep 0 where ablated. */
    private static org.neuronworkbench.model.hooks.Hook ablation(int width, List<Integer> neurons, float[] mean) {
        float[] keep = new float[width];
        float[] value = new float[width];
        Arrays.fill(keep, 1f);
        for (int n : neurons) {
            keep[n] = 0f;
            value[n] = mean == null ? 0f : mean[n];
        }
        return (a, name) -> {
            NDArray k = a.getManager().create(keep, new Shape(1, 1, width));
            NDArray v = a.getManager().create(value, new Shape(1, 1, width));
            return a.mul(k).add(v);
        };
    }

    private static List<PositionEffect> positions(ModelRunner runner, TokenSequence seq, ActivationCache cleanRun,
                                                  ActivationCache hookedRun) {
        float[][] clean = cleanRun.rows(HookName.LOGITS, 0);
        float[][] ablated = hookedRun.rows(HookName.LOGITS, 0);
        List<PositionEffect> out = new ArrayList<>();
        for (int p = 0; p < seq.length(); p++) {
            double[] lc = logSoftmax(clean[p]);
            double[] la = logSoftmax(ablated[p]);
            int most = 0;
            for (int v = 1; v < lc.length; v++) {
                if (Math.abs(la[v] - lc[v]) > Math.abs(la[most] - lc[most])) {
                    most = v;
                }
            }
            int next = p + 1 < seq.length() ? seq.ids()[p + 1] : -1;
            float o = next < 0 ? Float.NaN : (float) lc[next];
            float a = next < 0 ? Float.NaN : (float) la[next];
            out.add(new PositionEffect(p, seq.texts().get(p), next, next < 0 ? null : seq.texts().get(p + 1), o, a, a - o,
                    most, TokenSequence.display(runner, most), (float) (la[most] - lc[most])));
        }
        return out;
    }

    static double[] logSoftmax(float[] logits) {
        double max = Double.NEGATIVE_INFINITY;
        for (float x : logits) {
            max = Math.max(max, x);
        }
        double sum = 0;
        for (float x : logits) {
            sum += Math.exp(x - max);
        }
        double log = max + Math.log(sum);
        double[] out = new double[logits.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = logits[i] - log;
        }
        return out;
    }

    private static float[] norms(float[][] rows) {
        float[] out = new float[rows.length];
        for (int i = 0; i < rows.length; i++) {
            double s = 0;
            for (float x : rows[i]) {
                s += (double) x * x;
            }
            out[i] = (float) Math.sqrt(s);
        }
        return out;
    }
}
