package org.neuronworkbench.analysis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.neuronworkbench.model.Fixtures;
import org.neuronworkbench.model.MlpNeuron;
import org.neuronworkbench.model.ModelLoader;
import org.neuronworkbench.model.ModelRunner;
import org.neuronworkbench.model.Offline;
import org.neuronworkbench.model.hooks.HookName;
import org.neuronworkbench.model.hooks.HookSet;
import org.neuronworkbench.work.Cancel;
import org.neuronworkbench.work.Step;

/** Batched simplification against the plain one-candidate-per-forward algorithm. */
class SimplificationTest {
    private static final double TOL = 1e-4;
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

    /** The reference: every candidate run alone, the best kept (ties to the earliest token). */
    static List<Simplification.Step> sequential(ModelRunner r, TokenSequence seq, MlpNeuron n, int target) {
        List<Simplification.Step> steps = new ArrayList<>();
        TokenSequence cur = seq;
        float[] acts = single(r, cur.ids(), n);
        steps.add(new Simplification.Step(cur.texts(), cur.ids(), acts, target, acts[target], null, -1));
        while (true) {
            List<Integer> idx = new ArrayList<>();
            List<float[]> runs = new ArrayList<>();
            float max = Float.NEGATIVE_INFINITY;
            for (int i = 0; i < cur.length(); i++) {
                if (!cur.special()[i] && i != target) {
                    float[] a = single(r, cur.without(i).ids(), n);
                    idx.add(i);
                    runs.add(a);
                    max = Math.max(max, a[i < target ? target - 1 : target]);
                }
            }
            if (idx.isEmpty()) {
                return steps;
            }
            // Near-equal values are ties, resolved to the earliest token (Simplification.TIE).
            int c = 0;
            int nt = target;
            while (runs.get(c)[idx.get(c) < nt ? nt - 1 : nt] < max - Simplification.TIE * Math.max(1, Math.abs(max))) {
                c++;
            }
            int best = idx.get(c);
            String removed = cur.texts().get(best);
            cur = cur.without(best);
            target = best < target ? target - 1 : target;
            float[] a = runs.get(c);
            steps.add(new Simplification.Step(cur.texts(), cur.ids(), a, target, a[target], removed, best));
        }
    }

    /** The neuron of a layer that fires most at one token, from one forward. */
    static MlpNeuron firing(ModelRunner r, TokenSequence seq, int layer, int token) {
        HookName h = HookName.mlpPost(layer);
        float[] row = r.runTokens(List.of(seq.ids()), HookSet.caching(h::equals)).rows(h, 0)[token];
        int best = 0;
        for (int i = 1; i < row.length; i++) {
            best = row[i] > row[best] ? i : best;
        }
        assertTrue(row[best] > 0.5f);
        return new MlpNeuron(layer, best);
    }

    static float[] single(ModelRunner r, int[] ids, MlpNeuron n) {
        HookName h = HookName.mlpPost(n.layer());
        return r.runTokens(List.of(ids), HookSet.caching(h::equals)).column(h, 0, n.index());
    }

