package org.neuronworkbench.analysis;

import org.neuronworkbench.model.MlpNeuron;
import java.util.ArrayList;
import ai.djl.ndarray.index.NDIndex;
import java.util.List;
import org.neuronworkbench.model.ModelConfig;
import org.neuronworkbench.model.ModelRunner;
import org.neuronworkbench.model.hooks.HookName;
import org.neuronworkbench.model.hooks.HookSet;

/**
 * Batched runs that read one neuron per token; shared by the causal methods and the explainer's
 * substitutions (public for {@code analysis.explain}).
 */
public final class NeuronRuns {
    /** Padded tokens per forward; keeps the attention tensors of one batch in the hundreds of MB. */
    private static final long TOKEN_BUDGET = 16_384;
    private static final long PATTERN_BUDGET = 64L << 20;

    private int forwards;

    /** Forwards issued so far through this instance. */
    public int forwards() {
        return forwards;
    }

    /** How many rows of {@code tokens} tokens go through one forward. */
    public static int rowsPerForward(ModelConfig c, int tokens) {
        long byTokens = TOKEN_BUDGET / Math.max(1, tokens);
        long byPattern = PATTERN_BUDGET / ((long) c.heads() * tokens * tokens);
        return (int) Math.max(1, Math.min(byTokens, byPattern));
    }

    /** The neuron's value at every token of every row; one forward per chunk of rows. */
    public float[][] activations(ModelRunner runner, List<int[]> rows, MlpNeuron n) {
        int longest = 0;
        for (int[] r : rows) {
            longest = Math.max(longest, r.length);
        }
        HookName h = HookName.mlpPost(n.layer());
        List<float[]> out = new ArrayList<>(rows.size());
        for (List<int[]> chunk : ModelRunner.batches(rows, rowsPerForward(runner.config(), longest))) {
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
            for (int i = 0; i < chunk.size(); i++) {
                out.add(java.util.Arrays.copyOfRange(got[0], i * padded, i * padded + chunk.get(i).length));
            }
        }
        return out.toArray(new float[0][]);
    }

    /** Counts a forward made elsewhere (sessions, hooked runs). */
    void count(int n) {
        forwards += n;
    }
}
