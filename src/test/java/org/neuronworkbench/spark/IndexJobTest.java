package org.neuronworkbench.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.SparkConf;
import org.apache.spark.Success$;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuronworkbench.corpus.WindowOptions;
import org.neuronworkbench.index.IndexBuilder;
import org.neuronworkbench.index.IndexFolders;
import org.neuronworkbench.index.IndexOptions;
import org.neuronworkbench.model.ModelLoader;
import org.neuronworkbench.model.ModelRunner;
import org.neuronworkbench.model.Offline;
import org.neuronworkbench.work.Cancel;

/**
 * The Spark job in local mode (2 threads, a failed task retried once) against the single-process
 * build of the same small corpus: the same index, table by table; a task that fails in its first
 * attempt changes nothing; and each bad input ends in one error line.
 */
class IndexJobTest {
    private static final String[] WINDOWS = {"--window", "8", "--stride", "5", "--batch", "16", "--model", "default"};
    private static JavaSparkContext sc;
    private static final AtomicInteger failedTasks = new AtomicInteger();

    @TempDir
    static Path tmp;
    static Path corpus;
    static Path single;

    @BeforeAll
    static void start() throws Exception {
        Offline.enforce();
        List<String> lines = Files.readAllLines(Path.of("sample-data/sentences.txt"), StandardCharsets.UTF_8);
        corpus = tmp.resolve("corpus.txt");
        Files.write(corpus, lines.subList(0, 40), StandardCharsets.UTF_8);
        single = tmp.resolve("single");
        try (ModelRunner runner = ModelLoader.load(ModelLoader.DEFAULT)) {
            IndexOptions o = IndexOptions.defaults().withWindow(WindowOptions.tokens(8, 5)).withBatchSize(16);
            new IndexBuilder(o).build(runner, corpus.toString(), single, null, Cancel.NEVER);
        }
        sc = new JavaSparkContext(new SparkConf().setMaster("local[2,2]").setAppName("IndexJobTest")
                .set("spark.ui.enabled", "false").set("spark.driver.host", "127.0.0.1")
                .set("spark.driver.bindAddress", "127.0.0.1"));
        sc.sc().addSparkListener(new SparkListener() {
            @Override
            public void onTaskEnd(SparkListenerTaskEnd end) {
                if (end.reason() != Success$.MODULE$) {
                    failedTasks.incrementAndGet();
                }
            }
        });
    }

    @AfterAll
    static void stop() {
        if (sc != null) {
            sc.stop();
        }
    }

    private static String[] args(String... more) {
        String[] out = new String[WINDOWS.length + more.length];
        System.arraycopy(WINDOWS, 0, out, 0, WINDOWS.length);
        System.arraycopy(more, 0, out, WINDOWS.length, more.length);
        return out;
    }

    private static String run(int expectedCode, String... args) {
        StringWriter err = new StringWriter();
        int code = IndexJob.run(sc, args, new PrintWriter(err, true));
        assertEquals(expectedCode, code, err.toString());
        return err.toString().strip();
    }

    /**
     * One run covers both: local mode with 2 threads, and partition 1's first attempt throws, so
     * Spark runs it again (maxFailures 2). Kept to one job to keep the suite short.
     */
    @Test
    void theJobBuildsTheSingleProcessIndexEvenWhenATaskFailsOnce() throws Exception {
        Path out = tmp.resolve("spark");
        int before = failedTasks.get();
        run(0, args("--corpus", corpus.toString(), "--out", out.toString(), "--partitions", "3", "--fail-once", "1"));
        assertEquals(before + 1, failedTasks.get(), "exactly one task attempt failed and was retried");
        IndexFolders.assertSameIndex(single, out);
    }

    @Test
    void aModelFolderMissingOnTheExecutorsIsNamed() {
        Path out = tmp.resolve("no-model");
        String err = run(2, args("--corpus", corpus.toString(), "--out", out.toString(),
                "--executor-model", tmp.resolve("absent-model").toString()));
        assertOneErrorLine(err);
        assertTrue(err.contains("cannot be loaded on executor") && err.contains("absent-model")
                && err.contains("--archives"), err);
        assertFalse(Files.exists(out), "a failed fresh build leaves no folder");
    }

    @Test
    void aCorpusThatDoesNotExistIsNamed() {
        String err = run(2, args("--corpus", tmp.resolve("absent.txt").toString(), "--out", tmp.resolve("x").toString()));
        assertOneErrorLine(err);
        assertTrue(err.contains("absent.txt") && err.contains("does not exist"), err);
    }

    @Test
    void anOutputFolderHoldingAnotherIndexIsRefused() throws Exception {
        String err = run(2, "--window", "6", "--model", "default", "--corpus", corpus.toString(), "--out", single.toString());
        assertOneErrorLine(err);
        assertTrue(err.contains("holds an index of") && err.contains("window_size"), err);
        IndexFolders.assertSameIndex(single, single);
    }

    @Test
    void aPartitionTooLargeForAnExecutorSaysToRaiseThePartitions() {
        Path out = tmp.resolve("too-large");
        String err = run(2, args("--corpus", corpus.toString(), "--out", out.toString(), "--partitions", "2",
                "--max-part-mb", "1"));
        assertOneErrorLine(err);
        assertTrue(err.contains("raise the number of partitions"), err);
    }

    private static void assertOneErrorLine(String err) {
        List<String> errors = err.lines().filter(l -> l.startsWith("error:")).toList();
        assertEquals(1, errors.size(), err);
    }
}
