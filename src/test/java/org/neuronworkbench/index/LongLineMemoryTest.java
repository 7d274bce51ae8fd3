package org.neuronworkbench.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuronworkbench.model.Fixtures;

/**
 * Issue 12, defect 1: a 3.6 MB single-line document ({@code 'ab ' * 1.2M}) must cost no more memory
 * than the same bytes as lines of about 100 chars. Each corpus is tokenized (GPT-2's byte-level BPE)
 * and windowed ({@code --window 32}) in a child JVM with a fixed, pre-touched heap, so what differs
 * is native memory: before the fix the tokenizer took the whole line at once and this ratio was
 * about 1.5. The whole {@code index} run is measured by {@code LongLineMemoryBenchmark}.
 */
class LongLineMemoryTest {
    private static final int WORDS = 1_200_000;

    @TempDir
    Path tmp;

    @Test
    void oneLongLineCostsNoMoreMemoryThanManyShortOnes() throws Exception {
        Path longLine = tmp.resolve("long.txt");
        Path lines = tmp.resolve("lines.txt");
        try (Writer one = Files.newBufferedWriter(longLine, StandardCharsets.UTF_8);
             Writer many = Files.newBufferedWriter(lines, StandardCharsets.UTF_8)) {
            for (int i = 0; i < WORDS; i++) {
                one.write("ab ");
                many.write(i % 33 == 32 ? "ab\n" : "ab "); // same bytes, a line every 33 words
            }
        }
        assertEquals(Files.size(longLine), Files.size(lines));
        long[] many = child(lines);
        long[] one = child(longLine);
        // 'ab' then ' ab' x (WORDS-1) then a trailing ' ' token: WORDS + 1 tokens in windows of 32.
        assertEquals((WORDS + 1 + 31) / 32, one[0], "windows of the long line");
        double ratio = (double) one[1] / many[1];
        assertTrue(ratio <= 1.2, String.format("one line peaked at %d MB, the same bytes in lines at %d MB (%.2fx)",
                one[1] / 1024, many[1] / 1024, ratio));
    }

    /** {windows, peak kB} of {@link WindowCountChild} on one corpus. */
    private static long[] child(Path corpus) throws IOException, InterruptedException {
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch", "-Dai.djl.offline=true", "-DOPT_OUT_TRACKING=true",
                "-cp", System.getProperty("java.class.path"), WindowCountChild.class.getName(),
                Fixtures.dir("gpt2-tokenizer").resolve("tokenizer.json").toString(), corpus.toString(), "32");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "child did not finish");
        assertEquals(0, p.exitValue(), out);
        String last = out.strip().lines().reduce((a, b) -> b).orElse("");
        assertTrue(last.matches("windows=\\d+ peak_kB=\\d+"), out);
        String[] parts = last.split("[ =]");
        return new long[] {Long.parseLong(parts[1]), Long.parseLong(parts[3])};
    }
}
