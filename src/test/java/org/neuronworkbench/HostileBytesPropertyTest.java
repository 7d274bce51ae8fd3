package org.neuronworkbench;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.neuronworkbench.corpus.Corpora;
import org.neuronworkbench.corpus.CorpusException;
import org.neuronworkbench.corpus.CorpusOptions;
import org.neuronworkbench.corpus.CorpusReader;
import org.neuronworkbench.model.ModelLoadException;
import org.neuronworkbench.model.Offline;
import org.neuronworkbench.model.hf.HfConfigReader;
import org.neuronworkbench.model.onnx.OnnxBytes;
import org.neuronworkbench.model.onnx.OnnxModelFile;
import org.neuronworkbench.model.onnx.OnnxWeightSource;
import org.neuronworkbench.model.tokenizer.HfTokenizer;
import org.neuronworkbench.model.weights.SafetensorsFile;
import org.neuronworkbench.model.weights.SafetensorsTestFiles;
import org.neuronworkbench.model.weights.ShardedSafetensors;
import org.neuronworkbench.model.weights.WeightFormatException;
import org.neuronworkbench.model.weights.WeightSource;
import org.neuronworkbench.ui.common.Workspace;

/**
 * Every reader of a file a user may be handed (safetensors, shard index, ONNX, config.json,
 * tokenizer.json, workspace, .txt/.jsonl corpora) gets arbitrary bytes: random ones, and valid
 * files with bytes flipped, inserted, deleted, duplicated or cut off. The reader must either read
 * them or fail with its own exception type and a message: never another exception, an Error, or a
 * hang (each try is bounded by a timeout).
 */
public class HostileBytesPropertyTest {
    private static final Duration LIMIT = Duration.ofSeconds(20);
    private static Path root;
    private static byte[] safetensorsSeed;
    private static int tries;

    @BeforeContainer
    static void seeds() throws IOException {
        Offline.enforce();
        root = Files.createTempDirectory("hostile-bytes");
        safetensorsSeed = Files.readAllBytes(new SafetensorsTestFiles()
                .addF32("a.weight", new long[] {2, 2}, 1f, 2f, 3f, 4f)
                .addShorts("b", "BF16", new long[] {3}, (short) 0x3F80, (short) 0x4000, (short) 0x4040)
                .add("ids", "I64", new long[] {1}, new byte[8])
                .write(root.resolve("seed.safetensors")));
    }

    @AfterContainer
    static void cleanUp() throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    @Property(tries = 300)
    void safetensors(@ForAll long seed, @ForAll @IntRange(max = 9) int kind) throws Exception {
        Path file = write("model.safetensors", bytes(safetensorsSeed, seed, kind));
        onlyOwn(WeightFormatException.class, () -> readAll(SafetensorsFile.open(file)));
    }

    @Property(tries = 200)
    void shardIndex(@ForAll long seed, @ForAll @IntRange(max = 9) int kind) throws Exception {
        Path dir = freshDir();
        Path index = SafetensorsTestFiles.writeShardedCheckpoint(dir);
        Files.write(index, bytes(Files.readAllBytes(index), seed, kind));
        onlyOwn(WeightFormatException.class, () -> readAll(ShardedSafetensors.open(index)));
    }

    @Property(tries = 300)
    void onnx(@ForAll long seed, @ForAll @IntRange(max = 9) int kind) throws Exception {
        byte[] valid = OnnxBytes.model(
                OnnxBytes.node("/encoder/layer.0/attention/self/query/MatMul", "MatMul",
                        List.of("x", "onnx::MatMul_1"), "y"),
                OnnxBytes.rawTensor("onnx::MatMul_1", 1, new long[] {2, 2}, OnnxBytes.floatsLe(1f, 2f, 3f, 4f)),
                OnnxBytes.rawTensor("encoder.layer.0.attention.self.query.bias", 1, new long[] {2},
                        OnnxBytes.floatsLe(0.5f, -0.5f)));
        byte[] hostile = bytes(valid, seed, kind);
        onlyOwn(WeightFormatException.class, () -> {
            OnnxModelFile model = OnnxModelFile.parse(ByteBuffer.wrap(hostile), "hostile.onnx");
            model.initializers().values().forEach(t -> {
                if (t.isFloating()) {
                    t.toFloats();
                }
            });
            readAll(new OnnxWeightSource(model));
        });
    }

