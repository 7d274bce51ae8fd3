package org.neuronworkbench.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import org.neuronworkbench.model.MlpNeuron;
import org.neuronworkbench.model.ModelRunner;

/**
 * Input simplification: remove tokens one at a time, each time the one whose removal keeps the
 * target neuron highest, until only the target token is left (special tokens always stay). Every
 * candidate deletion of a step goes through the model in one batched forward, and the first batch
 * also carries the original text, so n text tokens cost n-1 forwards (long texts are chunked).
 * {@link #prune} is the Neuron2Graph-style left pruning: the shortest context ending at the target
 * that keeps a given share of the activation, all prefixes in one batch.
 */
public final class Simplification {

    /**
     * One state of the text. {@code removed} is null for the original (step 0).
     *
     * @param target index of the target token in {@code tokens}
     */
    public record Step(List<String> tokens, int[] ids, float[] activations, int target, float targetActivation,
                       String removed, int removedIndex) {
        public Step {
            tokens = List.copyOf(tokens);
            ids = ids.clone();
            activations = activations.clone();
        }
    }

    /** All steps from the original text down to the target token alone. */
    public record Result(MlpNeuron neuron, List<Step> steps, int forwards) {
        public Result {
            steps = List.copyOf(steps);
        }
    }

    /**
     * @param start         first kept token of the original sequence
     * @param activation    target activation with only tokens start..target (plus special tokens)
     * @param original      target activation in the full text
     * @param byLength      target activation with the last k+1 text tokens kept, k = 0..
     * @param met           false when even the longest context falls short (encoders lose the right context)
     */
    public record Pruned(MlpNeuron neuron, int start, int target, List<String> tokens, float activation, float original,
                         double keep, boolean met, float[] byLength, int forwards) {
        public Pruned {
            tokens = List.copyOf(tokens);
            byLength = byLength.clone();
        }
    }

    private Simplification() {
    }

    /** Simplifies a sequence for a neuron measured at {@code position}. */
    public static Result simplify(ModelRunner runner, TokenSequence seq, MlpNeuron neuron, TargetPosition position) {
        return simplify(runner, seq, neuron, position, Progress.NONE, CancelFlag.NEVER);
    }

    /**
     * As {@link #simplify(ModelRunner, TokenSequence, MlpNeuron, TargetPosition)}, reporting each
     * removed token (done of the removable tokens, the target's activation now) and polling
     * {@code cancel} before every batched forward.
     *
     * @throws CancellationException when cancelled: a half-simplified sequence is no answer
     */
    public static Result simplify(ModelRunner runner, TokenSequence seq, MlpNeuron neuron, TargetPosition position,
                                  Progress progress, CancelFlag cancel) {
        neuron.checkedAgainst(runner.config());
        NeuronRuns runs = new NeuronRuns();
        float[] first = position.needsActivations() ? runs.activations(runner, List.of(seq.ids()), neuron)[0] : null;
        int target = position.resolve(seq, first);
        List<Step> steps = new ArrayList<>();
        TokenSequence cur = seq;
        if (first != null) {
            steps.add(step(cur, first, target, null, -1));
        }
        int removable = removable(cur, target).size();
        while (true) {
            List<Integer> candidates = removable(cur, target);
            if (candidates.isEmpty() && !steps.isEmpty()) {
                break;
            }
            if (cancel.cancelled()) {
                throw new CancellationException("Simplification cancelled after " + (steps.size() - 1) + " of "
                        + removable + " tokens.");
            }
            List<int[]> rows = new ArrayList<>();
            if (steps.isEmpty()) {
                rows.add(cur.ids());
            }
            int offset = rows.size();
            for (int i : candidates) {
                rows.add(cur.without(i).ids());
            }
            float[][] acts = runs.activations(runner, rows, neuron);
            if (steps.isEmpty()) {
                steps.add(step(cur, acts[0], target, null, -1));
            }
            if (candidates.isEmpty()) {
                break;
            }
            float[] values = new float[candidates.size()];
            for (int c = 0; c < values.length; c++) {
                values[c] = acts[offset + c][shifted(target, candidates.get(c))];
            }
            int best = pick(values);
            int removedAt = candidates.get(best);
            String removed = cur.texts().get(removedAt);
            cur = cur.without(removedAt);
            target = shifted(target, removedAt);
            steps.add(step(cur, acts[offset + best], target, removed, removedAt));
            progress.update("simplifying", steps.size() - 1, removable, values[best]);
        }
        return new Result(neuron, steps, runs.forwards());
    }

    /** Values this close to the best count as ties: batched and single runs differ in the last bits. */
    public static final double TIE = 1e-5;

    /** The earliest candidate within {@link #TIE} (relative, at least absolute) of the highest value. */
    static int pick(float[] values) {
        float max = Float.NEGATIVE_INFINITY;
        for (float v : values) {
            max = Math.max(max, v);
        }
        double slack = TIE * Math.max(1, Math.abs(max));
        for (int c = 0; c < values.length; c++) {
            if (values[c] >= max - slack) {
                return c;
            }
        }
        return 0;
    }

    /** Token indices that may be removed: text tokens other than the target. */
    static List<Integer> removable(TokenSequence seq, int target) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < seq.length(); i++) {
            if (!seq.special()[i] && i != target) {
                out.add(i);
            }
        }
        return out;
    }

    /** The target's index after removing token {@code removed}. */
    static int shifted(int target, int removed) {
        return removed < target ? target - 1 : target;
    }

    private static Step step(TokenSequence seq, float[] acts, int target, String removed, int removedIndex) {
        return new Step(seq.texts(), seq.ids(), acts, target, acts[target], removed, removedIndex);
    }

    /**
     * The shortest context ending at the target that keeps at least {@code keep} (0..1] of the
     * target activation. Leading special tokens and special tokens after the target stay; other
     * tokens after the target are dropped. Needs a positive activation to compare against.
     */
    public static Pruned prune(ModelRunner runner, TokenSequence seq, MlpNeuron neuron, TargetPosition position, double keep) {
        neuron.checkedAgainst(runner.config());
        if (!(keep > 0 && keep <= 1)) {
            throw new IllegalArgumentException("Keep fraction " + keep + " must be in (0, 1], e.g. 0.9 for 90%.");
        }
        NeuronRuns runs = new NeuronRuns();
        float[] full = position.needsActivations() ? runs.activations(runner, List.of(seq.ids()), neuron)[0] : null;
        int target = position.resolve(seq, full);
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
        return new Pruned(neuron, start, target, texts, byLength[chosen], original, keep, met, byLength, runs.forwards());
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
