package org.neuronworkbench.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bench load memory}: peak RSS of a child JVM that loads a generated Llama checkpoint of
 * about 1 GB of BF16 weights and probes one neuron, divided by the weights' float32 size (what the
 * runner must hold). The peer, measured in the same run, is the same command on the 0.4 MB
 * llama-tiny fixture: the fixed cost of the JVM and libtorch. Three runs each, medians.
 * Run with {@code mvn -Pbench test -Dtest=GatedLoadMemoryBenchmark}.
 */
@Tag("bench")
class GatedLoadMemoryBenchmark {
    private static final int RUNS = 3;
    // Llama-shaped: d 2048, 16 heads over 8 key/value heads, d_mlp 8192, 8 layers, 32,000 tokens, tied.
    private static final int D = 2048;
    private static final int HEADS = 16;
    private static final int KV_HEADS = 8;
    private static final int D_MLP = 8192;
    private static final int LAYERS = 8;
    private static final int VOCAB = 32000;

    @TempDir
    Path tmp;

    @Test
    void loadingBf16CostsAboutItsFloat32Size() throws Exception {
        Path big = Files.createDirectories(tmp.resolve("llama-bf16"));
        long elements = writeCheckpoint(big);
        long f32Bytes = elements * Float.BYTES;
        Path tiny = Path.of("src/test/resources/fixtures/llama-tiny").toAbsolutePath();
        long[] bigPeaks = new long[RUNS];
        long[] tinyPeaks = new long[RUNS];
        for (int i = 0; i < RUNS; i++) {
            tinyPeaks[i] = childPeakRssKb(tiny);
            bigPeaks[i] = childPeakRssKb(big);
            System.out.printf("  run %d: peak RSS %d MB (generated), %d MB (llama-tiny)%n", i + 1,
                    bigPeaks[i] / 1024, tinyPeaks[i] / 1024);
        }
        long bigMedian = median(bigPeaks) * 1024;
        long tinyMedian = median(tinyPeaks) * 1024;
        double ratio = (double) bigMedian / f32Bytes;
        double aboveFixed = (double) (bigMedian - tinyMedian) / f32Bytes;
        System.out.printf("BF16 file %d MB, float32 weights %d MB (%d parameters)%n",
                Files.size(big.resolve("model.safetensors")) >> 20, f32Bytes >> 20, elements);
        System.out.printf("median peak RSS: generated %d MB, llama-tiny %d MB%n", bigMedian >> 20, tinyMedian >> 20);
        System.out.printf("peak RSS / f32 weight bytes = %.3f; (peak - llama-tiny peak) / f32 weight bytes = %.3f%n",
                ratio, aboveFixed);
        assertTrue(ratio <= 1.3, "peak RSS is " + ratio + " x the float32 weights");
    }

    private static long median(long[] v) {
        long[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }

    /** Peak RSS (VmHWM, kB) of {@code probe --model DIR --ids … --layer 0 --neuron 0} in a fresh JVM. */
    private static long childPeakRssKb(Path model) throws Exception {
        // A small heap: the weights must live in native memory, widened without heap copies; the
        // direct-buffer limit (default: the heap size) is lifted for them.
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-XX:MaxDirectMemorySize=64g",
                "-Dai.djl.offline=true", "-DOPT_OUT_TRACKING=true", "-cp", System.getProperty("java.class.path"),
                "org.neuronworkbench.Main", "probe", "--model", model.toString(), "--ids", "1,2,3,4",
                "--layer", "0", "--neuron", "0", "--json");
        Process p = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        long peak = PeakRss.watch(p, 20);
        if (p.exitValue() != 0) {
            throw new IllegalStateException("child probe of " + model + " failed with " + p.exitValue());
        }
        return peak;
    }

