package org.neuronworkbench.model.weights;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuronworkbench.model.Fixtures;

class SafetensorsFileTest {
    @TempDir
    Path tmp;

    @Test
    void gpt2FixtureHasReadmeNamesAndShapes() {
        try (SafetensorsFile f = SafetensorsFile.open(Fixtures.dir(Fixtures.GPT2).resolve("model.safetensors"))) {
            Set<String> expected = new HashSet<>(Set.of("wte.weight", "wpe.weight", "ln_f.weight", "ln_f.bias"));
            for (int i = 0; i < 2; i++) {
                for (String m : new String[] {"ln_1", "attn.c_attn", "attn.c_proj", "ln_2", "mlp.c_fc", "mlp.c_proj"}) {
                    expected.add("h." + i + "." + m + ".weight");
                    expected.add("h." + i + "." + m + ".bias");
                }
            }
            assertEquals(expected, f.names());
            assertShape(f, "wte.weight", 96, 64);
            assertShape(f, "wpe.weight", 32, 64);
            assertShape(f, "h.1.attn.c_attn.weight", 64, 192);
            assertShape(f, "h.1.attn.c_attn.bias", 192);
            assertShape(f, "h.0.attn.c_proj.weight", 64, 64);
            assertShape(f, "h.0.mlp.c_fc.weight", 64, 256);
            assertShape(f, "h.0.mlp.c_proj.weight", 256, 64);
            assertShape(f, "ln_f.bias", 64);
            assertEquals(DType.F32, f.info("wte.weight").dtype());
            assertFalse(f.has("lm_head.weight"), "the head is tied, so the file has no lm_head");
        }
    }

    @Test
    void neoxFixtureHasReadmeNamesAndShapes() {
        try (SafetensorsFile f = SafetensorsFile.open(Fixtures.dir(Fixtures.NEOX).resolve("model.safetensors"))) {
            assertEquals(28, f.names().size());
            assertShape(f, "gpt_neox.embed_in.weight", 96, 64);
            assertShape(f, "embed_out.weight", 96, 64);
            assertShape(f, "gpt_neox.layers.1.attention.query_key_value.weight", 192, 64);
            assertShape(f, "gpt_neox.layers.0.attention.dense.weight", 64, 64);
            assertShape(f, "gpt_neox.layers.0.mlp.dense_h_to_4h.weight", 256, 64);
            assertShape(f, "gpt_neox.layers.1.mlp.dense_4h_to_h.weight", 64, 256);
            assertShape(f, "gpt_neox.final_layer_norm.weight", 64);
            assertShape(f, "gpt_neox.layers.1.post_attention_layernorm.bias", 64);
        }
    }

    @Test
    void spotValuesMatchAnIndependentParse() {
        Path file = Fixtures.dir(Fixtures.GPT2).resolve("model.safetensors");
        try (SafetensorsFile f = SafetensorsFile.open(file)) {
            float[] bias = f.read("h.0.attn.c_attn.bias");
            assertEquals(192, bias.length);
            assertArrayEquals(new float[] {0.04814668f, -0.09641074f, 0.005157422f, 0.07246777f},
                    java.util.Arrays.copyOf(bias, 4), 1e-7f);
            float[] wte = f.read("wte.weight");
            assertEquals(96 * 64, wte.length);
            assertEquals(-0.11548429727554321f, wte[100]);
            assertEquals(0.06682010740041733f, wte[wte.length - 1], "last float of the file's last tensor");
        }
        try (SafetensorsFile f = SafetensorsFile.open(Fixtures.dir(Fixtures.NEOX).resolve("model.safetensors"))) {
            assertEquals(0.0130558330565691f, f.read("embed_out.weight")[100]);
            float[] w = f.read("gpt_neox.layers.1.mlp.dense_4h_to_h.weight");
            assertEquals(-0.08185110986232758f, w[w.length - 1]);
        }
    }

    @Test
    void everyFixtureTensorMatchesAPlainByteParse() throws Exception {
        for (String fixture : new String[] {Fixtures.GPT2, Fixtures.NEOX, Fixtures.LLAMA, Fixtures.QWEN2}) {
            Path file = Fixtures.dir(fixture).resolve("model.safetensors");
            ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
            int headerLength = (int) bytes.getLong(0);
            JsonNode header = new ObjectMapper().readTree(new String(bytes.array(), 8, headerLength, "UTF-8"));
            try (SafetensorsFile f = SafetensorsFile.open(file);
                    SafetensorsFile small = SafetensorsFile.open(file, 64)) {
                for (Iterator<Map.Entry<String, JsonNode>> it = header.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    if (e.getKey().equals("__metadata__")) {
                        continue;
                    }
                    long begin = e.getValue().get("data_offsets").get(0).asLong();
                    long end = e.getValue().get("data_offsets").get(1).asLong();
                    float[] expected = new float[(int) ((end - begin) / 4)];
                    for (int i = 0; i < expected.length; i++) {
                        expected[i] = bytes.getFloat((int) (8 + headerLength + begin + 4L * i));
                    }
                    assertArrayEquals(expected, f.read(e.getKey()), e.getKey());
                    // 64-byte mappings: every tensor spans several chunks.
                    assertArrayEquals(expected, small.read(e.getKey()), e.getKey() + " (chunked)");
                    // readInto, after a leading value, through one 64 MiB window and through 40-byte windows.
                    for (long window : new long[] {SafetensorsFile.READ_WINDOW_BYTES, 40}) {
                        java.nio.FloatBuffer into = java.nio.ByteBuffer.allocateDirect((expected.length + 1) * 4)
                                .order(ByteOrder.nativeOrder()).asFloatBuffer();
                        into.put(-7f);
                        f.readInto(e.getKey(), into, window);
                        assertEquals(0, into.remaining());
                        float[] got = new float[expected.length + 1];
                        into.flip().get(got);
                        assertEquals(-7f, got[0]);
                        assertArrayEquals(expected, java.util.Arrays.copyOfRange(got, 1, got.length), e.getKey() + " into");
                    }
                }
            }
        }
    }

