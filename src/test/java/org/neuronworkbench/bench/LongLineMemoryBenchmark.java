package org.neuronworkbench.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuronworkbench.model.Fixtures;
import org.neuronworkbench.model.weights.SafetensorsFile;
import org.neuronworkbench.model.weights.SafetensorsTestFiles;

/**
 * {@code bench long-line}: peak RSS of a child JVM indexing one document of {@code 'ab ' * N} on a
 * single line (the hostile input of issue 12) against the same bytes cut into lines of about 100
 * chars, with GPT-2's real byte-level BPE tokenizer and {@code --window 32}. Memory must not depend
 * on how long one document is: the ratio is asserted to stay within 1.2.
 * Run with {@code mvn -Pbench test -Dtest=LongLineMemoryBenchmark -Dbench.longLineWords=3000000}.
 */
@Tag("bench")
class LongLineMemoryBenchmark {
    private static final int WORDS = Integer.getInteger("bench.longLineWords", 1_000_000);

    @TempDir
    Path tmp;

    @Test
    void oneLongLineCostsNoMoreMemoryThanManyShortOnes() throws Exception {
        Path model = gpt2TinyWithGpt2Tokenizer(tmp.resolve("model"));
        Path longLine = tmp.resolve("long.txt");
        Path lines = tmp.resolve("lines.txt");
        try (Writer one = Files.newBufferedWriter(longLine, StandardCharsets.UTF_8);
             Writer many = Files.newBufferedWriter(lines, StandardCharsets.UTF_8)) {
            for (int i = 0; i < WORDS; i++) {
                one.write("ab ");
                // Every 33rd word ends a line instead (same byte count: "ab\n" for "ab ").
                many.write(i % 33 == 32 ? "ab\n" : "ab ");
            }
            one.write('\n');
            many.write('\n');
        }
        assertEquals(Files.size(longLine), Files.size(lines));
        // Alternate, so a change in the machine's load hits both.
        List<long[]> longRuns = new ArrayList<>();
        List<long[]> lineRuns = new ArrayList<>();
        for (int round = 0; round < 2; round++) {
            lineRuns.add(childPeakRss(model, lines, tmp.resolve("lines" + round)));
            longRuns.add(childPeakRss(model, longLine, tmp.resolve("long" + round)));
        }
        double longPeak = Timing.median(longRuns.stream().mapToDouble(r -> r[0]).toArray());
        double linePeak = Timing.median(lineRuns.stream().mapToDouble(r -> r[0]).toArray());
        System.out.printf("bench long-line (gpt2-tiny + GPT-2 tokenizer, %d words = %d bytes, --window 32, 2 rounds, medians)%n",
                WORDS, Files.size(longLine));
        System.out.printf("  lines of ~100 chars: peak RSS %.0f MB, %d tokens, %.1f s%n", linePeak / 1024,
                lineRuns.get(0)[1], Timing.median(lineRuns.stream().mapToDouble(r -> r[2]).toArray()) / 1000);
        System.out.printf("  one line:            peak RSS %.0f MB, %d tokens, %.1f s%n", longPeak / 1024,
                longRuns.get(0)[1], Timing.median(longRuns.stream().mapToDouble(r -> r[2]).toArray()) / 1000);
        System.out.printf("  ratio one line / lines: %.3f%n", longPeak / linePeak);
        assertTrue(longRuns.get(0)[1] >= WORDS, "every word is a token of the long line");
        assertTrue(longPeak / linePeak <= 1.2, "one long line needs " + longPeak / linePeak + "x the memory");
    }

    /**
     * The gpt2-tiny fixture with its 96-row embedding tiled to GPT-2's 50,257 ids, next to the real
     * GPT-2 tokenizer.json: a model that runs in milliseconds and tokenizes like GPT-2.
     */
    static Path gpt2TinyWithGpt2Tokenizer(Path dir) throws IOException {
        Files.createDirectories(dir);
        int vocab = 50257;
        SafetensorsTestFiles out = new SafetensorsTestFiles();
        try (SafetensorsFile src = SafetensorsFile.open(Fixtures.dir(Fixtures.GPT2).resolve("model.safetensors"))) {
            for (String name : src.names().stream().sorted().toList()) {
                float[] values = src.read(name);
                long[] shape = src.info(name).shape();
                if (name.equals("wte.weight")) {
                    int d = (int) shape[1];
                    float[] tiled = new float[vocab * d];
                    for (int row = 0; row < vocab; row++) {
                        System.arraycopy(values, (row % (int) shape[0]) * d, tiled, row * d, d);
                    }
                    values = tiled;
                    shape = new long[] {vocab, d};
                }
                out.addF32(name, shape, values);
            }
        }
        out.write(dir.resolve("model.safetensors"));
        String config = Files.readString(Fixtures.dir(Fixtures.GPT2).resolve("config.json"))
                .replace("\"vocab_size\":96", "\"vocab_size\":" + vocab).replace("\"vocab_size\": 96", "\"vocab_size\": " + vocab);
        assertTrue(config.contains(Integer.toString(vocab)), config);
        Files.writeString(dir.resolve("config.json"), config);
        Files.copy(Fixtures.dir("gpt2-tokenizer").resolve("tokenizer.json"), dir.resolve("tokenizer.json"));
        return dir;
    }

    /** {peak kB, tokens, ms}: indexes in a fresh JVM with a fixed, pre-touched heap and samples its VmHWM. */
    private static long[] childPeakRss(Path model, Path corpus, Path out) throws Exception {
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch",
                "-Dai.djl.offline=true", "-DOPT_OUT_TRACKING=true", "-cp", System.getProperty("java.class.path"),
                "org.neuronworkbench.Main", "index", "--model", model.toString(), "--corpus", corpus.toString(),
                "--window", "32", "--out", out.toString(), "--json");
        Path log = out.resolveSibling(out.getFileName() + ".json");
        Path err = out.resolveSibling(out.getFileName() + ".err");
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(cmd).redirectOutput(log.toFile()).redirectError(err.toFile()).start();
        long peak = PeakRss.watch(p, 50);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        if (p.exitValue() != 0) {
            throw new IllegalStateException("child index run failed with " + p.exitValue() + ": " + Files.readString(err));
        }
        JsonNode result = new ObjectMapper().readTree(log.toFile());
        return new long[] {peak, result.get("tokens").asLong(), ms};
    }
}
