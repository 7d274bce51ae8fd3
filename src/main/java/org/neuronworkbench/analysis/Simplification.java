package org.neuronworkbench.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.neuronworkbench.model.MlpNeuron;
import org.neuronworkbench.model.ModelRunner;
import org.neuronworkbench.work.Cancel;
import org.neuronworkbench.work.Progress;

/**
 * Input simplification: remove tokens one at a time, each time the one whose removal keeps the
 * target neuron highest, until only the target token is left (special tokens always stay). Every
 * candidate deletion of a step goes through the model in one batched forward, and the first batch
 * also carries the original text, so n text tokens cost n-1 forwards (long texts are chunked).
 * The worked example of the {@link AnalysisMethod} contract in ARCHITECTURE.md.
 */
public final class Simplification implements AnalysisMethod<Simplification.Request, Simplification.Result> {

    /** What to simplify: a token sequence, the neuron, and where it is measured. */
    public record Request(TokenSequence sequence, MlpNeuron neuron, TargetPosition position) {
    }

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

    /**
     * The steps from the original text down to the target token alone; when {@code cancelled}, the
     * steps done before the cancel (the original text at least, unless cancelled before any forward).
     */
    public record Result(MlpNeuron neuron, List<Step> steps, int forwards, boolean cancelled) {
        public Result {
            steps = List.copyOf(steps);
        }
    }

    private final ModelRunner runner;

    public Simplification(ModelRunner runner) {
        this.runner = runner;
    }

    /**
     * Reports one step per removed token (done of the removable tokens; the detail says so and
     * gives the target's activation now) and polls {@code cancel} before every batched forward.
     */
    @Override
    public Result run(Request request, Progress progress, Cancel cancel) {
        TokenSequence seq = request.sequence();
        MlpNeuron neuron = request.neuron();
        TargetPosition position = request.position();
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
            if (cancel.isCancelled()) {
                // A half-simplified text is still an answer: the steps so far show what mattered least.
                return new Result(neuron, steps, runs.forwards(), true);
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
            progress.report(new org.neuronworkbench.work.Step("simplifying", steps.size() - 1, removable,
                    String.format(Locale.ROOT, "%d of %d tokens removed, activation %.4f", steps.size() - 1, removable,
                            values[best])));
        }
        return new Result(neuron, steps, runs.forwards(), false);
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
}
