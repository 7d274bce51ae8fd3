package org.neuronworkbench.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuronworkbench.corpus.Corpora;
import org.neuronworkbench.corpus.CorpusOptions;
import org.neuronworkbench.corpus.CorpusReader;
import org.neuronworkbench.corpus.Window;
import org.neuronworkbench.corpus.Windower;
import org.neuronworkbench.index.IndexBuildResult;
import org.neuronworkbench.index.IndexBuilder;
import org.neuronworkbench.index.IndexOptions;
import org.neuronworkbench.model.ModelLoader;
import org.neuronworkbench.model.ModelRunner;
import org.neuronworkbench.model.Offline;
import org.neuronworkbench.model.TokenizedText;
import org.neuronworkbench.model.hooks.HookName;
import org.neuronworkbench.model.TokenBudgetBatches;

/**
 * {@code bench index}: end-to-end indexing tokens/s against the runner's plain forward (all
 * mlp.hook_post) on the same windows, and peak RSS of a child JVM indexing N vs 4N tokens of WordNet
 * glosses (the 4N corpus is the N corpus repeated 4 times, so only corpus length changes).
 * Run with {@code mvn -Pbench test -Dtest=IndexBenchmark}.
 */
@Tag("bench")
class IndexBenchmark {
    private static final int RATIO_GLOSSES = Integer.getInteger("bench.ratioGlosses", 1200);
    private static final int MEMORY_GLOSSES = Integer.getInteger("bench.memoryGlosses", 3000);
    private static final int ROUNDS = 2;

    @TempDir
    Path tmp;

    @Test
    void indexVersusForwardAndPeakMemory() throws Exception {
        Offline.enforce();
        Path small = glosses(tmp.resolve("ratio.txt"), RATIO_GLOSSES, 1);
        IndexOptions options = IndexOptions.defaults();
        double[] indexTps = new double[ROUNDS];
        double[] sortedTps = new double[ROUNDS];
        double[] naiveTps = new double[ROUNDS];
        long tokens = 0;
        try (ModelRunner runner = ModelLoader.loadEmbedded()) {
            List<TokenizedText> windows = windows(runner, small, options);
            for (int r = 0; r < ROUNDS; r++) {
                naiveTps[r] = forwardTps(runner, ModelRunner.batches(windows, 32));
                sortedTps[r] = forwardTps(runner, lengthSorted(windows, options.batchSize()));
                long t0 = System.nanoTime();
                IndexBuildResult res = new IndexBuilder(options).build(runner, small.toString(), tmp.resolve("idx" + r), null, null);
                indexTps[r] = res.tokens() / ((System.nanoTime() - t0) / 1e9);
                tokens = res.tokens();
            }
        }
        double idx = Timing.median(indexTps);
        double sorted = Timing.median(sortedTps);
        double naive = Timing.median(naiveTps);
        System.out.printf("bench index (MiniLM, %d WordNet glosses = %d content tokens, windows of 64, batch %d, %d rounds, medians)%n",
                RATIO_GLOSSES, tokens, options.batchSize(), ROUNDS);
        System.out.printf("  plain forward, batches of 32 in corpus order:        %8.0f tok/s%n", naive);
        System.out.printf("  plain forward, the index's length-sorted forwards:   %8.0f tok/s%n", sorted);
        System.out.printf("  indexing end to end (count + 2 passes + writes):     %8.0f tok/s%n", idx);
        System.out.printf("  ratio index / sorted forward: %.2f   index / in-order forward: %.2f%n", idx / sorted, idx / naive);

        Path n1 = glosses(tmp.resolve("n1.txt"), MEMORY_GLOSSES, 1);
        Path n4 = glosses(tmp.resolve("n4.txt"), MEMORY_GLOSSES, 4);
        long[] rss1 = childPeakRss(n1, tmp.resolve("m1"));
        System.out.printf("  peak RSS (VmHWM) of a child JVM: N=%d tokens %d MB (%.0f s)%n", rss1[1], rss1[0] / 1024, rss1[2] / 1000.0);
        long[] rss4 = childPeakRss(n4, tmp.resolve("m4"));
        System.out.printf("  peak RSS (VmHWM) of a child JVM: 4N=%d tokens %d MB (%.0f s); 4N/N = %.3f%n",
                rss4[1], rss4[0] / 1024, rss4[2] / 1000.0, (double) rss4[0] / rss1[0]);
    }

    /** Content tokens per second of runWithCache(all mlp.hook_post) over the given batches. */
    private static double forwardTps(ModelRunner runner, List<List<TokenizedText>> batches) {
        long t0 = System.nanoTime();
        long n = 0;
        for (List<TokenizedText> batch : batches) {
            runner.runWithCache(batch, HookName::isMlpPost);
            n += batch.stream().mapToLong(t -> t.length() - 2).sum();
        }
        return n / ((System.nanoTime() - t0) / 1e9);
    }

    /** The forwards the index runs: each batch sorted by length, cut at the index's padded-token budget. */
    private static List<List<TokenizedText>> lengthSorted(List<TokenizedText> windows, int batchSize) {
        List<List<TokenizedText>> out = new ArrayList<>();
        for (List<TokenizedText> batch : ModelRunner.batches(windows, batchSize)) {
            out.addAll(TokenBudgetBatches.pack(batch, TokenizedText::length));
        }
        return out;
    }

    private static List<TokenizedText> windows(ModelRunner runner, Path corpus, IndexOptions o) {
        List<TokenizedText> out = new ArrayList<>();
        try (CorpusReader reader = Corpora.open(corpus.toString(), CorpusOptions.defaults())) {
            Windower w = new Windower(reader, IndexBuilder.splitterFor(runner), o.window());
            while (w.hasNext()) {
                Window win = w.next();
                out.add(runner.tokenize(win.text()));
            }
        }
        return out;
    }

    /** The first {@code n} WordNet glosses, the whole list written {@code repeat} times. */
    private static Path glosses(Path file, int n, int repeat) throws IOException {
        List<String> lines = Glosses.first(n);
        List<String> all = new ArrayList<>();
        for (int r = 0; r < repeat; r++) {
            all.addAll(lines);
        }
        Files.write(file, all, StandardCharsets.UTF_8);
        return file;
    }

    /** {peak kB, tokens, ms}: indexes in a fresh JVM and samples its VmHWM until it exits. */
    private static long[] childPeakRss(Path corpus, Path out) throws Exception {
        // The heap is fixed and pre-touched, so its RSS is the same from the first second and the
        // comparison shows whether anything else (activation map, DuckDB, libtorch, buffers) grows
        // with the corpus. Without it, G1 keeps expanding a lazily sized heap the longer a run lasts.
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xms4g", "-Xmx4g", "-XX:+AlwaysPreTouch",
                "-Dai.djl.offline=true", "-DOPT_OUT_TRACKING=true", "-cp", System.getProperty("java.class.path"),
                "org.neuronworkbench.Main", "index", "--corpus", corpus.toString(), "--out", out.toString(), "--json");
        Path log = out.resolveSibling(out.getFileName() + ".json");
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(cmd).redirectOutput(log.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        long peak = PeakRss.watch(p, 50);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        if (p.exitValue() != 0) {
            throw new IllegalStateException("child index run failed with " + p.exitValue());
        }
        long tokens = new com.fasterxml.jackson.databind.ObjectMapper().readTree(log.toFile()).get("tokens").asLong();
        return new long[] {peak, tokens, ms};
    }
}
