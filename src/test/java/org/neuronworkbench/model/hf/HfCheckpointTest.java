package org.neuronworkbench.model.hf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import org.neuronworkbench.model.Architecture;
import org.neuronworkbench.model.Fixtures;
import org.neuronworkbench.model.ModelLoadException;
import org.neuronworkbench.model.weights.SafetensorsFile;
import org.neuronworkbench.model.weights.ShardedSafetensors;
import org.neuronworkbench.model.weights.SafetensorsTestFiles;
import org.neuronworkbench.model.weights.WeightSource;

class HfCheckpointTest {
    static final String GPT2_CONFIG = "{\"model_type\":\"gpt2\",\"n_layer\":1,\"n_head\":1,\"n_embd\":2,"
            + "\"n_positions\":4,\"vocab_size\":3}";

    @TempDir
    Path tmp;

    @Test
    void opensBothFixtures() {
        HfCheckpoint gpt2 = HfCheckpoint.open(Fixtures.dir(Fixtures.GPT2));
        assertEquals("gpt2-tiny", gpt2.config().name());
        assertEquals(Architecture.GPT2, gpt2.config().architecture());
        assertFalse(gpt2.sharded());
        assertNull(gpt2.tokenizerJson(), "the fixtures have no tokenizer.json");
        try (WeightSource w = gpt2.openWeights()) {
            assertInstanceOf(SafetensorsFile.class, w);
            assertEquals(28, w.names().size());
        }
        HfCheckpoint neox = HfCheckpoint.open(Fixtures.dir(Fixtures.NEOX));
        assertEquals(4, neox.config().rotaryDims());
        try (WeightSource w = neox.openWeights()) {
            assertArrayEquals(new long[] {96, 64}, w.info("embed_out.weight").shape());
        }
    }

    @Test
    void shardedFolderOpensTheIndex() throws Exception {
        SafetensorsTestFiles.writeShardedCheckpoint(tmp);
        Files.writeString(tmp.resolve("config.json"), GPT2_CONFIG);
        Files.writeString(tmp.resolve("tokenizer.json"), "{}");
        HfCheckpoint c = HfCheckpoint.open(tmp);
        assertTrue(c.sharded());
        assertEquals(tmp.resolve("tokenizer.json"), c.tokenizerJson());
        try (WeightSource w = c.openWeights()) {
            assertInstanceOf(ShardedSafetensors.class, w);
            assertArrayEquals(new float[] {3f}, w.read("c"));
        }
    }

    @Test
    void singleFileIsPreferredOverPickle() throws Exception {
        Files.copy(Fixtures.dir(Fixtures.GPT2).resolve("model.safetensors"), tmp.resolve("model.safetensors"));
        Files.writeString(tmp.resolve("pytorch_model.bin"), "pickle");
        Files.writeString(tmp.resolve("config.json"), GPT2_CONFIG);
        assertEquals(tmp.resolve("model.safetensors"), HfCheckpoint.open(tmp).weights());
    }

    @Test
    void missingFolder() {
        assertMessage(() -> HfCheckpoint.open(tmp.resolve("nope")), "Model folder", "nope", "does not exist");
    }

    @Test
    void fileInsteadOfFolder() throws Exception {
        Path file = Files.writeString(tmp.resolve("config.json"), GPT2_CONFIG);
        assertMessage(() -> HfCheckpoint.open(file), "not a model folder");
    }

    @Test
    void missingConfig() throws Exception {
        Files.copy(Fixtures.dir(Fixtures.GPT2).resolve("model.safetensors"), tmp.resolve("model.safetensors"));
        assertMessage(() -> HfCheckpoint.open(tmp), "has no config.json");
    }

    @Test
    void pickleOnlyIsRefused() throws Exception {
        Files.writeString(tmp.resolve("config.json"), GPT2_CONFIG);
        Files.write(tmp.resolve("pytorch_model.bin"), new byte[] {(byte) 0x80, 2});
        assertMessage(() -> HfCheckpoint.open(tmp), "holds only pytorch_model.bin",
                "a Python pickle, which is not loaded for safety", "convert it to model.safetensors",
                "safetensors convert script");
    }

    @Test
    void noWeightsAtAll() throws Exception {
        Files.writeString(tmp.resolve("config.json"), GPT2_CONFIG);
        assertMessage(() -> HfCheckpoint.open(tmp), "has no weights", "model.safetensors",
                "model.safetensors.index.json");
    }

    @Test
    void unknownModelType() throws Exception {
        Files.writeString(tmp.resolve("config.json"), "{\"model_type\":\"mamba\"}");
        Files.write(tmp.resolve("model.safetensors"), new byte[8]);
        assertMessage(() -> HfCheckpoint.open(tmp), "Unknown model_type 'mamba'", "supported are bert, gpt2, gpt_neox, llama, mistral, qwen2");
    }

    @Test
    void hubSnapshotIsNamedAfterTheModelId() throws Exception {
        Path snapshot = Files.createDirectories(tmp.resolve("models--EleutherAI--pythia-70m/snapshots/abc123"));
        assertEquals("EleutherAI/pythia-70m", HfCheckpoint.displayName(snapshot));
        assertEquals("gpt2-tiny", HfCheckpoint.displayName(Fixtures.dir(Fixtures.GPT2)));
    }

    private static void assertMessage(Executable call, String... parts) {
        ModelLoadException e = assertThrows(ModelLoadException.class, call);
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), "expected '" + part + "' in: " + e.getMessage());
        }
    }

    @Test
    void aTokenizerOrConfigThatIsNotARegularFileIsRefused() throws Exception {
        SafetensorsTestFiles.writeShardedCheckpoint(tmp);
        Files.writeString(tmp.resolve("config.json"), GPT2_CONFIG);
        Files.createDirectory(tmp.resolve("tokenizer.json"));
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> HfCheckpoint.open(tmp));
        assertTrue(e.getMessage().contains("tokenizer.json is not a regular file"), e.getMessage());
        Files.delete(tmp.resolve("tokenizer.json"));
        Files.delete(tmp.resolve("config.json"));
        Files.createDirectory(tmp.resolve("config.json"));
        e = assertThrows(ModelLoadException.class, () -> HfCheckpoint.open(tmp));
        assertTrue(e.getMessage().contains("config.json is not a regular file"), e.getMessage());
    }

    @Test
    void anOversizedConfigIsNotRead() throws Exception {
        SafetensorsTestFiles.writeShardedCheckpoint(tmp);
        try (var out = Files.newOutputStream(tmp.resolve("config.json"))) {
            out.write(GPT2_CONFIG.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            out.write(new byte[(int) HfCheckpoint.MAX_CONFIG_BYTES]); // trailing NULs past the cap
        }
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> HfCheckpoint.open(tmp));
        assertTrue(e.getMessage().contains("more than the 16 MiB"), e.getMessage());
    }
}
