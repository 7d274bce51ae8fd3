package org.neuronworkbench.analysis;

import ai.djl.ndarray.index.NDIndex;
import java.util.Arrays;
import java.util.List;
import org.neuronworkbench.model.MlpNeuron;
import org.neuronworkbench.model.ModelRunner;
import org.neuronworkbench.model.TokenBudgetBatches;
import org.neuronworkbench.model.hooks.HookName;
import org.neuronworkbench.model.hooks.HookSet;

/**
 * Batched runs that read one neuron per token; shared by the causal methods and the explainer's
 * substitutions (public for {@code analysis.explain}).
 */
public final class NeuronRuns {
    private int forwards;

    /** Forwards issued so far through this instance. */
    public int forwards() {
        return forwards;
    }

    /**
     * The neuron's value at every token of every row, in the rows' order; the rows go through the
     * model as {@link TokenBudgetBatches} forwards (sorted by length, packed to the token budget).
     */
    public float[][] activations(ModelRunner runner, List<int[]> rows, MlpNeuron n) {
        int[] lengths = rows.stream().mapToInt(r -> r.length).toArray();
        HookName h = HookName.mlpPost(n.layer());
        float[][] out = new float[rows.size()][];
        for (int[] group : TokenBudgetBatches.plan(lengths)) {
            List<int[]> chunk = Arrays.stream(group).mapToObj(rows::get).toList();
            float[][] got = new float[1][];
            long[] paddedLength = new long[1];
            HookSet hooks = HookSet.none().add(h, (a, name) -> {
                paddedLength[0] = a.getShape().get(1);
                // Copy out one column only; the runner stops the pass after this layer.
                got[0] = a.get(new NDIndex(":, :, {}", n.index())).toFloatArray();
                return a;
            });
            runner.runTokens(chunk, hooks);
            forwards++;
            int padded = (int) paddedLength[0];
            for (int i = 0; i < group.length; i++) {
                out[group[i]] = Arrays.copyOfRange(got[0], i * padded, i * padded + lengths[group[i]]);
            }
        }
        return out;
    }

    /** Counts a forward made elsewhere (sessions, hooked runs). */
    void count(int n) {
        forwards += n;
    }
}
