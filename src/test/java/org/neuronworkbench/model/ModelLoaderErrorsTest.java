package org.neuronworkbench.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuronworkbench.model.hooks.HookSet;
import org.neuronworkbench.model.weights.SafetensorsFile;
import org.neuronworkbench.model.weights.SafetensorsTestFiles;

/** Whole-model loading refuses broken checkpoints with a message that says what is wrong. */
class ModelLoaderErrorsTest {
    @TempDir
    Path tmp;

    @BeforeAll
    static void offline() {
        Offline.enforce();
    }

    /** The GPT-2 fixture rewritten with {@code drop} left out and {@code config} as given. */
    private Path brokenGpt2(String drop, String config) throws IOException {
        return rewritten(Fixtures.GPT2, name -> !name.equals(drop), config, "", Float.NaN);
    }

    /** ... and element 3 of tensor {@code poison} set to {@code value}. */
    private Path brokenGpt2(String drop, String config, String poison, float value) throws IOException {
        return rewritten(Fixtures.GPT2, name -> !name.equals(drop), config, poison, value);
    }

    /** A fixture's weights without the tensors {@code keep} rejects, with {@code config} as given. */
    private Path rewritten(String fixture, java.util.function.Predicate<String> keep, String config) throws IOException {
        return rewritten(fixture, keep, config, "", Float.NaN);
    }