    private static void assertSameSteps(List<Simplification.Step> want, Simplification.Result got) {
        assertEquals(want.size(), got.steps().size());
        for (int s = 0; s < want.size(); s++) {
            Simplification.Step w = want.get(s);
            Simplification.Step g = got.steps().get(s);
            assertArrayEquals(w.ids(), g.ids(), "step " + s);
            assertEquals(w.tokens(), g.tokens());
            assertEquals(w.removed(), g.removed());
            assertEquals(w.removedIndex(), g.removedIndex());
            assertEquals(w.target(), g.target());
            assertEquals(w.targetActivation(), g.targetActivation(), TOL);
            assertEquals(w.activations().length, g.activations().length);
            for (int i = 0; i < w.activations().length; i++) {
                assertEquals(w.activations()[i], g.activations()[i], TOL);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2})
    void fixtureDecodersGiveTheSequentialStepsInNMinusOneForwards(int seqIndex) {
        for (ModelRunner r : List.of(gpt2, neox)) {
            int[] ids = Arrays.copyOf(Fixtures.SEQS[seqIndex], Math.min(9, Fixtures.SEQS[seqIndex].length));
            TokenSequence seq = TokenSequence.ofIds(r, ids);
            for (MlpNeuron n : List.of(new MlpNeuron(0, 5), new MlpNeuron(1, 200))) {
                Simplification.Result got = new Simplification(r).run(new Simplification.Request(seq, n, TargetPosition.LAST));
                assertSameSteps(sequential(r, seq, n, ids.length - 1), got);
                assertEquals(ids.length, got.steps().size());
                assertEquals(ids.length - 1, got.forwards());
                assertNull(got.steps().get(0).removed());
                assertEquals(1, got.steps().get(got.steps().size() - 1).ids().length);
            }
        }
    }

    @Test
    void miniLmKeepsSpecialTokensAndMatchesTheSequentialSteps() {
        TokenSequence seq = TokenSequence.ofText(miniLm, "The old cat sat quietly on the warm mat");
        int n = seq.textTokens();
        MlpNeuron neuron = new MlpNeuron(3, 17);
        Simplification.Result got = new Simplification(miniLm).run(new Simplification.Request(seq, neuron, TargetPosition.at(4)));
        assertSameSteps(sequential(miniLm, seq, neuron, 4), got);
        assertEquals(n - 1, got.forwards());
        Simplification.Step last = got.steps().get(got.steps().size() - 1);
        assertEquals(List.of("[CLS]", "sat", "[SEP]"), last.tokens());
        for (Simplification.Step s : got.steps()) {
            assertEquals("[CLS]", s.tokens().get(0));
            assertEquals("[SEP]", s.tokens().get(s.tokens().size() - 1));
        }
    }

    @Test
    void progressFollowsEachRemovedTokenAndCancelStopsBeforeTheNextForward() {
        TokenSequence seq = TokenSequence.ofText(miniLm, "The old cat sat quietly on the warm mat");
        MlpNeuron neuron = new MlpNeuron(3, 17);
        Simplification method = new Simplification(miniLm);
        Simplification.Request request = new Simplification.Request(seq, neuron, TargetPosition.at(4));
        List<Step> reports = new ArrayList<>();
        Simplification.Result full = method.run(request, reports::add, Cancel.NEVER);
        int removable = seq.textTokens() - 1;
        assertFalse(full.cancelled());
        assertEquals(removable, reports.size(), "one report per removed token");
        for (int i = 0; i < reports.size(); i++) {
            Step step = reports.get(i);
            assertEquals(i + 1, step.done());
            assertEquals(removable, step.total());
            assertTrue(step.detail().contains(String.format(Locale.ROOT, "%.4f", full.steps().get(i + 1).targetActivation())),
                    "the activation after step " + (i + 1) + ": " + step.detail());
        }
        // A cancel after two reports: two removals are kept, no forward runs after it, and the
        // steps are the first three of the full run (original + two removals).
        int[] seen = {0};
        Simplification.Result part = method.run(request, step -> seen[0]++, () -> seen[0] >= 2);
        assertTrue(part.cancelled());
        assertEquals(2, seen[0], "no step after the cancel");
        assertEquals(3, part.steps().size());
        assertEquals(2, part.forwards(), "no forward after the cancel");
        for (int k = 0; k < 3; k++) {
            assertEquals(full.steps().get(k).tokens(), part.steps().get(k).tokens());
            assertEquals(full.steps().get(k).targetActivation(), part.steps().get(k).targetActivation(), 0);
        }
    }

    @Test
    void maxPositionMeasuresWhereTheNeuronFiresMost() {
        TokenSequence seq = TokenSequence.ofIds(gpt2, Arrays.copyOf(Fixtures.SEQS[1], 8));
        MlpNeuron neuron = new MlpNeuron(1, 7);
        float[] acts = single(gpt2, seq.ids(), neuron);
        int argmax = 0;
        for (int i = 1; i < acts.length; i++) {
            argmax = acts[i] > acts[argmax] ? i : argmax;
        }
        Simplification.Result got = new Simplification(gpt2).run(new Simplification.Request(seq, neuron, TargetPosition.MAX));
        assertEquals(argmax, got.steps().get(0).target());
        assertSameSteps(sequential(gpt2, seq, neuron, argmax), got);
        // One extra forward finds the maximum before the steps start.
        assertEquals(seq.length(), got.forwards());
    }

    @Test
    void badInputIsRefusedWithClearMessages() {
        TokenSequence seq = TokenSequence.ofText(miniLm, "a short text");
        MlpNeuron ok = new MlpNeuron(0, 1);
        String beyond = assertThrows(IllegalArgumentException.class,
                () -> new Simplification(miniLm).run(new Simplification.Request(seq, ok, TargetPosition.at(9)))).getMessage();
        assertTrue(beyond.contains("Position 9 is beyond the text"), beyond);
        String special = assertThrows(IllegalArgumentException.class,
                () -> new Simplification(miniLm).run(new Simplification.Request(seq, ok, TargetPosition.at(0)))).getMessage();
        assertTrue(special.contains("special token [CLS]"), special);
        String layer = assertThrows(IllegalArgumentException.class,
                () -> new Simplification(miniLm).run(new Simplification.Request(seq, new MlpNeuron(6, 1), TargetPosition.LAST))).getMessage();
        assertTrue(layer.contains("Layer 6 is out of range") && layer.contains("0..5"), layer);
        String neuron = assertThrows(IllegalArgumentException.class,
                () -> new Simplification(miniLm).run(new Simplification.Request(seq, new MlpNeuron(0, 1536), TargetPosition.LAST))).getMessage();
        assertTrue(neuron.contains("Neuron 1536 is out of range") && neuron.contains("0..1535"), neuron);
        String empty = assertThrows(IllegalArgumentException.class, () -> TokenSequence.ofText(miniLm, "  ")).getMessage();
        assertTrue(empty.contains("empty"), empty);
        assertThrows(IllegalArgumentException.class, () -> TargetPosition.parse("middle"));
        assertThrows(IllegalArgumentException.class, () -> MlpNeuron.parse("3-17"));
        assertEquals(new MlpNeuron(3, 17), MlpNeuron.parse(" 3:17 "));
        String id = assertThrows(IllegalArgumentException.class,
                () -> TokenSequence.ofIds(gpt2, new int[] {1, 96})).getMessage();
        assertTrue(id.contains("outside the vocabulary"), id);
        assertFalse(seq.special()[1]);
    }

    @Test
    void gatedFixturesGiveTheSequentialSteps() {
        for (String model : List.of(Fixtures.LLAMA, Fixtures.QWEN2)) {
            try (ModelRunner r = Fixtures.load(model)) {
                int[] ids = Arrays.copyOf(Fixtures.SEQS[1], 9);
                TokenSequence seq = TokenSequence.ofIds(r, ids);
                for (MlpNeuron n : List.of(new MlpNeuron(0, 5), new MlpNeuron(1, 150))) {
                    Simplification.Result got = new Simplification(r).run(new Simplification.Request(seq, n, TargetPosition.LAST));
                    assertSameSteps(sequential(r, seq, n, ids.length - 1), got);
                    assertEquals(ids.length - 1, got.forwards());
                }
            }
        }
    }
}
