package org.neuronworkbench.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.spark.SparkConf;
import org.apache.spark.Success$;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuronworkbench.corpus.CorpusList;
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
 * attempt changes nothing; several corpora, local, as {@code file:///} URLs and on a Hadoop file
 * system java.nio cannot read ({@link NwTestFileSystem}), give the single process's index of the
 * same list; a run whose pass 2 fails is resumed without running pass 1 again; and each bad input
 * ends in one error line.
 */
class IndexJobTest {
    private static final String[] WINDOWS = {"--window", "8", "--stride", "5", "--batch", "16", "--model", "default"};
    private static JavaSparkContext sc;
    private static final AtomicInteger failedTasks = new AtomicInteger();
    /** Spark jobs started, per job group (IndexJob names each pass's group). */
    private static final Map<String, AtomicInteger> jobsPerGroup = new ConcurrentHashMap<>();

    @TempDir
    static Path tmp;
    static Path corpus;
    static Path single;
    /** A folder of two .txt files and a .jsonl file, and the single process's index of the two in that order. */
    static Path docs;
    static Path jsonl;
    static Path singleOfTwo;

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
            docs = Files.createDirectories(tmp.resolve("docs"));
            // Written b before a: the folder is read in name order, whatever the listing gives.
            Files.write(docs.resolve("b.txt"), lines.subList(50, 58), StandardCharsets.UTF_8);
            Files.write(docs.resolve("a.txt"), lines.subList(40, 50), StandardCharsets.UTF_8);
            Files.writeString(docs.resolve("notes.md"), "not a corpus file: skipped by the folder reader\n");
            jsonl = tmp.resolve("more.jsonl");
            ObjectMapper json = new ObjectMapper();
            List<String> records = new ArrayList<>();
            for (String line : lines.subList(58, 70)) {
                records.add(json.writeValueAsString(Map.of("text", line)));
            }
            Files.write(jsonl, records, StandardCharsets.UTF_8);
            singleOfTwo = tmp.resolve("single-of-two");
            new IndexBuilder(o).build(runner, CorpusList.local(List.of(docs.toString(), jsonl.toString())), singleOfTwo,
                    null, Cancel.NEVER);
        }
        sc = new JavaSparkContext(new SparkConf().setMaster("local[2,2]").setAppName("IndexJobTest")
                .set("spark.ui.enabled", "false").set("spark.driver.host", "127.0.0.1")
                .set("spark.driver.bindAddress", "127.0.0.1"));
        sc.hadoopConfiguration().set("fs." + NwTestFileSystem.SCHEME + ".impl", NwTestFileSystem.class.getName());
        sc.hadoopConfiguration().set("fs." + NwTestFileSystem.SCHEME + ".impl.disable.cache", "true");
        sc.hadoopConfiguration().set("fs." + NwTestFileSystem.SCHEME + ".root", tmp.toString());
        sc.sc().addSparkListener(new SparkListener() {
            @Override
            public void onJobStart(SparkListenerJobStart start) {
                String group = start.properties() == null ? null : start.properties().getProperty("spark.jobGroup.id");
                jobsPerGroup.computeIfAbsent(String.valueOf(group), g -> new AtomicInteger()).incrementAndGet();
            }

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

    /** A folder given as a local path and a .jsonl file as a file:/// URL, each with its own --corpus. */
    @Test
    void twoCorporaGiveTheSingleProcessIndexOfBoth() throws Exception {
        Path out = tmp.resolve("spark-two");
        run(0, args("--corpus", docs.toString(), "--corpus", jsonl.toUri().toString(), "--out", out.toString(),
                "--partitions", "3"));
        IndexFolders.assertSameIndex(singleOfTwo, out);
    }

    /** The same two read through a Hadoop file system under a scheme of its own, given comma-separated. */
    @Test
    void corporaOnAHadoopFileSystemGiveTheSameIndex() throws Exception {
        assertFalse(Files.exists(Path.of("/docs/a.txt")), "nwtest:///docs is not a local path in disguise");
        Path out = tmp.resolve("spark-hadoop");
        run(0, args("--corpus", "nwtest:///docs,nwtest:///more.jsonl", "--out", out.toString(), "--partitions", "2"));
        IndexFolders.assertSameIndex(singleOfTwo, out);
    }

    /**
     * Pass 2 fails on every attempt: one error line, and the folder keeps pass 1. The same command
     * without the failure starts no pass 1 job and gives the single process's index.
     */
    @Test
    void aRunWhosePassTwoFailedResumesAtPassTwo() throws Exception {
        Path out = tmp.resolve("spark-resumed");
        String[] common = args("--corpus", corpus.toString(), "--out", out.toString(), "--partitions", "3");
        int passOneJobs = jobs(IndexJob.PASS_ONE_GROUP);
        String[] failing = java.util.Arrays.copyOf(common, common.length + 1);
        failing[common.length] = "--fail-pass-two";
        String err = run(2, failing);
        assertOneErrorLine(err);
        assertTrue(err.contains("--fail-pass-two") && err.contains("pass 1 is kept in " + out)
                && err.contains("run the same command again"), err);
        assertTrue(jobs(IndexJob.PASS_ONE_GROUP) > passOneJobs, "the first run ran pass 1");
        assertTrue(Files.exists(out), "the folder with pass 1 is kept");

        passOneJobs = jobs(IndexJob.PASS_ONE_GROUP);
        int passTwoJobs = jobs(IndexJob.PASS_TWO_GROUP);
        run(0, common);
        assertEquals(passOneJobs, jobs(IndexJob.PASS_ONE_GROUP), "the resumed run started no pass 1 job");
        assertTrue(jobs(IndexJob.PASS_TWO_GROUP) > passTwoJobs, "the resumed run ran pass 2");
        IndexFolders.assertSameIndex(single, out);
    }

    @Test
    void aHadoopUrlThatDoesNotExistIsNamed() {
        for (String url : List.of("nwtest:///absent.txt", tmp.resolve("absent.jsonl").toUri().toString())) {
            Path out = tmp.resolve("absent-url");
            String err = run(2, args("--corpus", corpus + "," + url, "--out", out.toString()));
            assertOneErrorLine(err);
            assertTrue(err.contains("corpus " + url + " does not exist"), err);
            assertFalse(Files.exists(out), "nothing is written for a corpus that does not exist");
        }
    }

    @Test
    void aSchemeWithNoFileSystemIsNamed() {
        Path out = tmp.resolve("no-scheme");
        String err = run(2, args("--corpus", "nosuch://x/corpus.txt", "--out", out.toString()));
        assertOneErrorLine(err);
        assertTrue(err.contains("no file system is configured for the scheme 'nosuch'") && err.contains("nosuch://x/corpus.txt"), err);
        assertFalse(Files.exists(out));
    }

    /** Hadoop's defaults name S3AFileSystem for s3a, whose jar (hadoop-aws) is not on this classpath. */
    @Test
    void aSchemeWhoseFileSystemJarIsMissingSaysWhichJar() {
        Path out = tmp.resolve("no-s3a");
        String err = run(2, args("--corpus", "s3a://bucket/corpus.jsonl", "--out", out.toString()));
        assertOneErrorLine(err);
        assertTrue(err.contains("scheme 's3a' of corpus s3a://bucket/corpus.jsonl") && err.contains("S3AFileSystem")
                && err.contains("hadoop-aws"), err);
        assertFalse(Files.exists(out));
    }

    private static int jobs(String group) {
        AtomicInteger n = jobsPerGroup.get(group);
        return n == null ? 0 : n.get();
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
