package org.neuronworkbench.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.neuronworkbench.model.MlpNeuron;
import org.neuronworkbench.analysis.Simplification;
import org.neuronworkbench.analysis.TargetPosition;
import org.neuronworkbench.analysis.TokenSequence;
import org.neuronworkbench.model.ModelLoader;
import org.neuronworkbench.model.ModelRunner;
import org.neuronworkbench.model.Offline;
import org.neuronworkbench.model.hooks.HookName;
import org.neuronworkbench.model.hooks.HookSet;

/**
 * {@code bench simplify}: 32 text tokens on the embedded MiniLM, batched (one forward per step)
 * against the naive one-forward-per-candidate loop. Run with
 * {@code mvn -Pbench test -Dtest=SimplificationBenchmark -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@Tag("bench")
class SimplificationBenchmark {
    private static final String TEXT = "the quick brown fox jumps over the lazy dog while the old farmer watches "
            + "from his porch and thinks about the long winter that is coming soon to the quiet valley where nobody lives";

    @Test
    void batchedVersusNaive() {
        // -Dbench.threads=N sets libtorch's intra-op threads; on a shared, busy machine 1 avoids spin-wait stalls.
        String threads = System.getProperty("bench.threads");
        if (threads != null) {
            System.setProperty("ai.djl.pytorch.num_threads", threads);
        }
        Offline.enforce();
        try (ModelRunner runner = ModelLoader.loadEmbedded()) {
            TokenSequence seq = cut(TokenSequence.ofText(runner, TEXT), 32);
            MlpNeuron neuron = new MlpNeuron(3, 17);
            int[] forwards = new int[2];
            double[] batched = Timing.time(1, 5, () ->
                    forwards[0] = new Simplification(runner).run(new Simplification.Request(seq, neuron, TargetPosition.LAST)).forwards());
            double[] naive = Timing.time(0, 3, () -> forwards[1] = naive(runner, seq, neuron));
            System.out.printf("bench simplify (MiniLM, %d text tokens, %d cores, torch threads %s, medians)%n",
                    seq.textTokens(), Runtime.getRuntime().availableProcessors(), threads == null ? "default" : threads);
            System.out.printf("  batched (layer 3): %4d forwards  %8.0f ms%n", forwards[0], Timing.median(batched));
            System.out.printf("  naive   (layer 3): %4d forwards  %8.0f ms%n", forwards[1], Timing.median(naive));
            double speedup = Timing.median(naive) / Timing.median(batched);
            System.out.printf("  ratio naive / batched: %.2f%n", speedup);
            // The cost grows with the layer: the forward stops once the neuron's layer is read.
            for (int layer : new int[] {0, 5}) {
                MlpNeuron other = new MlpNeuron(layer, 17);
                double[] ms = Timing.time(1, 3, () -> new Simplification(runner).run(new Simplification.Request(seq, other, TargetPosition.LAST)));
                System.out.printf("  batched, layer %d neuron: %8.0f ms%n", layer, Timing.median(ms));
            }
            assertTrue(forwards[0] == seq.textTokens() - 1);
            // A ratio against the peer measured in the same run, not an absolute time: a slower machine
            // slows both loops alike. Batching 31 candidate rows per step must beat one row per forward.
            assertTrue(speedup > 1.5, "batched is only " + speedup + "x faster than naive");
        }
    }

    /** First {@code n} text tokens between [CLS] and [SEP]. */
    private static TokenSequence cut(TokenSequence s, int n) {
        TokenSequence out = s;
        while (out.textTokens() > n) {
            out = out.without(out.length() - 2);
        }
        return out;
    }

    /** One row's neuron values, ending the forward at the neuron's layer as the batched code does. */
    private static float[] stopAt(ModelRunner runner, int[] ids, HookName h, int unit) {
        float[][] got = new float[1][];
        try {
            runner.runTokens(List.of(ids), HookSet.none().add(h, (a, name) -> {
                got[0] = a.get(new ai.djl.ndarray.index.NDIndex("0, :, {}", unit)).toFloatArray();
                throw new Stop();
            }));
        } catch (Stop expected) {
            // read; the layers above are not needed
        }
        return got[0];
    }

    private static final class Stop extends RuntimeException {
        Stop() {
            super(null, null, false, false);
        }
    }

    /** The same greedy steps with one forward per candidate; returns the forward count. */
    private static int naive(ModelRunner runner, TokenSequence seq, MlpNeuron n) {
        HookName h = HookName.mlpPost(n.layer());
        int forwards = 1;
        stopAt(runner, seq.ids(), h, n.index());
        TokenSequence cur = seq;
        int target = seq.lastText();
        while (cur.textTokens() > 1) {
            int best = -1;
            float bestValue = 0;
            for (int i = 0; i < cur.length(); i++) {
                if (cur.special()[i] || i == target) {
                    continue;
                }
                float v = stopAt(runner, cur.without(i).ids(), h, n.index())[i < target ? target - 1 : target];
                forwards++;
                if (best < 0 || v > bestValue) {
                    best = i;
                    bestValue = v;
                }
            }
            cur = cur.without(best);
            target = best < target ? target - 1 : target;
        }
        return forwards;
    }
}
