package org.neuronworkbench.model.weights;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.neuronworkbench.model.weights.SafetensorsFileErrorsTest.assertMessage;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShardedSafetensorsTest {
    static final String SHARD1 = SafetensorsTestFiles.SHARD1;
    static final String SHARD2 = SafetensorsTestFiles.SHARD2;

    @TempDir
    Path tmp;

    @Test
    void readsTensorsFromBothShards() throws Exception {
        try (ShardedSafetensors s = ShardedSafetensors.open(SafetensorsTestFiles.writeShardedCheckpoint(tmp))) {
            assertEquals(Set.of("a", "b", "c"), s.names());
            assertArrayEquals(new float[] {1f, 2f}, s.read("a"));
            assertArrayEquals(new long[] {1, 2}, s.info("b").shape());
            assertArrayEquals(new float[] {3f}, s.read("c"));
            assertEquals(DType.BF16, s.info("c").dtype());
            assertMessage(() -> s.read("d"), "tensor 'd' not found in", "model.safetensors.index.json");
        }
    }

    @Test
    void missingShardIsNamed() throws Exception {
        Path index = SafetensorsTestFiles.writeShardedCheckpoint(tmp);
        Files.delete(tmp.resolve(SHARD2));
        assertMessage(() -> ShardedSafetensors.open(index), "Shard file " + SHARD2, "is missing from");
    }

    @Test
    void indexPointingAtTheWrongShard() throws Exception {
        Path index = SafetensorsTestFiles.writeShardedCheckpoint(tmp);
        Files.writeString(index, "{\"weight_map\":{\"a\":\"" + SHARD2 + "\"}}");
        assertMessage(() -> ShardedSafetensors.open(index), "tensor 'a'", SHARD2, "does not hold it");
    }

    @Test
    void indexWithoutWeightMap() throws Exception {
        Path index = Files.writeString(tmp.resolve("model.safetensors.index.json"), "{\"metadata\":{}}");
        assertMessage(() -> ShardedSafetensors.open(index), "no weight_map");
    }

    @Test
    void indexThatIsNotJson() throws Exception {
        Path index = Files.writeString(tmp.resolve("model.safetensors.index.json"), "weight_map: a");
        assertMessage(() -> ShardedSafetensors.open(index), "model.safetensors.index.json", "not valid JSON");
    }

    /** Each name once pointed the reader outside the model folder (or at a device); all are refused by name. */
    @Test
    void shardNamesThatLeaveTheFolderAreRefused() throws Exception {
        Path model = Files.createDirectories(tmp.resolve("model"));
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        SafetensorsTestFiles.writeShardedCheckpoint(outside); // real, loadable shards one folder up
        Path index = model.resolve("model.safetensors.index.json");
        Map<String, String> refusals = new LinkedHashMap<>();
        refusals.put("../outside/" + SHARD1, "path separator");
        refusals.put(outside.resolve(SHARD1).toString(), "path separator");
        refusals.put("/etc/passwd", "path separator");
        refusals.put("/proc/self/mem", "path separator");
        refusals.put("..\\outside\\" + SHARD1, "path separator");
        refusals.put("..", "names a folder");
        refusals.put(".", "names a folder");
        refusals.put("", "is empty");
        refusals.put("x\u0000.safetensors", "control character");
        refusals.put("x\u001b[2J.safetensors", "control character");
        for (Map.Entry<String, String> r : refusals.entrySet()) {
            String json = new ObjectMapper().writeValueAsString(Map.of("weight_map", Map.of("a", r.getKey())));
            Files.writeString(index, json);
            WeightFormatException e = assertThrows(WeightFormatException.class, () -> ShardedSafetensors.open(index),
                    r.getKey());
            assertTrue(e.getMessage().contains("is refused: it ") && e.getMessage().contains(r.getValue())
                    && e.getMessage().contains("plain file names inside the model folder"), e.getMessage());
            assertEquals(-1, e.getMessage().indexOf(0x1b), "the escape reaches the message raw: " + e.getMessage());
        }
    }

    @Test
    void aShardThatIsAFolderIsNotARegularFile() throws Exception {
        Path index = SafetensorsTestFiles.writeShardedCheckpoint(tmp);
        Files.delete(tmp.resolve(SHARD2));
        Files.createDirectory(tmp.resolve(SHARD2));
        assertMessage(() -> ShardedSafetensors.open(index), "Shard file " + SHARD2, "not a regular file");
    }
}
