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
 * substitutions (public for {@code analysis.explain}). Not {@link org.neuronworkbench.model.NeuronValues},
 * which runs tokenized texts for display: these rows are token ids that a method has edited
 * (substituted, pruned, shortened), with no text behind them, and the methods report how many
 * forwards they cost.
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

    /**
     * Several neurons of one layer per row, rows packed into {@link TokenBudgetBatches} forwards:
     * {@code out[row][j]} is neuron {@code neurons[row][j]}'s value at every token of the row. Each
     * forward copies the layer's activations out once, so rows that need different neurons (the
     * substitutions of many neurons) still share forwards.
     */
    public float[][][] activations(ModelRunner runner, List<int[]> rows, int layer, int[][] neurons) {
        int[] lengths = rows.stream().mapToInt(r -> r.length).toArray();
        HookName h = HookName.mlpPost(layer);
        float[][][] out = new float[rows.size()][][];
        for (int[] group : TokenBudgetBatches.plan(lengths)) {
            List<int[]> chunk = Arrays.stream(group).mapToObj(rows::get).toList();
            float[][] got = new float[1][];
            long[] shape = new long[3];
            HookSet hooks = HookSet.none().add(h, (a, name) -> {
                System.arraycopy(a.getShape().getShape(), 0, shape, 0, 3);
                got[0] = a.toFloatArray();
                return a;
            });
            runner.runTokens(chunk, hooks);
            forwards++;
            int padded = (int) shape[1];
            int width = (int) shape[2];
            for (int i = 0; i < group.length; i++) {
                int row = group[i];
                int[] want = neurons[row];
                float[][] values = new float[want.length][lengths[row]];
                for (int t = 0; t < lengths[row]; t++) {
                    int base = (i * padded + t) * width;
                    for (int j = 0; j < want.length; j++) {
                        values[j][t] = got[0][base + want[j]];
                    }
                }
                out[row] = values;
            }
        }
        return out;
    }

    /** Counts a forward made elsewhere (sessions, hooked runs). */
    void count(int n) {
        forwards += n;
    }
}
