package org.neuronworkbench.analysis;

import org.neuronworkbench.model.MlpNeuron;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.neuronworkbench.model.Fixtures;
import org.neuronworkbench.model.ModelLoader;
import org.neuronworkbench.model.ModelRunner;
import org.neuronworkbench.model.Offline;
import org.neuronworkbench.model.weights.SafetensorsFile;
import org.neuronworkbench.work.Cancel;
import org.neuronworkbench.work.Step;

class AblationEffectTest {
    private static ModelRunner gpt2;
    private static ModelRunner neox;
    private static ModelRunner miniLm;

    @BeforeAll
    static void load() {
        Offline.enforce();
        gpt2 = Fixtures.load(Fixtures.GPT2);
        neox = Fixtures.load(Fixtures.NEOX);
        miniLm = ModelLoader.loadEmbedded();
    }

    @AfterAll
    static void close() {
        gpt2.close();
        neox.close();
        miniLm.close();
    }

    @Test
    void ablatingNothingIsTheIdentity() {
        for (ModelRunner r : List.of(gpt2, neox)) {
            TokenSequence seq = TokenSequence.ofIds(r, Fixtures.SEQS[1]);
            AblationEffect.Result res = new AblationEffect(r).run(
                    new AblationEffect.Request(seq, List.of(), AblationEffect.Mode.ZERO, Map.of(), List.of(
                            new MlpNeuron(1, 3))));
            assertTrue(res.hasLmHead());
            assertNull(res.note());
            assertEquals(seq.length(), res.positions().size());
            for (AblationEffect.PositionEffect p : res.positions()) {
                assertEquals(0f, p.mostChangedDelta(), 0f);
                if (p.nextId() >= 0) {
                    assertEquals(p.original(), p.ablated(), 0f);
                }
            }
            assertArrayEquals(res.residNormOriginal(), res.residNormAblated(), 0f);
            assertArrayEquals(res.pinned().get(0).original(), res.pinned().get(0).ablated(), 0f);
        }
    }

    @Test
    void zeroAblationMatchesTheReferenceLogits() {
        // expected.safetensors holds seq1 logits with blocks.1.mlp.hook_post[:, [3, 17, 200]] = 0.
        for (String model : List.of(Fixtures.GPT2, Fixtures.NEOX)) {
            ModelRunner r = model.equals(Fixtures.GPT2) ? gpt2 : neox;
            TokenSequence seq = TokenSequence.ofIds(r, Fixtures.SEQS[1]);
            List<MlpNeuron> ablate = List.of(new MlpNeuron(1, 3), new MlpNeuron(1, 17), new MlpNeuron(1, 200));
            AblationEffect.Result res = new AblationEffect(r).run(
                    new AblationEffect.Request(seq, ablate, AblationEffect.Mode.ZERO, null, List.of()));
            try (SafetensorsFile expected = Fixtures.expected(model)) {
                float[] logits = expected.read("seq1.ablate_l1_3_17_200.logits");
                for (AblationEffect.PositionEffect p : res.positions()) {
                    if (p.nextId() < 0) {
                        continue;
                    }
                    float[] row = java.util.Arrays.copyOfRange(logits, p.position() * 96, (p.position() + 1) * 96);
                    float want = (float) AblationEffect.logSoftmax(row)[p.nextId()];
                    assertEquals(want, p.ablated(), 1e-4, model + " position " + p.position());
                    assertEquals(p.ablated() - p.original(), p.change(), 1e-6);
                }
            }
            assertTrue(res.positions().stream().anyMatch(p -> Math.abs(p.mostChangedDelta()) > 1e-3));
        }
    }

    @Test
    void meanAblationSetsTheNeuronsToTheGivenMeans() {
        float[] means = new float[256];
        for (int i = 0; i < means.length; i++) {
            means[i] = 0.01f * i - 1f;
        }
        TokenSequence seq = TokenSequence.ofIds(gpt2, Fixtures.SEQS[0]);
        List<MlpNeuron> ablate = List.of(new MlpNeuron(0, 17), new MlpNeuron(0, 200));
        AblationEffect.Result res = new AblationEffect(gpt2).run(
                new AblationEffect.Request(seq, ablate, AblationEffect.Mode.MEAN, Map.of(0, means), List.of(
                        new MlpNeuron(0, 17), new MlpNeuron(0, 200), new MlpNeuron(0, 18))));
        for (int p = 0; p < seq.length(); p++) {
            assertEquals(means[17], res.pinned().get(0).ablated()[p], 0f);
            assertEquals(means[200], res.pinned().get(1).ablated()[p], 0f);
            assertEquals(res.pinned().get(2).original()[p], res.pinned().get(2).ablated()[p], 0f, "untouched neighbour");
        }
        assertFalse(res.pinned().get(0).original()[0] == means[17]);
    }

