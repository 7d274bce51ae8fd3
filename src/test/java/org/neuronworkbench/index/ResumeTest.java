package org.neuronworkbench.index;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuronworkbench.corpus.CorpusList;
import org.neuronworkbench.model.ModelRunner;

/** kill -9 a child JVM mid-build (twice: once per pass), resume, and compare with an uninterrupted build. */
class ResumeTest {
    @TempDir
    Path tmp;

    @Test
    void killedAndResumedEqualsUninterrupted() throws Exception {
        ModelRunner runner = IndexTestSupport.model();
        Path corpus = IndexTestSupport.sentences(tmp, 60);
        IndexOptions options = IndexTestSupport.smallOptions().withBatchSize(8).withCheckpointEvery(1);
        Path killed = tmp.resolve("killed");

        killChildAfter(corpus, killed, 1);   // during pass 1
        assertThrows(killed);
        killChildAfter(corpus, killed, 2);   // resumed, then killed again during pass 2
        IndexBuildResult resumed = new IndexBuilder(options).build(runner, corpus.toString(), killed, null, null);
        assertTrue(resumed.resumedFromWindows() > resumed.windows(), "resumed inside pass 2: " + resumed);

        Path straight = tmp.resolve("straight");
        new IndexBuilder(options).build(runner, corpus.toString(), straight, null, null);

        for (String f : List.of(FirstPassWriter.AMAP_FILE, SecondPassWriter.TOPWORDS_FILE, ActivationHistogram.FILE)) {
            assertArrayEquals(Files.readAllBytes(straight.resolve(f)), Files.readAllBytes(killed.resolve(f)), f);
        }
        try (CorpusIndex a = CorpusIndex.open(straight); CorpusIndex b = CorpusIndex.open(killed)) {
            assertEquals(a.info(), b.info());
            for (int l = 0; l < a.info().layers(); l++) {
                for (int n = 0; n < a.info().dMlp(); n++) {
                    NeuronStats x = a.stats(l, n);
                    NeuronStats y = b.stats(l, n);
                    assertEquals(x.mean(), y.mean(), 0.0);
                    assertEquals(x.std(), y.std(), 0.0);
                    assertEquals(x.max(), y.max(), 0.0);
                    assertEquals(x.fracActive(), y.fracActive(), 0.0);
                    assertArrayEquals(x.quantiles(), y.quantiles());
                }
                for (int n = 0; n < a.info().dMlp(); n += 101) {
                    assertEquals(a.topExcerpts(l, n, 20), b.topExcerpts(l, n, 20));
                    assertEquals(a.quantileSamples(l, n), b.quantileSamples(l, n));
                }
            }
        }
    }

    /**
     * A pass 1 checkpoint written before the moments became count/mean/M2 holds sums of x and x
     * squared: resuming it is refused with the reason and the way out, not misread as mean and M2.
     */
    @Test
    void aCheckpointOfSumsOfSquaresIsRefused() throws Exception {
        ModelRunner runner = IndexTestSupport.model();
        Path corpus = IndexTestSupport.sentences(tmp, 60);
        IndexOptions options = IndexTestSupport.smallOptions().withBatchSize(8).withCheckpointEvery(1);
        Path out = tmp.resolve("old-checkpoint");
        org.neuronworkbench.work.CancelSwitch cancel = new org.neuronworkbench.work.CancelSwitch();
        int[] forwards = {0};
        IndexBuildResult r = new IndexBuilder(options).build(runner, corpus.toString(), out, step -> {
            if (step.phase().equals("Pass 1 of 2") && ++forwards[0] == 6) {
                cancel.cancel();
            }
        }, cancel);
        assertTrue(r.cancelled(), "cancelled in pass 1: " + r);
        try (IndexStore store = IndexStore.open(out, false)) {
            assertEquals(1, store.progress().phase());
            assertTrue(store.progress().windowsDone() > 0, "a pass 1 checkpoint was written");
            Map<String, byte[]> state = store.loadState();
            assertEquals(FirstPass.STATE_FORMAT, Codec.longs(state.get(FirstPass.STATE_FORMAT_KEY))[0]);
            // What the older version wrote: sums in place of mean and M2, and no format entry.
            store.inTransaction(conn -> {
                try (var s = conn.createStatement()) {
                    s.execute("DELETE FROM ckpt_state WHERE name IN ('" + FirstPass.STATE_FORMAT_KEY + "', 'mean', 'm2')");
                }
                IndexStore.saveState(conn, Map.of("sum", state.get("mean"), "sumSq", state.get("m2")), Map.of());
            });
        }
        IndexException e = org.junit.jupiter.api.Assertions.assertThrows(IndexException.class,
                () -> new IndexBuilder(options).build(runner, corpus.toString(), out, null, null));
        assertTrue(e.getMessage().contains("checkpoint is of format 1 (sums of squares)")
                && e.getMessage().contains("delete the folder"), e.getMessage());
        assertTrue(Files.exists(out.resolve(IndexStore.PROGRESS_FILE)), "the unfinished index is left as it was");
    }

