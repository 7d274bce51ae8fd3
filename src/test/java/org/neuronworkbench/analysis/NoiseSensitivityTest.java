package org.neuronworkbench.analysis;

import org.neuronworkbench.model.MlpNeuron;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.neuronworkbench.model.Fixtures;
import org.neuronworkbench.model.ModelLoader;
import org.neuronworkbench.model.ModelRunner;
import org.neuronworkbench.model.Offline;
import org.neuronworkbench.work.Cancel;
import org.neuronworkbench.work.Step;

class NoiseSensitivityTest {
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
    void sigmaZeroChangesNothing() {
        TokenSequence seq = TokenSequence.ofText(miniLm, "The river flooded the old town");
        NoiseSensitivity.Result r = new NoiseSensitivity(miniLm).run(
                new NoiseSensitivity.Request(seq, new MlpNeuron(2, 40), TargetPosition.LAST, 0, 4, 1));
        assertEquals(seq.length(), r.tokens().size());
        for (NoiseSensitivity.TokenEffect e : r.tokens()) {
            // Identical rows at different batch positions may differ in the last bits.
            assertEquals(0f, e.meanChange(), 1e-5f, e.toString());
            assertEquals(0f, e.meanAbsChange(), 1e-5f, e.toString());
        }
        assertEquals(1, r.forwards());
    }

    @Test
    void progressCountsTokensAndACancelReturnsTheTokensNoisedSoFar() {
        TokenSequence seq = TokenSequence.ofIds(gpt2, Fixtures.SEQS[1]);
        // 64 samples per token: a forward of the 2,048-token budget holds only a few tokens' rows.
        NoiseSensitivity.Request q = new NoiseSensitivity.Request(seq, new MlpNeuron(1, 5), TargetPosition.LAST, 0.5, 64, 3);
        NoiseSensitivity method = new NoiseSensitivity(gpt2);
        List<Step> steps = new ArrayList<>();
        NoiseSensitivity.Result full = method.run(q, steps::add, Cancel.NEVER);
        assertFalse(full.cancelled());
        assertTrue(full.forwards() > 1, "several forwards: " + full.forwards());
        assertEquals(full.forwards(), steps.size(), "one step per forward");
        assertEquals(seq.length(), steps.get(steps.size() - 1).done());
        assertEquals(seq.length(), steps.get(0).total());
        int[] seen = {0};
        NoiseSensitivity.Result part = method.run(q, step -> seen[0]++, () -> seen[0] >= 1);
        assertTrue(part.cancelled());
        assertEquals(1, part.forwards());
        assertEquals(steps.get(0).done(), part.tokens().size());
        // Noise is seeded per token, so the tokens done before the cancel match the full run exactly.
        assertEquals(full.tokens().subList(0, part.tokens().size()), part.tokens());
    }

    @Test
    void aFixedSeedIsReproducibleAndAnotherSeedDiffers() {
        TokenSequence seq = TokenSequence.ofIds(gpt2, Fixtures.SEQS[1]);
        MlpNeuron n = new MlpNeuron(1, 5);
        NoiseSensitivity.Result a = new NoiseSensitivity(gpt2).run(new NoiseSensitivity.Request(seq, n, TargetPosition.LAST, 0.5, 16, 7));
        NoiseSensitivity.Result b = new NoiseSensitivity(gpt2).run(new NoiseSensitivity.Request(seq, n, TargetPosition.LAST, 0.5, 16, 7));
        NoiseSensitivity.Result c = new NoiseSensitivity(gpt2).run(new NoiseSensitivity.Request(seq, n, TargetPosition.LAST, 0.5, 16, 8));
        assertEquals(a.tokens(), b.tokens());
        assertNotEquals(a.tokens(), c.tokens());
    }

    @Test
    void tokensAfterTheTargetDoNotMatterInADecoder() {
        TokenSequence seq = TokenSequence.ofIds(gpt2, Fixtures.SEQS[1]);
        NoiseSensitivity.Result r = new NoiseSensitivity(gpt2).run(
                new NoiseSensitivity.Request(seq, new MlpNeuron(1, 5), TargetPosition.at(6), 1.0, 8, 3));
        List<NoiseSensitivity.TokenEffect> t = r.tokens();
        for (int i = 7; i < t.size(); i++) {
            assertEquals(0f, t.get(i).meanAbsChange(), 1e-6f, "causal mask: token " + i);
        }
        assertTrue(t.get(6).meanAbsChange() > 1e-3f, "noise on the target token itself changes it");
    }

    @Test
    void badInputIsRefused() {
        TokenSequence seq = TokenSequence.ofIds(gpt2, Fixtures.SEQS[0]);
        MlpNeuron n = new MlpNeuron(0, 1);
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> new NoiseSensitivity(gpt2).run(
                        new NoiseSensitivity.Request(seq, n, TargetPosition.LAST, -1, 4, 1)))
                .getMessage().contains("Sigma"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> new NoiseSensitivity(gpt2).run(
                        new NoiseSensitivity.Request(seq, n, TargetPosition.LAST, 0.1, 0, 1)))
                .getMessage().contains("Samples"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> new NoiseSensitivity(gpt2).run(
                        new NoiseSensitivity.Request(seq, n, TargetPosition.at(5), 0.1, 2, 1)))
                .getMessage().contains("beyond"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> new NoiseSensitivity(gpt2).run(
                        new NoiseSensitivity.Request(seq, new MlpNeuron(2, 0), TargetPosition.LAST, 0.1, 2, 1)))
                .getMessage().contains("Layer 2"));
    }

    @Test
    void gatedFixturesIgnoreTokensAfterTheTargetAndFeelTheTargetItself() {
        for (String model : List.of(Fixtures.LLAMA, Fixtures.QWEN2)) {
            try (ModelRunner r = Fixtures.load(model)) {
                TokenSequence seq = TokenSequence.ofIds(r, Fixtures.SEQS[1]);
                NoiseSensitivity.Result res = new NoiseSensitivity(r).run(new NoiseSensitivity.Request(seq, new MlpNeuron(1, 150), TargetPosition.at(6), 1.0, 8, 3));
                for (int i = 7; i < res.tokens().size(); i++) {
                    assertEquals(0f, res.tokens().get(i).meanAbsChange(), 1e-6f, model + " causal mask: token " + i);
                }
                assertTrue(res.tokens().get(6).meanAbsChange() > 1e-3f, model + ": noise on the target changes it");
                assertTrue(res.tokens().get(0).meanAbsChange() > 1e-4f, model + ": an earlier token reaches the target");
            }
        }
    }
}
