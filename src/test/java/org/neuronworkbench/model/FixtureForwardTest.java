package org.neuronworkbench.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.training.GradientCollector;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.neuronworkbench.model.hooks.HookName;
import org.neuronworkbench.model.hooks.HookSet;
import org.neuronworkbench.model.weights.SafetensorsFile;

/** The GPT-2, GPT-NeoX, Llama and Qwen2 forward passes against activations from public reference code. */
class FixtureForwardTest {
    private static final double TOL = 1e-4;
    private static final Map<String, ModelRunner> RUNNERS = new java.util.HashMap<>();

    @BeforeAll
    static void load() {
        Offline.enforce();
        RUNNERS.put(Fixtures.GPT2, Fixtures.load(Fixtures.GPT2));
        RUNNERS.put(Fixtures.NEOX, Fixtures.load(Fixtures.NEOX));
        RUNNERS.put(Fixtures.LLAMA, Fixtures.load(Fixtures.LLAMA));
        RUNNERS.put(Fixtures.QWEN2, Fixtures.load(Fixtures.QWEN2));
    }

    @AfterAll
    static void close() {
        RUNNERS.values().forEach(ModelRunner::close);
    }

    /** Every hook the fixture has an expected tensor for. */
    private static List<HookName> checkedHooks(String model, int layers) {
        List<HookName> names = new ArrayList<>(List.of(HookName.residPre(0), HookName.LOGITS));
        for (int l = 0; l < layers; l++) {
            names.addAll(List.of(HookName.attnOut(l), HookName.mlpPost(l), HookName.mlpOut(l), HookName.residPost(l)));
            if (model.equals(Fixtures.LLAMA) || model.equals(Fixtures.QWEN2)) {
                names.addAll(List.of(HookName.attnPattern(l), HookName.mlpPre(l), HookName.mlpPreLinear(l)));
            }
        }
        return names;
    }

    @ParameterizedTest
    @ValueSource(strings = {Fixtures.GPT2, Fixtures.NEOX, Fixtures.LLAMA, Fixtures.QWEN2})
    void everyHookMatchesReferenceAloneAndInOnePaddedBatch(String model) {
        ModelRunner runner = RUNNERS.get(model);
        List<HookName> hooks = checkedHooks(model, runner.config().layers());
        List<int[]> all = List.of(Fixtures.SEQS);
        try (SafetensorsFile expected = Fixtures.expected(model)) {
            ActivationCache batch = runner.runTokens(all, HookSet.caching(hooks::contains));
            for (int k = 0; k < Fixtures.SEQS.length; k++) {
                ActivationCache alone = runner.runTokens(List.of(Fixtures.SEQS[k]), HookSet.caching(hooks::contains));
                for (HookName h : hooks) {
                    float[] want = expected.read("seq" + k + "." + h.value());
                    double dAlone = Fixtures.maxAbsDiff(unpadded(alone, h, 0), want);
                    double dBatch = Fixtures.maxAbsDiff(unpadded(batch, h, k), want);
                    assertTrue(dAlone < TOL, model + " seq" + k + " " + h + " alone differs by " + dAlone);
                    assertTrue(dBatch < TOL, model + " seq" + k + " " + h + " in batch differs by " + dBatch);
                }
            }
        }
    }

