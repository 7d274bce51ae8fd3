package org.neuronworkbench.analysis;

import org.neuronworkbench.model.MlpNeuron;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.neuronworkbench.analysis.PromptOptions;
import org.neuronworkbench.analysis.PromptOptions.Method;
import org.neuronworkbench.analysis.PromptOptimisation.Prompt;
import org.neuronworkbench.model.Fixtures;
import org.neuronworkbench.model.ModelLoader;
import org.neuronworkbench.model.ModelRunner;
import org.neuronworkbench.model.Offline;
import org.neuronworkbench.model.hooks.HookName;
import org.neuronworkbench.model.hooks.HookSet;

class PromptOptimisationTest {
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

    private static float[] rerun(ModelRunner r, List<int[]> rows, MlpNeuron n, int target) {
        HookName h = HookName.mlpPost(n.layer());
        var cache = r.runTokens(rows, HookSet.caching(h::equals));
        float[] out = new float[rows.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = cache.column(h, i, n.index())[target];
        }
        return out;
    }

    /** The best of 200 uniformly random allowed inputs of the same shape, fixed seed. */
    private static float bestRandom(ModelRunner r, MlpNeuron n, PromptOptions o) {
        PromptSpace space = PromptSpace.of(r, n, o);
        Random rnd = new Random(12345);
        List<int[]> rows = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            rows.add(space.full(PromptSpace.randomSlots(space, rnd)));
        }
        float best = Float.NEGATIVE_INFINITY;
        for (float v : rerun(r, rows, n, space.target())) {
            best = Math.max(best, v);
        }
        return best;
    }

    private static void assertHonest(ModelRunner r, PromptOptimisation.Result res, MlpNeuron n) {
        List<Prompt> all = new ArrayList<>(res.continuous());
        all.addAll(res.discrete());
        List<int[]> rows = new ArrayList<>();
        for (Prompt p : all) {
            rows.add(p.ids());
        }
        float[] again = rerun(r, rows, n, res.target());
        for (int i = 0; i < again.length; i++) {
            assertEquals(again[i], all.get(i).activation(), 1e-4, "reported activation of " + all.get(i).tokens());
        }
    }

    @Test
    void beatsTheBestOf200RandomInputsOnTheDecoderFixtures() {
        for (ModelRunner r : List.of(gpt2, neox)) {
            for (MlpNeuron n : List.of(new MlpNeuron(1, 5), new MlpNeuron(1, 200))) {
                PromptOptions o = PromptOptions.defaults().withLength(6).withOutputs(3).withSteps(30).withSeed(1);
                PromptOptimisation.Result res = new PromptOptimisation(r).run(new PromptOptimisation.Request(n, o));
                float random = bestRandom(r, n, o);
                System.out.printf("%s %s: continuous %.3f discrete %.3f best-of-200-random %.3f (%s better, %d forwards)%n",
                        r.source().replaceAll(".*/", ""), n, res.continuous().get(0).activation(),
                        res.discrete().get(0).activation(), random, res.better(), res.forwards());
                assertTrue(res.best().activation() > random, n + ": " + res.best().activation() + " <= " + random);
                assertEquals(3, res.continuous().size());
                assertEquals(3, res.discrete().size());
                assertNotNull(res.better());
                assertHonest(r, res, n);
            }
        }
    }

    @Test
    void miniLmKeepsClsAndSepAroundTheOptimisedTokensAndBeatsRandom() {
        MlpNeuron n = new MlpNeuron(3, 17);
        PromptOptions o = PromptOptions.defaults().withLength(4).withOutputs(2).withSteps(15).withSeed(3);
        PromptOptimisation.Result res = new PromptOptimisation(miniLm).run(new PromptOptimisation.Request(n, o));
        float random = bestRandom(miniLm, n, o);
        System.out.printf("MiniLM %s: continuous %.3f discrete %.3f best-of-200-random %.3f%n", n,
                res.continuous().get(0).activation(), res.discrete().get(0).activation(), random);
        assertEquals(4, res.target());
        for (Prompt p : res.continuous().subList(0, 1)) {
            assertEquals(6, p.ids().length);
            assertEquals("[CLS]", p.tokens().get(0));
            assertEquals("[SEP]", p.tokens().get(5));
            for (String t : p.tokens().subList(1, 5)) {
                assertFalse(t.startsWith("[") && t.endsWith("]"), "control token " + t + " in " + p.tokens());
            }
        }
        assertTrue(res.best().activation() > random, res.best().activation() + " <= " + random);
        assertHonest(miniLm, res, n);
    }

    @Test
    void fixedTokenStaysAndSameSeedGivesTheSameResult() {
        MlpNeuron n = new MlpNeuron(1, 9);
        PromptOptions o = PromptOptions.defaults().withLength(5).withOutputs(2).withSteps(6).withFixed(2, 17);
        PromptOptimisation.Result a = new PromptOptimisation(gpt2).run(new PromptOptimisation.Request(n, o));
        PromptOptimisation.Result b = new PromptOptimisation(gpt2).run(new PromptOptimisation.Request(n, o));
        for (int i = 0; i < a.continuous().size(); i++) {
            assertArrayEquals(a.continuous().get(i).ids(), b.continuous().get(i).ids());
            assertEquals(17, a.continuous().get(i).ids()[2]);
        }
        for (int i = 0; i < a.discrete().size(); i++) {
            assertArrayEquals(a.discrete().get(i).ids(), b.discrete().get(i).ids());
            assertEquals(17, a.discrete().get(i).ids()[2]);
        }
    }

    @Test
    void progressIsReportedAndCancelStopsWithWhatWasFound() {
        AtomicInteger updates = new AtomicInteger();
        AtomicInteger polls = new AtomicInteger();
        PromptOptions o = PromptOptions.defaults().withOutputs(2).withSteps(50).withMethod(Method.BOTH);
        PromptOptimisation.Result res = new PromptOptimisation(gpt2).run(new PromptOptimisation.Request(new MlpNeuron(1, 5), o),
                step -> updates.incrementAndGet(), () -> polls.incrementAndGet() > 4);
        assertTrue(res.cancelled());
        assertEquals(4, updates.get());
        assertEquals(2, res.continuous().size());
        assertTrue(res.discrete().isEmpty());
        assertEquals(4, res.forwards());
    }

    @Test
    void badOptionsAreRefused() {
        MlpNeuron n = new MlpNeuron(1, 5);
        PromptOptions base = PromptOptions.defaults();
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new PromptOptimisation(gpt2).run(
                new PromptOptimisation.Request(n, base.withFixed(6, 3)))).getMessage().contains("beyond"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new PromptOptimisation(gpt2).run(
                new PromptOptimisation.Request(n, base.withLength(0)))).getMessage().contains("at least 1"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new PromptOptimisation(gpt2).run(
                new PromptOptimisation.Request(n, base.withLength(33)))).getMessage().contains("positions"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new PromptOptimisation(gpt2).run(
                new PromptOptimisation.Request(new MlpNeuron(1, 256), base))).getMessage().contains("out of range"));
    }

    @Test
    void gradientsThroughTheGatedMlpBeatRandomInputs() {
        for (String model : List.of(Fixtures.LLAMA, Fixtures.QWEN2)) {
            try (ModelRunner r = Fixtures.load(model)) {
                MlpNeuron n = new MlpNeuron(1, 150);
                PromptOptions o = PromptOptions.defaults().withLength(6).withOutputs(3).withSteps(30).withSeed(1);
                PromptOptimisation.Result res = new PromptOptimisation(r).run(new PromptOptimisation.Request(n, o));
                float random = bestRandom(r, n, o);
                System.out.printf("%s %s: continuous %.3f discrete %.3f best-of-200-random %.3f%n", model, n,
                        res.continuous().get(0).activation(), res.discrete().get(0).activation(), random);
                assertTrue(res.best().activation() > random, model + ": " + res.best().activation() + " <= " + random);
                assertHonest(r, res, n);
            }
        }
    }

    @Test
    void oneProgressOverBothMethodsWithStepCountsAsTheFormAsked() {
        PromptOptions o = PromptOptions.defaults().withLength(4).withOutputs(3).withSteps(12).withSeed(2);
        List<org.neuronworkbench.work.Step> steps = new ArrayList<>();
        new PromptOptimisation(gpt2).run(new PromptOptimisation.Request(new MlpNeuron(1, 5), o), steps::add,
                org.neuronworkbench.work.Cancel.NEVER);
        long total = 12 + 3 * 12;
        long last = 0;
        java.util.regex.Pattern step = java.util.regex.Pattern.compile("step (\\d+) of (\\d+)");
        java.util.regex.Pattern output = java.util.regex.Pattern.compile("output (\\d+) of (\\d+)");
        for (org.neuronworkbench.work.Step st : steps) {
            assertEquals(total, st.total(), "one bar over both methods: " + st);
            assertTrue(st.done() >= last, "the bar never goes back: " + steps);
            last = st.done();
            var m = step.matcher(st.detail());
            if (m.find()) {
                assertEquals("12", m.group(2), st.detail());
                assertTrue(Integer.parseInt(m.group(1)) <= 12, st.detail());
            }
            var out = output.matcher(st.detail());
            if (out.find()) {
                assertEquals("3", out.group(2), st.detail());
                assertTrue(st.phase().startsWith("discrete"), st.toString());
            }
        }
        assertEquals(total, last, "the bar ends full");
        assertTrue(steps.get(11).phase().startsWith("continuous") && steps.get(11).detail().startsWith("step 12 of 12"),
                steps.get(11).toString());
        assertEquals(0.25, steps.get(11).fraction(), 1e-9, "the continuous half ends a quarter of the way (12 of 48)");
        assertTrue(steps.stream().anyMatch(st -> st.detail().startsWith("output 3 of 3 · step 1 of 12")), steps.toString());
    }

    @Test
    void promptsFoundSoFarArriveWhileTheSearchRunsAndEndAsTheResult() {
        MlpNeuron n = new MlpNeuron(1, 5);
        PromptOptions o = PromptOptions.defaults().withLength(4).withOutputs(3).withSteps(12).withSeed(2);
        List<PromptOptimisation.Result> partials = new ArrayList<>();
        PromptOptimisation.Result res = new PromptOptimisation(gpt2).run(new PromptOptimisation.Request(n, o),
                org.neuronworkbench.work.Progress.NONE, org.neuronworkbench.work.Cancel.NEVER, partials::add);
        assertTrue(partials.size() > 2, "several improvements are reported: " + partials.size());
        PromptOptimisation.Result first = partials.get(0);
        assertTrue(first.discrete().isEmpty() && !first.continuous().isEmpty(), "the continuous prompts come first");
        for (PromptOptimisation.Result p : partials) {
            assertFalse(p.cancelled());
            assertHonest(gpt2, p, n);
            if (p.discrete().isEmpty()) {
                assertTrue(p.continuous().size() <= 3);
            } else {
                assertEquals(3, p.continuous().size(), "the finished continuous prompts stay listed");
            }
        }
        PromptOptimisation.Result end = partials.get(partials.size() - 1);
        assertEquals(res.continuous().size(), end.continuous().size());
        assertEquals(res.discrete().size(), end.discrete().size(), "the last partial holds every discrete output");
        for (int i = 0; i < res.discrete().size(); i++) {
            assertArrayEquals(res.discrete().get(i).ids(), end.discrete().get(i).ids());
            assertEquals(res.discrete().get(i).activation(), end.discrete().get(i).activation());
        }
        for (int i = 0; i < res.continuous().size(); i++) {
            assertArrayEquals(res.continuous().get(i).ids(), end.continuous().get(i).ids());
        }
    }
}