    @Property(tries = 300)
    void config(@ForAll long seed, @ForAll @IntRange(max = 9) int kind) throws Exception {
        String valid = "{\"model_type\":\"gpt_neox\",\"hidden_size\":64,\"num_attention_heads\":4,\"num_hidden_layers\":2,"
                + "\"intermediate_size\":256,\"rotary_pct\":0.25,\"rotary_emb_base\":10000,\"max_position_embeddings\":32,"
                + "\"vocab_size\":96,\"use_parallel_residual\":true,\"hidden_act\":\"gelu\",\"layer_norm_eps\":1e-5,"
                + "\"tie_word_embeddings\":false,\"rope_parameters\":{\"rope_type\":\"default\",\"rope_theta\":10000}}";
        Path file = write("config.json", bytes(valid.getBytes(StandardCharsets.UTF_8), seed, kind));
        onlyOwn(ModelLoadException.class, () -> HfConfigReader.read(file, "hostile"));
    }

    @Property(tries = 200)
    void tokenizer(@ForAll long seed, @ForAll @IntRange(max = 9) int kind) throws Exception {
        String valid = "{\"version\":\"1.0\",\"truncation\":null,\"padding\":null,\"added_tokens\":[{\"id\":0,"
                + "\"content\":\"[UNK]\",\"single_word\":false,\"lstrip\":false,\"rstrip\":false,\"normalized\":false,"
                + "\"special\":true}],\"normalizer\":{\"type\":\"Lowercase\"},\"pre_tokenizer\":{\"type\":\"Whitespace\"},"
                + "\"post_processor\":null,\"decoder\":null,\"model\":{\"type\":\"WordPiece\",\"unk_token\":\"[UNK]\","
                + "\"continuing_subword_prefix\":\"##\",\"max_input_chars_per_word\":100,"
                + "\"vocab\":{\"[UNK]\":0,\"the\":1,\"cat\":2,\"sat\":3,\"##s\":4,\".\":5}}}";
        Path file = write("tokenizer.json", bytes(valid.getBytes(StandardCharsets.UTF_8), seed, kind));
        onlyOwn(ModelLoadException.class, () -> {
            try (HfTokenizer tok = HfTokenizer.open(file)) {
                tok.encode("The cats sat.", 64);
            }
        });
    }

    @Property(tries = 200)
    void workspace(@ForAll long seed, @ForAll @IntRange(max = 9) int kind) throws Exception {
        Workspace valid = new Workspace();
        valid.bookmarks.add("L1N2");
        valid.notes.put("L0N5", "fires on \"cat\"");
        valid.hypothesisLines.add("The cat sat.");
        Path file = freshDir().resolve("workspace.json");
        valid.save(file);
        Files.write(file, bytes(Files.readAllBytes(file), seed, kind));
        // The workspace never fails: a damaged file is set aside and a fresh workspace returned.
        onlyOwn(NoException.class, () -> assertNotNull(Workspace.load(file)));
    }

    @Property(tries = 300)
    void corpora(@ForAll long seed, @ForAll @IntRange(max = 9) int kind, @ForAll @IntRange(max = 2) int format)
            throws Exception {
        String valid = format == 1
                ? "{\"text\": \"The cat sat.\"}\n{\"text\": \"caf\\u00e9 \\ud83d\\ude00\"}\n{\"text\": 5}\nnot json\n"
                : "The cat sat on the mat.\n\n  indented line\ncaf\u00e9 \uD83D\uDE00\r\nlast";
        byte[] hostile = bytes(valid.getBytes(StandardCharsets.UTF_8), seed, kind);
        Path dir = freshDir();
        Path target = switch (format) {
            case 1 -> Files.write(dir.resolve("c.jsonl"), hostile);
            case 2 -> {
                Files.write(dir.resolve("a.txt"), hostile);
                Files.write(dir.resolve("b.txt"), bytes(hostile, seed + 1, kind));
                yield dir;
            }
            default -> Files.write(dir.resolve("c.txt"), hostile);
        };
        onlyOwn(CorpusException.class, () -> {
            try (CorpusReader reader = Corpora.open(target, CorpusOptions.defaults())) {
                while (reader.next().isPresent()) {
                    reader.report().summary();
                }
            }
        });
    }

