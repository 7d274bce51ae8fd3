package org.neuronworkbench.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.neuronworkbench.model.Fixtures;
import org.neuronworkbench.model.MlpNeuron;
import org.neuronworkbench.model.ModelLoader;
import org.neuronworkbench.model.ModelRunner;
import org.neuronworkbench.model.Offline;

/** Left pruning against each shorter context run on its own. */
class ContextPruningTest {
    private static final double TOL = 1e-4;
    private static ModelRunner gpt2;
    private static ModelRunner miniLm;

    @BeforeAll
    static void load() {
        Offline.enforce();
        gpt2 = Fixtures.load(Fixtures.GPT2);
        miniLm = ModelLoader.loadEmbedded();
    }

    @AfterAll
    static void close() {
        gpt2.close();
        miniLm.close();
    }

    @Test
    void findsTheShortestPrefixThatKeepsTheShareInOneForward() {
        TokenSequence seq = TokenSequence.ofIds(gpt2, Fixtures.SEQS[2]);
        int target = 20;
        MlpNeuron neuron = SimplificationTest.firing(gpt2, seq, 1, target);
        float[] acts = SimplificationTest.single(gpt2, seq.ids(), neuron);
        ContextPruning.Result p = new ContextPruning(gpt2).run(
                new ContextPruning.Request(seq, neuron, TargetPosition.at(target), 0.9));
        assertEquals(1, p.forwards());
        assertTrue(p.met());
        assertEquals(acts[target], p.original(), TOL);
        int kept = target - p.start() + 1;
        assertEquals(kept, p.tokens().size());
        float alone = SimplificationTest.single(gpt2, Arrays.copyOfRange(seq.ids(), p.start(), target + 1), neuron)[kept - 1];
        assertEquals(alone, p.activation(), TOL);
        assertTrue(alone >= 0.9 * acts[target] - TOL);
        for (int k = 0; k < kept - 1; k++) {
            float shorter = SimplificationTest.single(gpt2, Arrays.copyOfRange(seq.ids(), target - k, target + 1), neuron)[k];
            assertEquals(shorter, p.byLength()[k], TOL);
            assertTrue(shorter < 0.9 * acts[target], "a shorter context already keeps 90%");
        }
    }

    @Test
    void keepsSpecialTokensOnMiniLm() {
        TokenSequence seq = TokenSequence.ofText(miniLm, "Paris is the capital and largest city of France");
        MlpNeuron neuron = SimplificationTest.firing(miniLm, seq, 2, seq.lastText());
        ContextPruning.Result p = new ContextPruning(miniLm).run(
                new ContextPruning.Request(seq, neuron, TargetPosition.LAST, 0.5));
        assertEquals("[CLS]", p.tokens().get(0));
        assertEquals("[SEP]", p.tokens().get(p.tokens().size() - 1));
        assertEquals("France", p.tokens().get(p.tokens().size() - 2));
        assertEquals(1, p.forwards());
    }

    @Test
    void badKeepFractionsAndSilentNeuronsAreRefused() {
        TokenSequence seq = TokenSequence.ofIds(gpt2, Fixtures.SEQS[2]);
        MlpNeuron neuron = SimplificationTest.firing(gpt2, seq, 1, 20);
        ContextPruning method = new ContextPruning(gpt2);
        for (double keep : new double[] {0, -0.5, 1.5, Double.NaN}) {
            String msg = assertThrows(IllegalArgumentException.class,
                    () -> method.run(new ContextPruning.Request(seq, neuron, TargetPosition.at(20), keep))).getMessage();
            assertTrue(msg.contains("must be in (0, 1]"), msg);
        }
        // A neuron at or below zero at the target has no share to keep.
        MlpNeuron quiet = null;
        int target = -1;
        for (int n = 0; quiet == null; n++) {
            float[] acts = SimplificationTest.single(gpt2, seq.ids(), new MlpNeuron(1, n));
            for (int t = 0; t < acts.length && quiet == null; t++) {
                if (acts[t] <= 0) {
                    quiet = new MlpNeuron(1, n);
                    target = t;
                }
            }
        }
        ContextPruning.Request silent = new ContextPruning.Request(seq, quiet, TargetPosition.at(target), 0.5);
        String msg = assertThrows(IllegalArgumentException.class, () -> method.run(silent)).getMessage();
        assertTrue(msg.contains("does not fire"), msg);
    }
}
