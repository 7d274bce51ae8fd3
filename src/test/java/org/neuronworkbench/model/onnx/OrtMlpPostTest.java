package org.neuronworkbench.model.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.neuronworkbench.model.ActivationCache;
import org.neuronworkbench.model.ModelLoader;
import org.neuronworkbench.model.ModelRunner;
import org.neuronworkbench.model.Offline;
import org.neuronworkbench.model.TokenizedText;
import org.neuronworkbench.model.hooks.HookName;

/**
 * The editor's ONNX Runtime path gives the libtorch forward's MLP activations: every layer, every
 * neuron, every real token of a padded batch, within float32 rounding.
 */
class OrtMlpPostTest {
    private static final List<String> TEXTS = List.of("The cat sat on the mat.",
            "Paris is the capital of France, and Rome is the capital of Italy.", "12 + 30 = 42");

    @Test
    void everyLayersMlpActivationsEqualTheLibtorchForward() {
        Offline.enforce();
        try (ModelRunner runner = ModelLoader.loadEmbedded()) {
            int layers = runner.config().layers();
            int width = runner.config().dMlp();
            List<TokenizedText> texts = runner.tokenize(TEXTS);
            List<int[]> ids = texts.stream().map(TokenizedText::ids).toList();
            ActivationCache reference = runner.runWithCache(texts, HookName::isMlpPost);
            try (OrtMlpPost ort = EmbeddedMiniLm.ortMlpPost(EmbeddedMiniLm.modelBytes(), layers, width)) {
                ActivationCache fast = ort.run(ids, Set.of(0, 3, 5));
                assertEquals(Set.of(HookName.mlpPost(0), HookName.mlpPost(3), HookName.mlpPost(5)), fast.names(),
                        "only the layers asked for");
                double worst = 0;
                long compared = 0;
                for (int l : new int[] {0, 3, 5}) {
                    for (int s = 0; s < texts.size(); s++) {
                        float[][] want = reference.rows(HookName.mlpPost(l), s);
                        float[][] got = fast.rows(HookName.mlpPost(l), s);
                        assertEquals(texts.get(s).length(), got.length, "real tokens of text " + s);
                        for (int t = 0; t < want.length; t++) {
                            for (int n = 0; n < width; n++) {
                                worst = Math.max(worst, Math.abs(want[t][n] - got[t][n]));
                                compared++;
                            }
                        }
                    }
                }
                assertTrue(compared > 100_000, "compared " + compared);
                assertTrue(worst < 2e-4, "max |ORT - libtorch| = " + worst);
            }
            // And through the runner: a small batch of this model goes through ONNX Runtime, with the same values.
            ActivationCache routed = runner.runMlpPost(texts, Set.of(4));
            float[] want = reference.column(HookName.mlpPost(4), 1, 1253);
            float[] got = routed.column(HookName.mlpPost(4), 1, 1253);
            assertEquals(want.length, got.length);
            for (int t = 0; t < want.length; t++) {
                assertEquals(want[t], got[t], 2e-4, "token " + t);
            }
        }
    }

    @Test
    void theGraphGainsOneOutputPerName() throws Exception {
        byte[] model = EmbeddedMiniLm.modelBytes();
        byte[] more = OrtMlpPost.withOutputs(model, List.of("a", "bb"));
        // Two ValueInfoProtos: name, float tensor type; the rest of the file is kept.
        assertTrue(more.length > model.length && more.length < model.length + 64, model.length + " -> " + more.length);
        OnnxModelFile parsed = OnnxModelFile.parse(java.nio.ByteBuffer.wrap(more), "with outputs");
        assertEquals(OnnxModelFile.parse(java.nio.ByteBuffer.wrap(model), "original").nodes(), parsed.nodes());
    }
}