    /** Writes config.json and a BF16 model.safetensors of random weights; returns the parameter count. */
    private static long writeCheckpoint(Path dir) throws IOException {
        int dh = D / HEADS;
        Map<String, long[]> shapes = new TreeMap<>();
        shapes.put("model.embed_tokens.weight", new long[] {VOCAB, D});
        shapes.put("model.norm.weight", new long[] {D});
        for (int l = 0; l < LAYERS; l++) {
            String b = "model.layers." + l + ".";
            shapes.put(b + "input_layernorm.weight", new long[] {D});
            shapes.put(b + "post_attention_layernorm.weight", new long[] {D});
            shapes.put(b + "self_attn.q_proj.weight", new long[] {(long) HEADS * dh, D});
            shapes.put(b + "self_attn.k_proj.weight", new long[] {(long) KV_HEADS * dh, D});
            shapes.put(b + "self_attn.v_proj.weight", new long[] {(long) KV_HEADS * dh, D});
            shapes.put(b + "self_attn.o_proj.weight", new long[] {D, (long) HEADS * dh});
            shapes.put(b + "mlp.gate_proj.weight", new long[] {D_MLP, D});
            shapes.put(b + "mlp.up_proj.weight", new long[] {D_MLP, D});
            shapes.put(b + "mlp.down_proj.weight", new long[] {D, D_MLP});
        }
        ObjectMapper json = new ObjectMapper();
        ObjectNode header = json.createObjectNode();
        header.putObject("__metadata__").put("format", "pt");
        Map<String, long[]> offsets = new LinkedHashMap<>();
        long at = 0;
        long elements = 0;
        for (Map.Entry<String, long[]> e : shapes.entrySet()) {
            long n = Arrays.stream(e.getValue()).reduce(1, (a, b) -> a * b);
            ObjectNode t = header.putObject(e.getKey());
            t.put("dtype", "BF16");
            t.putPOJO("shape", e.getValue());
            t.putPOJO("data_offsets", new long[] {at, at + 2 * n});
            offsets.put(e.getKey(), new long[] {at, n});
            at += 2 * n;
            elements += n;
        }
        byte[] head = json.writeValueAsString(header).getBytes(StandardCharsets.UTF_8);
        int padded = (head.length + 7) / 8 * 8;
        byte[] headPadded = Arrays.copyOf(head, padded);
        Arrays.fill(headPadded, head.length, padded, (byte) ' ');
        try (FileChannel out = FileChannel.open(dir.resolve("model.safetensors"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(padded).flip();
            out.write(len);
            out.write(ByteBuffer.wrap(headPadded));
            ByteBuffer chunk = ByteBuffer.allocateDirect(8 << 20).order(ByteOrder.LITTLE_ENDIAN);
            long state = 0x9E3779B97F4A7C15L;
            for (Map.Entry<String, long[]> e : offsets.entrySet()) {
                boolean gain = e.getKey().endsWith("layernorm.weight") || e.getKey().endsWith("norm.weight");
                for (long i = 0; i < e.getValue()[1]; i++) {
                    state ^= state << 13;
                    state ^= state >>> 7;
                    state ^= state << 17;
                    // Weights uniform in ±0.05 (norm gains near 1), so a forward stays finite.
                    float v = gain ? 1f : ((state >>> 40) / (float) (1L << 24) - 0.5f) * 0.1f;
                    chunk.putShort((short) (Float.floatToRawIntBits(v) >>> 16));
                    if (!chunk.hasRemaining()) {
                        out.write(chunk.flip());
                        chunk.clear();
                    }
                }
            }
            out.write(chunk.flip());
        }
        Files.writeString(dir.resolve("config.json"), "{\"model_type\":\"llama\",\"hidden_size\":" + D
                + ",\"num_attention_heads\":" + HEADS + ",\"num_key_value_heads\":" + KV_HEADS
                + ",\"intermediate_size\":" + D_MLP + ",\"num_hidden_layers\":" + LAYERS + ",\"vocab_size\":" + VOCAB
                + ",\"max_position_embeddings\":2048,\"rms_norm_eps\":1e-5,\"rope_theta\":500000.0,"
                + "\"tie_word_embeddings\":true,\"hidden_act\":\"silu\"}");
        return elements;
    }
}