    @Test
    void expectedActivationsMatchReadmeSpotValues() {
        try (SafetensorsFile f = SafetensorsFile.open(Fixtures.dir(Fixtures.GPT2).resolve("expected.safetensors"))) {
            assertShape(f, "seq0.logits", 5, 96);
            float[] logits = f.read("seq0.logits");
            assertArrayEquals(new float[] {3.133571f, 0.7857476f, 1.264362f, 1.802839f},
                    java.util.Arrays.copyOf(logits, 4), 1e-6f);
            assertEquals(0.7988034f, logits[4 * 96], 1e-6f);
        }
    }

    @Test
    void f16ValuesWidenExactly() throws Exception {
        short[] bits = {0x3C00, (short) 0xC100, 0x7BFF, 0x0400, 0x0001, 0x03FF, (short) 0x8000, 0x3555,
            0x7C00, (short) 0xFC00, 0x7E00};
        float[] expected = {1f, -2.5f, 65504f, 0x1p-14f, 0x1p-24f, 1023 * 0x1p-24f, -0f, 0.333251953125f,
            Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN};
        Path file = new SafetensorsTestFiles().addShorts("h", "F16", new long[] {11}, bits).write(tmp.resolve("h.st"));
        try (SafetensorsFile f = SafetensorsFile.open(file)) {
            assertEquals(DType.F16, f.info("h").dtype());
            // assertArrayEquals on floats compares bit patterns via Float.equals: -0 and NaN included.
            assertArrayEquals(expected, f.read("h"));
        }
    }

    @Test
    void bf16ValuesWidenExactlyWhenRepresentable() throws Exception {
        float[] values = {1f, -3.5f, 0.15625f, 0x1p100f, -0x1p-126f, 0f, Float.POSITIVE_INFINITY, 0.1f, 3.14159f};
        short[] bits = new short[values.length];
        for (int i = 0; i < values.length; i++) {
            bits[i] = (short) (Float.floatToRawIntBits(values[i]) >>> 16); // truncation
        }
        Path file = new SafetensorsTestFiles().addShorts("b", "BF16", new long[] {3, 3}, bits).write(tmp.resolve("b.st"));
        try (SafetensorsFile f = SafetensorsFile.open(file)) {
            float[] read = f.read("b");
            for (int i = 0; i < 7; i++) {
                assertEquals(values[i], read[i], "representable value " + values[i] + " is exact");
            }
            // 0.1 and pi are not representable: truncation keeps 8 significant bits.
            assertEquals(0.1f, read[7], 0.1f / 128);
            assertEquals(3.14159f, read[8], 3.14159f / 128);
            // Widening into a buffer through 8-byte windows (4 values each) gives the same bits.
            java.nio.FloatBuffer into = java.nio.FloatBuffer.allocate(9);
            f.readInto("b", into, 8);
            assertArrayEquals(read, into.array());
        }
    }

    @Test
    void unsupportedDtypeIsSkippedButNamedOnRead() throws Exception {
        Path file = new SafetensorsTestFiles()
                .add("embeddings.position_ids", "I64", new long[] {1, 2}, new byte[16])
                .addF32("w", new long[] {2}, 1.5f, -2f)
                .write(tmp.resolve("mixed.safetensors"));
        try (SafetensorsFile f = SafetensorsFile.open(file)) {
            assertEquals(Set.of("w"), f.names());
            assertArrayEquals(new float[] {1.5f, -2f}, f.read("w"));
            WeightFormatException e = assertThrows(WeightFormatException.class,
                    () -> f.read("embeddings.position_ids"));
            assertTrue(e.getMessage().contains("I64 is not supported"), e.getMessage());
            assertTrue(e.getMessage().contains("mixed.safetensors"), e.getMessage());
        }
    }

    @Test
    void emptyTensorAndScalarRead() throws Exception {
        Path file = new SafetensorsTestFiles()
                .add("empty", "F32", new long[] {0, 4}, new byte[0])
                .addF32("scalar", new long[] {}, 7f)
                .write(tmp.resolve("edge.safetensors"));
        try (SafetensorsFile f = SafetensorsFile.open(file)) {
            assertEquals(0, f.read("empty").length);
            assertArrayEquals(new float[] {7f}, f.read("scalar"));
        }
    }

    private static void assertShape(WeightSource f, String name, long... shape) {
        assertArrayEquals(shape, f.info(name).shape(), name);
    }
}
