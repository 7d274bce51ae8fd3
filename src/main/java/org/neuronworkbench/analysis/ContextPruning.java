package org.neuronworkbench.analysis;

import java.util.ArrayList;
import java.util.List;
import org.neuronworkbench.model.MlpNeuron;
import org.neuronworkbench.model.ModelRunner;
import org.neuronworkbench.work.Cancel;
import org.neuronworkbench.work.Progress;
import org.neuronworkbench.work.Step;

/**
 * Neuron2Graph-style left pruning: the shortest context ending at the target that keeps at least
 * {@code keep} (0..1] of the target activation. Leading special tokens and special tokens after
 * the target stay; other tokens after the target are dropped. All prefixes go through one batched
 * forward (chunked for long texts), so there is nothing to cancel between steps. Needs a positive
 * activation to compare against.
 */
public final class ContextPruning implements AnalysisMethod<ContextPruning.Request, ContextPruning.Result> {

    /** @param keep share of the target activation to keep, in (0, 1] */
    public record Request(TokenSequence sequence, MlpNeuron neuron, TargetPosition position, double keep) {
    }

    /**
     * @param start         first kept token of the original sequence
     * @param activation    target activation with only tokens start..target (plus special tokens)
     * @param original      target activation in the full text
     * @param byLength      target activation with the last k+1 text tokens kept, k = 0..
     * @param met           false when even the longest context falls short (encoders lose the right context)
     */
    public record Result(MlpNeuron neuron, int start, int target, List<String> tokens, float activation, float original,
                         double keep, boolean met, float[] byLength, int forwards) {
        public Result {
            tokens = List.copyOf(tokens);
            byLength = byLength.clone();
        }
    }

    private final ModelRunner runner;

    public ContextPruning(ModelRunner runner) {
        this.runner = runner;
    }

    /** One step: the batched forward over all prefixes. */
    @Override
    public Result run(Request request, Progress progress, Cancel cancel) {
        TokenSequence seq = request.sequence();
        MlpNeuron neuron = request.neuron();
        double keep = request.keep();
        neuron.checkedAgainst(runner.config());
        if (!(keep > 0 && keep <= 1)) {
            throw new IllegalArgumentException("Keep fraction " + keep + " must be in (0, 1], e.g. 0.9 for 90%.");
        }
        NeuronRuns runs = new NeuronRuns();
        float[] full = request.position().needsActivations() ? runs.activations(runner, List.of(seq.ids()), neuron)[0] : null;
        int target = request.position().resolve(seq, full);
        List<Integer> lead = new ArrayList<>();
        for (int i = 0; i < target && seq.special()[i]; i++) {
            lead.add(i);
        }
        List<Integer> trail = new ArrayList<>();
        for (int i = target + 1; i < seq.length(); i++) {
            if (seq.special()[i]) {
                trail.add(i);
            }
        }
        List<int[]> rows = new ArrayList<>();
        if (full == null) {
            rows.add(seq.ids());
        }
        List<Integer> starts = new ArrayList<>();
        for (int s = target; s >= lead.size(); s--) {
            starts.add(s);
            rows.add(context(seq, lead, s, target, trail));
        }
        float[][] acts = runs.activations(runner, rows, neuron);
        float original = full != null ? full[target] : acts[0][target];
        if (!(original > 0)) {
            throw new IllegalArgumentException("Neuron " + neuron + " does not fire at token " + target + " ("
                    + original + " <= 0); pruning keeps a share of a positive activation.");
        }
        int offset = full == null ? 1 : 0;
        float[] byLength = new float[starts.size()];
        int chosen = -1;
        for (int k = 0; k < starts.size(); k++) {
            byLength[k] = acts[offset + k][lead.size() + k];
            if (chosen < 0 && byLength[k] >= keep * original) {
                chosen = k;
            }
        }
        boolean met = chosen >= 0;
        if (!met) {
            chosen = starts.size() - 1;
        }
        int start = starts.get(chosen);
        int[] ids = context(seq, lead, start, target, trail);
        List<String> texts = new ArrayList<>();
        for (int i : lead) {
            texts.add(seq.texts().get(i));
        }
        texts.addAll(seq.texts().subList(start, target + 1));
        for (int i : trail) {
            texts.add(seq.texts().get(i));
        }
        assert ids.length == texts.size();
        progress.report(new Step("pruning", 1, 1, "all prefixes run"));
        return new Result(neuron, start, target, texts, byLength[chosen], original, keep, met, byLength, runs.forwards());
    }

    private static int[] context(TokenSequence seq, List<Integer> lead, int start, int target, List<Integer> trail) {
        int[] ids = new int[lead.size() + (target - start + 1) + trail.size()];
        int j = 0;
        for (int i : lead) {
            ids[j++] = seq.ids()[i];
        }
        for (int i = start; i <= target; i++) {
            ids[j++] = seq.ids()[i];
        }
        for (int i : trail) {
            ids[j++] = seq.ids()[i];
        }
        return ids;
    }
}