    @Test
    void encodersReportPinnedNeuronsAndResidualNormsWithANote() {
        TokenSequence seq = TokenSequence.ofText(miniLm, "The committee approved the budget");
        AblationEffect.Result res = new AblationEffect(miniLm).run(
                new AblationEffect.Request(seq, List.of(
                        new MlpNeuron(1, 10), new MlpNeuron(1, 11)), AblationEffect.Mode.ZERO, null, List.of(
                                new MlpNeuron(4, 100))));
        assertFalse(res.hasLmHead());
        assertEquals(AblationEffect.ENCODER_NOTE, res.note());
        assertTrue(res.positions().isEmpty());
        assertEquals(seq.length(), res.residNormAblated().length);
        float moved = 0;
        for (int p = 0; p < seq.length(); p++) {
            moved += Math.abs(res.pinned().get(0).original()[p] - res.pinned().get(0).ablated()[p]);
        }
        assertTrue(moved > 0, "ablating layer 1 moves a layer-4 neuron");
    }

    @Test
    void aCancelBetweenTheTwoForwardsReturnsNothingToCompareMarkedCancelled() {
        TokenSequence seq = TokenSequence.ofIds(gpt2, Fixtures.SEQS[0]);
        AblationEffect.Request q = new AblationEffect.Request(seq, List.of(new MlpNeuron(1, 3)), AblationEffect.Mode.ZERO,
                null, List.of(new MlpNeuron(1, 4)));
        List<Step> steps = new ArrayList<>();
        AblationEffect.Result full = new AblationEffect(gpt2).run(q, steps::add, Cancel.NEVER);
        assertEquals(List.of(1L, 2L), steps.stream().map(Step::done).toList());
        assertTrue(!full.cancelled() && full.positions().size() == seq.length());
        AblationEffect.Result part = new AblationEffect(gpt2).run(q, steps::add, () -> steps.size() >= 3);
        assertTrue(part.cancelled());
        assertEquals(1, part.forwards(), "the clean forward ran, the ablated one did not");
        assertTrue(part.positions().isEmpty() && part.pinned().isEmpty());
    }

    @Test
    void badInputIsRefused() {
        TokenSequence seq = TokenSequence.ofIds(gpt2, Fixtures.SEQS[0]);
        String noMeans = assertThrows(IllegalArgumentException.class, () -> new AblationEffect(gpt2).run(
                new AblationEffect.Request(seq, List.of(
                        new MlpNeuron(1, 3)), AblationEffect.Mode.MEAN, Map.of(), List.of()))).getMessage();
        assertTrue(noMeans.contains("256 neuron means of layer 1"), noMeans);
        String range = assertThrows(IllegalArgumentException.class, () -> new AblationEffect(gpt2).run(
                new AblationEffect.Request(seq, List.of(
                        new MlpNeuron(1, 256)), AblationEffect.Mode.ZERO, null, List.of()))).getMessage();
        assertTrue(range.contains("Neuron 256 is out of range"), range);
    }

    @Test
    void gatedZeroAblationMatchesTheReferenceLogits() {
        for (String model : List.of(Fixtures.LLAMA, Fixtures.QWEN2)) {
            try (ModelRunner r = Fixtures.load(model); SafetensorsFile expected = Fixtures.expected(model)) {
                TokenSequence seq = TokenSequence.ofIds(r, Fixtures.SEQS[1]);
                List<MlpNeuron> ablate = java.util.Arrays.stream(Fixtures.ablatedNeurons(model))
                        .mapToObj(i -> new MlpNeuron(1, i)).toList();
                AblationEffect.Result res = new AblationEffect(r).run(new AblationEffect.Request(seq, ablate, AblationEffect.Mode.ZERO, null, List.of()));
                float[] logits = expected.read("seq1.ablate_l1_3_17_150.logits");
                float[] plain = expected.read("seq1.logits");
                for (AblationEffect.PositionEffect p : res.positions()) {
                    if (p.nextId() < 0) {
                        continue;
                    }
                    float[] row = java.util.Arrays.copyOfRange(logits, p.position() * 96, (p.position() + 1) * 96);
                    float[] before = java.util.Arrays.copyOfRange(plain, p.position() * 96, (p.position() + 1) * 96);
                    assertEquals((float) AblationEffect.logSoftmax(row)[p.nextId()], p.ablated(), 1e-4, model + " position " + p.position());
                    assertEquals((float) AblationEffect.logSoftmax(before)[p.nextId()], p.original(), 1e-4);
                    assertEquals(p.ablated() - p.original(), p.change(), 1e-6);
                }
                assertTrue(res.positions().stream().anyMatch(p -> Math.abs(p.mostChangedDelta()) > 1e-3));
            }
        }
    }
}
