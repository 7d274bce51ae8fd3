package org.neuronworkbench.bench;

import java.io.ByteArrayOutputStream;
import java.io.ObjectOutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuronworkbench.index.IndexBuildResult;
import org.neuronworkbench.index.IndexBuilder;
import org.neuronworkbench.index.IndexOptions;
import org.neuronworkbench.index.IndexParts;
import org.neuronworkbench.index.IndexShard;
import org.neuronworkbench.index.PartsBuild;
import org.neuronworkbench.index.WorkerBuild;
import org.neuronworkbench.model.ModelLoader;
import org.neuronworkbench.model.ModelRunner;
import org.neuronworkbench.model.Offline;
import org.neuronworkbench.spark.IndexJob;
import org.neuronworkbench.work.Cancel;

/**
 * {@code bench distributed}: the same corpus indexed by the single process, by {@code --workers 2}
 * and by the Spark job in local[1] and local[2], end to end (count, both passes, writes), as
 * tokens/s and ratios to the single process, medians over rounds; and what a part weighs (for the
 * cluster estimate in BENCHMARKS.md). Spark contexts are started outside the timed runs.
 * Run with {@code mvn -Pbench test -Dtest=DistributedIndexBenchmark}.
 */
@Tag("bench")
class DistributedIndexBenchmark {
    private static final int GLOSSES = Integer.getInteger("bench.glosses", 1500);
    private static final int ROUNDS = Integer.getInteger("bench.rounds", 3);

    @TempDir
    Path tmp;

    @Test
    void singleVersusWorkersVersusSpark() throws Exception {
        Offline.enforce();
        Path corpus = glosses(tmp.resolve("glosses.txt"), GLOSSES);
        // Batches of 64 windows, so the corpus has enough whole batches for 8 shards.
        IndexOptions o = IndexOptions.defaults().withBatchSize(64);
        String[] job = {"--model", "default", "--corpus", corpus.toString(), "--batch", "64"};
        double[][] tps = new double[4][ROUNDS];
        long tokens = 0;
        try (ModelRunner runner = ModelLoader.load(ModelLoader.DEFAULT)) {
            for (int r = 0; r < ROUNDS; r++) {
                long t0 = System.nanoTime();
                IndexBuildResult single = new IndexBuilder(o).build(runner, corpus.toString(), tmp.resolve("single" + r), null, null);
                tokens = single.tokens();
                tps[0][r] = tokens / seconds(t0);
                t0 = System.nanoTime();
                WorkerBuild.build(runner, corpus.toString(), o, tmp.resolve("workers" + r), 2, null, null);
                tps[1][r] = tokens / seconds(t0);
                for (int cores = 1; cores <= 2; cores++) {
                    JavaSparkContext sc = new JavaSparkContext(new SparkConf().setMaster("local[" + cores + "]")
                            .setAppName("bench").set("spark.ui.enabled", "false").set("spark.driver.host", "127.0.0.1"));
                    try {
                        String[] args = concat(job, "--out", tmp.resolve("spark" + cores + "-" + r).toString(),
                                "--partitions", Integer.toString(4 * cores));
                        t0 = System.nanoTime();
                        int code = IndexJob.run(sc, args, new PrintWriter(System.err, true));
                        tps[1 + cores][r] = tokens / seconds(t0);
                        if (code != 0) {
                            throw new AssertionError("the Spark job failed");
                        }
                    } finally {
                        sc.stop();
                    }
                }
            }
            double base = Timing.median(tps[0]);
            System.out.printf("bench distributed (MiniLM, %d WordNet glosses = %d content tokens, windows of 64, batch 64, %d rounds, medians)%n",
                    GLOSSES, tokens, ROUNDS);
            String[] names = {"single process", "--workers 2", "Spark local[1], 4 partitions", "Spark local[2], 8 partitions"};
            for (int v = 0; v < 4; v++) {
                System.out.printf("  %-32s %8.0f tok/s   ratio to single %.2f   rounds %s%n", names[v], Timing.median(tps[v]),
                        Timing.median(tps[v]) / base, java.util.Arrays.toString(round(tps[v])));
            }
            partSizes(runner, corpus, o, tokens);
        }
    }

    /** Serialized sizes of one shard's parts (of 4), with the activation-map / |z| rows counted apart. */
    private void partSizes(ModelRunner runner, Path corpus, IndexOptions o, long tokens) throws Exception {
        try (PartsBuild b = PartsBuild.start(runner, corpus.toString(), o, tmp.resolve("sizes"), null, Cancel.NEVER)) {
            List<IndexShard> shards = b.shards(4);
            IndexShard s = shards.get(0);
            IndexParts.PassOne one = IndexParts.passOne(runner, corpus.toString(), o, s, Cancel.NEVER);
            long[] rows = {0};
            one.forEachTokenRow((id, count, sums) -> rows[0]++);
            int neurons = runner.config().layers() * runner.config().dMlp();
            long partTokens = one.tokens();
            long withRows = serializedBytes(one);
            long rest = serializedBytes(one.clearTokenRows());
            System.out.printf("  part of shard 0 of 4: %d tokens, %d token types (rows), %d neurons%n", partTokens, rows[0], neurons);
            System.out.printf("  pass 1 part without rows: %.1f MB (%.0f B per neuron); rows: %.1f MB (%d B per row); part with rows %.1f MB%n",
                    rest / 1e6, (double) rest / neurons, (withRows - rest) / 1e6, rows[0] == 0 ? 0 : (withRows - rest) / rows[0],
                    withRows / 1e6);
        }
    }

    private static long serializedBytes(Object o) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(o);
        }
        return bytes.size();
    }

    private static double seconds(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }

    private static long[] round(double[] v) {
        long[] out = new long[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = Math.round(v[i]);
        }
        return out;
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static Path glosses(Path file, int n) throws java.io.IOException {
        Files.write(file, Glosses.first(n), StandardCharsets.UTF_8);
        return file;
    }
}
