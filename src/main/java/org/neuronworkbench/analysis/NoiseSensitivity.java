package org.neuronworkbench.analysis;

import org.neuronworkbench.model.MlpNeuron;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.neuronworkbench.model.ActivationCache;
import org.neuronworkbench.model.ModelRunner;
import org.neuronworkbench.model.TokenBudgetBatches;
import org.neuronworkbench.model.hooks.HookName;
import org.neuronworkbench.model.hooks.HookSet;
import org.neuronworkbench.work.Cancel;
import org.neuronworkbench.work.Progress;
import org.neuronworkbench.work.Step;

/**
 * Noise sensitivity: add Gaussian noise (standard deviation sigma, in embedding units) to one
 * token's embedding at a time, at {@code hook_embed}, and average the change of the target
 * activation over N samples. The clean row rides in the same batch as its noisy samples, so sigma 0
 * gives zero change up to the last-bit differences identical rows can show at different batch
 * positions (below 1e-5). Noise for token i comes from its own generator seeded from (seed, i),
 * so a token's result does not depend on how tokens were grouped into forwards.
 */
public final class NoiseSensitivity implements AnalysisMethod<NoiseSensitivity.Request, NoiseSensitivity.Result> {

    /** @param sigma standard deviation of the noise, in embedding units; @param samples noisy rows per token */
    public record Request(TokenSequence sequence, MlpNeuron neuron, TargetPosition position, double sigma, int samples,
                          long seed) {
    }

    /** @param meanChange mean of (noisy - clean); @param meanAbsChange mean of |noisy - clean| */
    public record TokenEffect(int index, String token, boolean special, float meanChange, float meanAbsChange) {
    }

    /** When {@code cancelled}, {@code tokens} holds the first tokens, those noised before the cancel. */
    public record Result(MlpNeuron neuron, int target, float clean, double sigma, int samples, long seed,
                         List<TokenEffect> tokens, int forwards, boolean cancelled) {
        public Result {
            tokens = List.copyOf(tokens);
        }
    }

    /** Always allowed, even for the longest texts: a forward of 65 rows is still small. */
    static final int MIN_SAMPLE_LIMIT = 64;

    private final ModelRunner runner;

    public NoiseSensitivity(ModelRunner runner) {
        this.runner = runner;
    }

    /** Reports one step per token noised; polls {@code cancel} before each forward. */
    @Override
    public Result run(Request request, Progress progress, Cancel cancel) {
        TokenSequence seq = request.sequence();
        MlpNeuron neuron = request.neuron();
        TargetPosition position = request.position();
        double sigma = request.sigma();
        int samples = request.samples();
        long seed = request.seed();
        neuron.checkedAgainst(runner.config());
        if (!(sigma >= 0) || Double.isInfinite(sigma)) {
            throw new IllegalArgumentException("Sigma " + sigma + " must be a finite number >= 0.");
        }
        if (samples < 1) {
            throw new IllegalArgumentException("Samples " + samples + " must be at least 1.");
        }
        // One token's samples and the clean row share one forward, so its size grows with the
        // samples: refused here, before any forward, instead of overflowing an array later.
        int maxSamples = Math.max(MIN_SAMPLE_LIMIT, TokenBudgetBatches.rowsPerForward(seq.length()) - 1);
        if (samples > maxSamples) {
            throw new IllegalArgumentException("Samples " + samples + " is too many for " + seq.length()
                    + " tokens on this model: use 1.." + maxSamples + ".");
        }
        NeuronRuns runs = new NeuronRuns();
        float[] first = position.needsActivations() ? runs.activations(runner, List.of(seq.ids()), neuron)[0] : null;
        int target = position.resolve(seq, first);
        int t = seq.length();
        int d = runner.config().dModel();
        // Tokens per forward: one clean row plus `samples` noisy rows for each.
        int perForward = Math.max(1, (TokenBudgetBatches.rowsPerForward(t) - 1) / samples);
        HookName h = HookName.mlpPost(neuron.layer());
        List<TokenEffect> effects = new ArrayList<>();
        float clean = Float.NaN;
        for (int from = 0; from < t; from += perForward) {
            if (cancel.isCancelled()) {
                return new Result(neuron, target, clean, sigma, samples, seed, effects, runs.forwards(), true);
            }
            int to = Math.min(t, from + perForward);
            int rows = 1 + (to - from) * samples;
            float[] noise = noise(from, to, t, d, samples, sigma, seed);
            List<int[]> batch = new ArrayList<>(rows);
            for (int r = 0; r < rows; r++) {
                batch.add(seq.ids());
            }
            HookSet hooks = HookSet.caching(h::equals).add(HookName.EMBED, (a, name) ->
                    a.add(a.getManager().create(noise, new Shape(rows, t, d))));
            ActivationCache cache = runner.runTokens(batch, hooks);
            runs.count(1);
            clean = cache.column(h, 0, neuron.index())[target];
            for (int i = from; i < to; i++) {
                double sum = 0;
                double abs = 0;
                for (int s = 0; s < samples; s++) {
                    int row = 1 + (i - from) * samples + s;
                    double delta = cache.column(h, row, neuron.index())[target] - clean;
                    sum += delta;
                    abs += Math.abs(delta);
                }
                effects.add(new TokenEffect(i, seq.texts().get(i), seq.special()[i], (float) (sum / samples), (float) (abs / samples)));
            }
            progress.report(new Step("noise", to, t, to + " of " + t + " tokens noised, " + samples + " samples each"));
        }
        return new Result(neuron, target, clean, sigma, samples, seed, effects, runs.forwards(), false);
    }

    /** Noise [rows, t, d] (row 0 clean), non-zero only at token i in the rows of token i. */
    private static float[] noise(int from, int to, int t, int d, int samples, double sigma, long seed) {
        int rows = 1 + (to - from) * samples;
        float[] out = new float[rows * t * d];
        for (int i = from; i < to; i++) {
            Random rnd = new Random(seed * 1_000_003L + i);
            for (int s = 0; s < samples; s++) {
                int row = 1 + (i - from) * samples + s;
                int base = (row * t + i) * d;
                for (int k = 0; k < d; k++) {
                    out[base + k] = (float) (rnd.nextGaussian() * sigma);
                }
            }
        }
        return out;
    }
}
