package org.neuronworkbench.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuronworkbench.model.hooks.HookName;
import org.neuronworkbench.model.hooks.HookSet;
import org.neuronworkbench.model.onnx.EmbeddedMiniLm;
import org.neuronworkbench.model.weights.SafetensorsFile;
import org.neuronworkbench.model.weights.SafetensorsTestFiles;
import org.neuronworkbench.model.weights.WeightSource;

/** The same weights through other checkpoint formats give the same activations. */
class CheckpointFormatsTest {
    @TempDir
    Path tmp;

    @BeforeAll
    static void offline() {
        Offline.enforce();
    }

    @Test
    void miniLmAsAHuggingFaceBertFolderEqualsTheEmbeddedOnnx() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("minilm"));
        SafetensorsTestFiles out = new SafetensorsTestFiles();
        try (WeightSource onnx = EmbeddedMiniLm.openWeights()) {
            // HF BertModel checkpoints carry the "bert." prefix when saved from a task head; use it.
            for (String name : onnx.names().stream().sorted().toList()) {
                out.addF32("bert." + name, onnx.info(name).shape(), onnx.read(name));
            }
        }
        out.write(dir.resolve("model.safetensors"));
        Files.writeString(dir.resolve("config.json"), "{\"model_type\":\"bert\",\"hidden_size\":384,"
                + "\"num_attention_heads\":12,\"intermediate_size\":1536,\"num_hidden_layers\":6,\"vocab_size\":30522,"
                + "\"max_position_embeddings\":512,\"layer_norm_eps\":1e-12,\"hidden_act\":\"gelu\",\"type_vocab_size\":2}");
        try (InputStream tok = EmbeddedMiniLm.tokenizerJson()) {
            Files.write(dir.resolve("tokenizer.json"), tok.readAllBytes());
        }
        HookName post = HookName.mlpPost(2);
        HookName last = HookName.residPost(5);
        String text = "Folders and ONNX files should agree, token for token.";
        try (ModelRunner folder = ModelLoader.load(dir.toString()); ModelRunner embedded = ModelLoader.loadEmbedded()) {
            assertEquals(Architecture.BERT, folder.config().architecture());
            ActivationCache a = folder.runWithCache(List.of(folder.tokenize(text)), n -> n.equals(post) || n.equals(last));
            ActivationCache b = embedded.runWithCache(List.of(embedded.tokenize(text)), n -> n.equals(post) || n.equals(last));
            assertEquals(0.0, Fixtures.maxAbsDiff(Fixtures.flatten(a.rows(post, 0)), Fixtures.flatten(b.rows(post, 0))), 1e-6);
            assertEquals(0.0, Fixtures.maxAbsDiff(Fixtures.flatten(a.rows(last, 0)), Fixtures.flatten(b.rows(last, 0))), 1e-6);
        }
    }

    @Test
    void decodersStoredAsBf16AndF16MatchTheReferenceWithinHalfPrecision() throws IOException {
        for (String model : List.of(Fixtures.GPT2, Fixtures.LLAMA, Fixtures.QWEN2)) {
            for (String dtype : List.of("BF16", "F16")) {
                halfPrecisionCopyStaysClose(model, dtype);
            }
        }
    }

    private void halfPrecisionCopyStaysClose(String model, String dtype) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve(model + "-" + dtype));
        SafetensorsTestFiles out = new SafetensorsTestFiles();
        try (SafetensorsFile src = SafetensorsFile.open(Fixtures.dir(model).resolve("model.safetensors"))) {
            for (String name : src.names().stream().sorted().toList()) {
                float[] v = src.read(name);
                short[] half = new short[v.length];
                for (int i = 0; i < v.length; i++) {
                    half[i] = dtype.equals("BF16") ? toBf16(v[i]) : toF16(v[i]);
                }
                out.addShorts(name, dtype, src.info(name).shape(), half);
            }
        }
        out.write(dir.resolve("model.safetensors"));
        Files.copy(Fixtures.dir(model).resolve("config.json"), dir.resolve("config.json"));
        try (ModelRunner r = ModelLoader.load(dir.toString()); SafetensorsFile expected = Fixtures.expected(model)) {
            float[] logits = Fixtures.flatten(r.runTokens(List.of(Fixtures.SEQS[1]),
                    HookSet.caching(HookName.LOGITS::equals)).rows(HookName.LOGITS, 0));
            double d = Fixtures.maxAbsDiff(logits, expected.read("seq1.logits"));
            // Rounding the weights to 8 (BF16) or 11 (F16) mantissa bits moves logits a little, not a lot.
            System.out.printf("%s %s: logits within %.4f of the f32 reference%n", model, dtype, d);
            assertTrue(d < (dtype.equals("BF16") ? 0.5 : 0.05) && d > 0, model + " " + dtype + " logits differ by " + d);
        }
    }

    @Test
    void mistralSlidingWindowEqualsLlamaInsideTheWindowAndHidesOlderKeys() throws IOException {
        int window = 4;
        Path dir = Files.createDirectories(tmp.resolve("mistral"));
        Files.copy(Fixtures.dir(Fixtures.LLAMA).resolve("model.safetensors"), dir.resolve("model.safetensors"));
        Files.writeString(dir.resolve("config.json"), Files.readString(Fixtures.dir(Fixtures.LLAMA).resolve("config.json"))
                .replace("\"model_type\": \"llama\"", "\"model_type\": \"mistral\", \"sliding_window\": " + window));
        HookName pattern = HookName.attnPattern(1);
        try (ModelRunner mistral = ModelLoader.load(dir.toString()); SafetensorsFile expected = Fixtures.expected(Fixtures.LLAMA)) {
            assertEquals(Architecture.MISTRAL, mistral.config().architecture());
            ActivationCache cache = mistral.runTokens(List.of(Fixtures.SEQS[1]),
                    HookSet.caching(n -> n.equals(HookName.LOGITS) || n.equals(pattern)));
            float[][] logits = cache.rows(HookName.LOGITS, 0);
            float[] want = expected.read("seq1.logits");
            int vocab = logits[0].length;
            for (int p = 0; p < logits.length; p++) {
                double d = Fixtures.maxAbsDiff(logits[p], java.util.Arrays.copyOfRange(want, p * vocab, (p + 1) * vocab));
                if (p < window) {
                    assertTrue(d < 1e-4, "position " + p + " sees no more than the window, yet differs by " + d);
                } else {
                    assertTrue(d > 1e-3, "position " + p + " must lose its oldest keys");
                }
            }
            ActivationCache.CachedTensor probs = cache.tensor(pattern);
            int t = Fixtures.SEQS[1].length;
            for (int head = 0; head < 4; head++) {
                for (int q = 0; q < t; q++) {
                    double seen = 0;
                    for (int k = 0; k < t; k++) {
                        float v = probs.data()[(head * t + q) * t + k];
                        if (k > q || q - k >= window) {
                            assertEquals(0f, v, 0f, "head " + head + " query " + q + " key " + k);
                        }
                        seen += v;
                    }
                    assertEquals(1.0, seen, 1e-5);
                }
            }
        }
    }

    /** Round to nearest even, as torch does when casting to bfloat16. */
    private static short toBf16(float f) {
        int bits = Float.floatToRawIntBits(f);
        int rounding = 0x7FFF + ((bits >>> 16) & 1);
        return (short) ((bits + rounding) >>> 16);
    }

    private static short toF16(float f) {
        return Float16.fromFloat(f);
    }

    /** Float to IEEE half (normal range only, which the fixture weights stay in). */
    private static final class Float16 {
        static short fromFloat(float f) {
            int bits = Float.floatToRawIntBits(f);
            int sign = (bits >>> 16) & 0x8000;
            int exp = ((bits >>> 23) & 0xFF) - 127 + 15;
            int mant = bits & 0x7FFFFF;
            if (exp <= 0) {
                return (short) sign; // flush tiny values to zero
            }
            int half = sign | (exp << 10) | (mant >>> 13);
            if ((mant & 0x1FFF) > 0x1000 || ((mant & 0x1FFF) == 0x1000 && (half & 1) == 1)) {
                half++;
            }
            return (short) half;
        }
    }
}