    /** ... and element 3 of tensor {@code poison} set to {@code value}. */
    private Path rewritten(String fixture, java.util.function.Predicate<String> keep, String config, String poison,
                           float value) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("ckpt"));
        SafetensorsTestFiles out = new SafetensorsTestFiles();
        try (SafetensorsFile src = SafetensorsFile.open(Fixtures.dir(fixture).resolve("model.safetensors"))) {
            for (String name : src.names().stream().sorted().toList()) {
                if (keep.test(name)) {
                    float[] values = src.read(name);
                    if (name.equals(poison)) {
                        values[3] = value;
                    }
                    out.addF32(name, src.info(name).shape(), values);
                }
            }
        }
        out.write(dir.resolve("model.safetensors"));
        Files.writeString(dir.resolve("config.json"), config);
        return dir;
    }

    private static String gpt2Config(int nEmbd) {
        return "{\"model_type\":\"gpt2\",\"n_layer\":2,\"n_head\":4,\"n_embd\":" + nEmbd
                + ",\"n_inner\":null,\"n_positions\":32,\"vocab_size\":96,\"activation_function\":\"gelu_new\","
                + "\"layer_norm_epsilon\":1e-5,\"tie_word_embeddings\":true}";
    }

    @Test
    void aMissingTensorIsNamed() throws IOException {
        Path dir = brokenGpt2("h.1.mlp.c_fc.weight", gpt2Config(64));
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> ModelLoader.load(dir.toString()));
        assertTrue(e.getMessage().contains("h.1.mlp.c_fc.weight"), e.getMessage());
    }

    @Test
    void aShapeThatContradictsTheConfigIsRefused() throws IOException {
        Path dir = brokenGpt2("", gpt2Config(128));
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> ModelLoader.load(dir.toString()));
        assertTrue(e.getMessage().contains("wte.weight") && e.getMessage().contains("[96, 64]")
                && e.getMessage().contains("[96, 128]"), e.getMessage());
    }

    @Test
    void anIntermediateSizeThatContradictsTheGatedWeightsIsRefused() throws IOException {
        String config = Files.readString(Fixtures.dir(Fixtures.LLAMA).resolve("config.json"))
                .replace("\"intermediate_size\": 192", "\"intermediate_size\": 256");
        Path dir = rewritten(Fixtures.LLAMA, name -> true, config);
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> ModelLoader.load(dir.toString()));
        assertTrue(e.getMessage().contains("model.layers.0.mlp.gate_proj.weight") && e.getMessage().contains("[192, 64]")
                && e.getMessage().contains("[256, 64]"), e.getMessage());
    }

    @Test
    void aQwen2FileWithoutItsAttentionBiasesIsRefused() throws IOException {
        String config = Files.readString(Fixtures.dir(Fixtures.QWEN2).resolve("config.json"));
        Path dir = rewritten(Fixtures.QWEN2, name -> !name.endsWith("_proj.bias"), config);
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> ModelLoader.load(dir.toString()));
        assertTrue(e.getMessage().contains("model.layers.0.self_attn.q_proj.bias")
                && e.getMessage().contains("Qwen2 attention has q, k and v biases"), e.getMessage());
    }

    @Test
    void anUntiedLlamaWithoutItsHeadIsRefused() throws IOException {
        String config = Files.readString(Fixtures.dir(Fixtures.LLAMA).resolve("config.json"));
        Path dir = rewritten(Fixtures.LLAMA, name -> !name.equals("lm_head.weight"), config);
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> ModelLoader.load(dir.toString()));
        assertTrue(e.getMessage().contains("lm_head.weight"), e.getMessage());
    }

    @Test
    void aMissingFolderAndAnUncachedIdAreExplained() {
        ModelLoadException folder = assertThrows(ModelLoadException.class,
                () -> ModelLoader.load(tmp.resolve("nope").toString()));
        assertTrue(folder.getMessage().contains("does not exist"), folder.getMessage());
        ModelLoadException id = assertThrows(ModelLoadException.class,
                () -> ModelLoader.load("NoSuchOrg/no-such-model-xyz"));
        assertTrue(id.getMessage().contains("never downloads"), id.getMessage());
    }

    @Test
    void aBareNameIsLookedUpInTheCacheAndTheMessageSaysWhere() throws IOException {
        Path hub = tmp.resolve("hub");
        Map<String, String> env = Map.of("HF_HUB_CACHE", hub.toString());
        ModelLoadException missing = assertThrows(ModelLoadException.class, () -> ModelLoader.load("gpt2", env));
        assertTrue(missing.getMessage().contains(hub.resolve("models--gpt2").toString())
                && missing.getMessage().contains(Path.of("gpt2").toAbsolutePath().toString()), missing.getMessage());
        // A cached snapshot under the bare name loads, and the runner names its source as given.
        Path snapshot = hub.resolve("models--gpt2-tiny").resolve("snapshots").resolve("abc123");
        Files.createDirectories(snapshot);
        for (String f : List.of("config.json", "model.safetensors")) {
            Files.copy(Path.of("src/test/resources/fixtures/gpt2-tiny").resolve(f), snapshot.resolve(f));
        }
        try (ModelRunner r = ModelLoader.load("gpt2-tiny", env)) {
            assertEquals("gpt2-tiny", r.source());
            assertEquals(2, r.config().layers());
        }
    }

    @Test
    void emptyTextAndTextWithoutATokenizerAreRefused() {
        try (ModelRunner gpt2 = Fixtures.load(Fixtures.GPT2)) {
            IllegalStateException noTok = assertThrows(IllegalStateException.class, () -> gpt2.tokenize("hello"));
            assertTrue(noTok.getMessage().contains("no tokenizer.json"), noTok.getMessage());
            IllegalArgumentException badId = assertThrows(IllegalArgumentException.class,
                    () -> gpt2.runTokens(List.of(new int[] {3, 96}), HookSet.none()));
            assertTrue(badId.getMessage().contains("outside the vocabulary"), badId.getMessage());
            IllegalArgumentException tooLong = assertThrows(IllegalArgumentException.class,
                    () -> gpt2.runTokens(List.of(new int[33]), HookSet.none()));
            assertTrue(tooLong.getMessage().contains("32 positions"), tooLong.getMessage());
        }
        try (ModelRunner bert = ModelLoader.loadEmbedded()) {
            IllegalArgumentException empty = assertThrows(IllegalArgumentException.class, () -> bert.tokenize("   "));
            assertTrue(empty.getMessage().contains("empty"), empty.getMessage());
        }
    }

    @Test
    void aModelSpecThatIsNoPathIsAModelLoadError() {
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> ModelLoader.load("bad\0model"));
        assertTrue(e.getMessage().startsWith("Model 'bad\\0model' is not a valid path"), e.getMessage());
    }

    @Test
    void nanAndInfiniteWeightsAreRefusedByName() throws IOException {
        for (float bad : new float[] {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY}) {
            Path dir = brokenGpt2("", gpt2Config(64), "h.1.mlp.c_fc.weight", bad);
            ModelLoadException e = assertThrows(ModelLoadException.class, () -> ModelLoader.load(dir.toString()));
            assertTrue(e.getMessage().contains("'h.1.mlp.c_fc.weight' holds " + bad + " at element 3")
                    && e.getMessage().contains("1 of its 16384 values"), e.getMessage());
            deleteTree(dir);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            for (Path p : files.toList()) {
                Files.delete(p);
            }
        }
        Files.delete(dir);
    }
}