    /** Marks readers that must not throw at all. */
    private static final class NoException extends RuntimeException {
    }

    private interface Read {
        void run() throws Exception;
    }

    private static void onlyOwn(Class<? extends RuntimeException> own, Read read) {
        String outcome = assertTimeoutPreemptively(LIMIT, () -> {
            try {
                read.run();
                return "read";
            } catch (Throwable t) {
                if (!own.isInstance(t)) {
                    fail("expected nothing or a " + own.getSimpleName() + ", got " + t, t);
                }
                assertNotNull(t.getMessage(), "no message");
                assertFalse(t.getMessage().isBlank(), "blank message");
                return t.getClass().getSimpleName();
            }
        });
        Statistics.collect(outcome); // on the property's thread: jqwik keeps statistics per try
    }

    private static void readAll(WeightSource source) {
        try (source) {
            for (String name : source.names()) {
                source.info(name);
                source.read(name);
            }
        }
    }

    private static Path freshDir() throws IOException {
        return Files.createDirectories(root.resolve("t" + (tries++)));
    }

    private static Path write(String name, byte[] bytes) throws IOException {
        return Files.write(freshDir().resolve(name), bytes);
    }

    /** kind 0: random bytes; 1: the valid seed; otherwise the seed with 1-4 random edits. */
    public static byte[] bytes(byte[] valid, long seed, int kind) {
        Random r = new Random(seed);
        if (kind == 0) {
            byte[] b = new byte[r.nextInt(r.nextBoolean() ? 16 : 2048)];
            r.nextBytes(b);
            return b;
        }
        byte[] b = valid.clone();
        for (int op = kind == 1 ? 0 : 1 + r.nextInt(4); op > 0; op--) {
            b = edit(b, r);
        }
        return b;
    }

    private static final byte[] INTERESTING = "\0\u007f{}[]\",:-9e.\n\\".getBytes(StandardCharsets.ISO_8859_1);

    private static byte[] edit(byte[] b, Random r) {
        if (b.length == 0) {
            return new byte[] {(byte) r.nextInt()};
        }
        int at = r.nextInt(b.length);
        switch (r.nextInt(7)) {
            case 0 -> b[at] ^= (byte) (1 << r.nextInt(8));
            case 1 -> b[at] = INTERESTING[r.nextInt(INTERESTING.length)];
            case 2 -> b[at] = (byte) (0x80 | r.nextInt(0x80));
            case 3 -> {
                return Arrays.copyOf(b, at);
            }
            case 4 -> {
                byte[] extra = new byte[1 + r.nextInt(16)];
                r.nextBytes(extra);
                return splice(b, at, at, extra);
            }
            case 5 -> {
                return splice(b, at, Math.min(b.length, at + 1 + r.nextInt(32)), new byte[0]);
            }
            default -> {
                int end = Math.min(b.length, at + 1 + r.nextInt(64));
                return splice(b, at, at, Arrays.copyOfRange(b, at, end));
            }
        }
        return b;
    }

    private static byte[] splice(byte[] b, int from, int to, byte[] insert) {
        byte[] out = new byte[b.length - (to - from) + insert.length];
        System.arraycopy(b, 0, out, 0, from);
        System.arraycopy(insert, 0, out, from, insert.length);
        System.arraycopy(b, to, out, from + insert.length, b.length - to);
        return out;
    }
}