    /**
     * Several corpora are one index: an unfinished build of a list resumes with the same list
     * (giving the uninterrupted index) and is refused, with the recorded list, when the order differs.
     */
    @Test
    void aListOfCorporaResumesOnlyWithTheSameList() throws Exception {
        ModelRunner runner = IndexTestSupport.model();
        List<String> lines = Files.readAllLines(Path.of("sample-data/sentences.txt"));
        Path first = Files.write(tmp.resolve("first.txt"), lines.subList(100, 130));
        Path second = Files.write(tmp.resolve("second.txt"), lines.subList(130, 160));
        CorpusList both = CorpusList.local(List.of(first.toString(), second.toString()));
        IndexOptions options = IndexTestSupport.smallOptions().withBatchSize(8).withCheckpointEvery(1);
        Path out = tmp.resolve("list");
        org.neuronworkbench.work.CancelSwitch cancel = new org.neuronworkbench.work.CancelSwitch();
        int[] forwards = {0};
        IndexBuildResult r = new IndexBuilder(options).build(runner, both, out, step -> {
            if (step.phase().equals("Pass 1 of 2") && ++forwards[0] == 6) {
                cancel.cancel();
            }
        }, cancel);
        assertTrue(r.cancelled(), "cancelled in pass 1: " + r);

        CorpusList swapped = CorpusList.local(List.of(second.toString(), first.toString()));
        IndexException e = org.junit.jupiter.api.Assertions.assertThrows(IndexException.class,
                () -> new IndexBuilder(options).build(runner, swapped, out, null, null));
        assertTrue(e.getMessage().contains("corpus_spec was '" + first + ", " + second + "'"), e.getMessage());

        IndexBuildResult resumed = new IndexBuilder(options).build(runner, both, out, null, null);
        assertTrue(resumed.resumedFromWindows() > 0, "resumed: " + resumed);
        Path straight = tmp.resolve("list-straight");
        new IndexBuilder(options).build(runner, both, straight, null, null);
        IndexFolders.assertSameIndex(straight, out);
        try (CorpusIndex index = CorpusIndex.open(out)) {
            assertEquals(first + ", " + second, index.info().corpusSpec());
        }
    }

    private static void assertThrows(Path unfinished) {
        IndexException e = org.junit.jupiter.api.Assertions.assertThrows(IndexException.class, () -> CorpusIndex.open(unfinished));
        assertTrue(e.getMessage().contains("unfinished"), e.getMessage());
    }

    /** Runs {@code index} in a child JVM and kills it (SIGKILL) once a checkpoint of the given pass is committed. */
    private static void killChildAfter(Path corpus, Path out, int pass) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dai.djl.offline=true", "-DOPT_OUT_TRACKING=true", "-cp", System.getProperty("java.class.path"),
                "org.neuronworkbench.Main", "index", "--corpus", corpus.toString(), "--out", out.toString(),
                "--window", "8", "--stride", "5", "--batch", "8", "--checkpoint-every", "1"));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(out.resolveSibling("child-" + pass + ".log").toFile());
        pb.environment().put("OPT_OUT_TRACKING", "true");
        Process p = pb.start();
        Path progress = out.resolve(IndexStore.PROGRESS_FILE);
        long deadline = System.nanoTime() + 240_000_000_000L;
        try {
            while (System.nanoTime() < deadline && p.isAlive()) {
                if (Files.exists(progress) && Files.readString(progress).contains("\"phase\": " + pass + ", \"windows_done\": ")
                        && !Files.readString(progress).contains("\"windows_done\": 0,")) {
                    break;
                }
                Thread.sleep(20);
            }
            assertTrue(p.isAlive(), "the child finished or died before a pass " + pass + " checkpoint: "
                    + Files.readString(out.resolveSibling("child-" + pass + ".log")));
        } finally {
            p.destroyForcibly().waitFor();
        }
    }
}