    /** One sequence's values without padding: [T, width] rows, or [H, T, T] for an attention pattern. */
    private static float[] unpadded(ActivationCache cache, HookName h, int seq) {
        ActivationCache.CachedTensor t = cache.tensor(h);
        if (t.shape().length == 3) {
            return Fixtures.flatten(cache.rows(h, seq));
        }
        int heads = (int) t.shape()[1];
        int padded = (int) t.shape()[2];
        int n = cache.length(seq);
        float[] out = new float[heads * n * n];
        for (int head = 0; head < heads; head++) {
            for (int q = 0; q < n; q++) {
                System.arraycopy(t.data(), ((seq * heads + head) * padded + q) * padded, out, (head * n + q) * n, n);
            }
        }
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {Fixtures.GPT2, Fixtures.NEOX, Fixtures.LLAMA, Fixtures.QWEN2})
    void aPassThatStopsAfterTheLastRequestedLayerGivesTheSameValues(String model) {
        ModelRunner runner = RUNNERS.get(model);
        HookName early = HookName.mlpPost(0);
        ActivationCache cache = runner.runTokens(List.of(Fixtures.SEQS[2]), HookSet.caching(early::equals));
        assertEquals(java.util.Set.of(early), cache.names());
        try (SafetensorsFile expected = Fixtures.expected(model)) {
            double d = Fixtures.maxAbsDiff(Fixtures.flatten(cache.rows(early, 0)), expected.read("seq2." + early.value()));
            assertTrue(d < TOL, "early-stopped layer-0 neurons differ by " + d);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {Fixtures.GPT2, Fixtures.NEOX, Fixtures.LLAMA, Fixtures.QWEN2})
    void zeroAblationOfThreeNeuronsMatchesReference(String model) {
        ModelRunner runner = RUNNERS.get(model);
        int[] ablated = Fixtures.ablatedNeurons(model);
        HookSet hooks = HookSet.caching(HookName.LOGITS::equals).add(HookName.mlpPost(1), (a, n) -> {
            NDArray keep = a.getManager().ones(a.getShape().slice(2));
            for (int i : ablated) {
                keep.set(new ai.djl.ndarray.index.NDIndex(i), 0f);
            }
            return a.mul(keep);
        });
        ActivationCache cache = runner.runTokens(List.of(Fixtures.SEQS[1]), hooks);
        try (SafetensorsFile expected = Fixtures.expected(model)) {
            double d = Fixtures.maxAbsDiff(Fixtures.flatten(cache.rows(HookName.LOGITS, 0)),
                    expected.read("seq1.ablate_l1_" + java.util.Arrays.stream(ablated).mapToObj(String::valueOf)
                            .collect(java.util.stream.Collectors.joining("_")) + ".logits"));
            assertTrue(d < TOL, "ablated logits differ by " + d);
            double changed = Fixtures.maxAbsDiff(Fixtures.flatten(cache.rows(HookName.LOGITS, 0)),
                    expected.read("seq1.logits"));
            assertTrue(changed > 1e-3, "the ablation must change the logits");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {Fixtures.GPT2, Fixtures.NEOX, Fixtures.LLAMA, Fixtures.QWEN2})
    void gradientOfNeuronWrtTokenEmbeddingsMatchesAutogradReference(String model) {
        ModelRunner runner = RUNNERS.get(model);
        try (SafetensorsFile expected = Fixtures.expected(model)) {
            for (int layer = 0; layer < 2; layer++) {
                float[] grad = NeuronGradient.wrtEmbeddings(runner, Fixtures.SEQS[0], layer, 4, 5);
                float[] want = expected.read("seq0.grad_embed_l" + layer + "_n5");
                double d = Fixtures.maxAbsDiff(grad, want);
                assertTrue(d < TOL, model + " layer " + layer + " gradient differs by " + d);
            }
        }
    }

    /** d(blocks.L.mlp.hook_post[pos, n]) / d(token embeddings), through DJL autograd. */
    static final class NeuronGradient {
        static float[] wrtEmbeddings(ModelRunner runner, int[] ids, int layer, int pos, int neuron) {
            return runner.withSession(s -> {
                NDArray emb = s.embed(new int[][] {ids});
                emb.setRequiresGradient(true);
                try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    HookName h = HookName.mlpPost(layer);
                    Map<HookName, NDArray> out = s.run(emb, ForwardSession.fullMask(1, ids.length), HookSet.caching(h::equals));
                    NDArray target = out.get(h).get("0, " + pos + ", " + neuron);
                    gc.backward(target);
                }
                float[] g = emb.getGradient().toFloatArray();
                assertEquals(ids.length * s.config().dModel(), g.length);
                return g;
            });
        }
    }
}
