package org.neuronworkbench.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuronworkbench.corpus.CorpusException;
import org.neuronworkbench.corpus.CorpusOptions;
import org.neuronworkbench.corpus.WindowOptions;
import org.neuronworkbench.model.Fixtures;
import org.neuronworkbench.model.ModelRunner;
import org.neuronworkbench.work.CancelSwitch;
import org.neuronworkbench.work.Step;

/** Cancel latency and progress, and each kind of bad input with a clear message and nothing half-written. */
class CancelAndBadInputTest {
    @TempDir
    Path tmp;

    @Test
    void cancelReturnsWithin200MsAndReportsProgress() throws Exception {
        ModelRunner runner = IndexTestSupport.model();
        Path corpus = IndexTestSupport.sentences(tmp, 341);
        Path out = tmp.resolve("idx");
        List<Step> seen = new CopyOnWriteArrayList<>();
        List<Long> at = new CopyOnWriteArrayList<>();
        CancelSwitch cancel = new CancelSwitch();
        CompletableFuture<IndexBuildResult> build = CompletableFuture.supplyAsync(() -> new IndexBuilder(
                IndexOptions.defaults().withWindow(WindowOptions.tokens(16, 16))).build(runner, corpus.toString(), out, step -> {
                    at.add(System.nanoTime());
                    seen.add(step);
                }, cancel));
        while (seen.stream().filter(s -> s.phase().equals("Pass 1 of 2")).count() < 3) {
            Thread.sleep(5);
        }
        long t0 = System.nanoTime();
        cancel.cancel();
        IndexBuildResult r = build.get(5, TimeUnit.SECONDS);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(r.cancelled());
        // A cancel is seen between two forwards, so it waits for at most the forward in flight:
        // 200 ms on a free machine; on a loaded one, the slowest report-to-report gap seen here
        // (one forward and its folding), with a margin. A cancel seen only at checkpoints fails both.
        long slowestForward = 0;
        for (int i = 1; i < at.size(); i++) {
            if (!seen.get(i - 1).phase().equals("Pass 1 of 2")) {
                continue; // counting windows, loading: not a forward
            }
            slowestForward = Math.max(slowestForward, (at.get(i) - at.get(i - 1)) / 1_000_000);
        }
        long bound = Math.max(200, slowestForward * 3 / 2 + 50);
        assertTrue(ms < bound, "cancel took " + ms + " ms; the slowest forward took " + slowestForward + " ms");
        Step p = seen.get(seen.size() - 1);
        // The rate and time left are known once a batch ran; done/total cover both passes.
        assertTrue(p.fraction() > 0 && p.fraction() < 1, p.toString());
        assertTrue(p.detail().contains("tokens/s") && p.detail().contains("left"), p.toString());
        assertTrue(p.phase().equals("Pass 1 of 2") && p.total() > 2 * 341, p.toString());
        // Not complete, so it cannot be opened; the message says how to resume.
        IndexException e = assertThrows(IndexException.class, () -> CorpusIndex.open(out));
        assertTrue(e.getMessage().contains("unfinished") && e.getMessage().contains("resume"), e.getMessage());
        // Another setting on the same folder is refused with the difference spelled out.
        IndexException other = assertThrows(IndexException.class, () -> new IndexBuilder(IndexOptions.defaults())
                .build(runner, corpus.toString(), out, null, null));
        assertTrue(other.getMessage().contains("window_size was '16', now '64'"), other.getMessage());
    }

    @Test
    void malformedUtf8IsReplacedAndCounted() throws Exception {
        Path corpus = tmp.resolve("bad.txt");
        byte[] good = "The cat sat on the mat.\n".getBytes(StandardCharsets.UTF_8);
        byte[] bad = {'A', ' ', (byte) 0xC3, (byte) 0x28, ' ', 'd', 'o', 'g', '\n'};
        Files.write(corpus, concat(good, bad));
        IndexBuildResult r = new IndexBuilder(IndexTestSupport.smallOptions()).build(IndexTestSupport.model(),
                corpus.toString(), tmp.resolve("idx"), null, null);
        assertEquals(1, r.corpusReport().malformedSequences());
        assertTrue(r.corpusReport().summary().contains("malformed UTF-8"), r.corpusReport().summary());
        try (CorpusIndex idx = CorpusIndex.open(tmp.resolve("idx"))) {
            assertTrue(idx.metadata().get("corpus_report").contains("1 malformed UTF-8 sequence"));
        }
    }

    @Test
    void emptyAndBinaryCorporaFailBeforeWritingAnything() throws Exception {
        Path empty = Files.writeString(tmp.resolve("empty.txt"), "\n  \n");
        Path binary = tmp.resolve("binary.txt");
        Files.write(binary, new byte[] {0x7f, 'E', 'L', 'F', 0, 0, 0, 1, 2, 3, 0, 0, '\n', 0});
        for (Path corpus : List.of(empty, binary)) {
            Path out = tmp.resolve("idx-" + corpus.getFileName());
            RuntimeException e = assertThrows(RuntimeException.class, () -> new IndexBuilder(IndexTestSupport.smallOptions())
                    .build(IndexTestSupport.model(), corpus.toString(), out, null, null));
            assertTrue(e instanceof CorpusException || e instanceof IndexException, e.toString());
            assertTrue(e.getMessage().contains(corpus.getFileName().toString()), e.getMessage());
            assertFalse(Files.exists(out), "nothing written for " + corpus);
        }
    }

    @Test
    void jsonlLinesWithoutTheFieldOrNotJsonAreSkippedAndCounted() throws Exception {
        Path corpus = Files.writeString(tmp.resolve("c.jsonl"), String.join("\n",
                "{\"body\": \"The river froze early that winter.\"}",
                "{\"title\": \"no body here\"}",
                "this is not json",
                "{\"body\": \"Her bicycle had a squeaky front wheel.\"}") + "\n");
        IndexBuildResult r = new IndexBuilder(IndexTestSupport.smallOptions().withCorpus(new CorpusOptions("body")))
                .build(IndexTestSupport.model(), corpus.toString(), tmp.resolve("idx"), null, null);
        assertEquals(2, r.corpusReport().documents());
        assertEquals(2, r.corpusReport().linesSkipped());
        assertEquals(2, r.corpusReport().skipReasons().size(), r.corpusReport().skipReasons().toString());
    }

    @Test
    void aHundredThousandCharacterLineIsWindowedAndIndexed() throws Exception {
        StringBuilder line = new StringBuilder();
        String[] words = {"harbour", "lantern", "quietly", "orchard", "seventeen", "copper", "under", "the"};
        for (int i = 0; line.length() < 100_000; i++) {
            line.append(words[(i * 7 + i / 8) % words.length]).append(' ');
        }
        Path corpus = Files.writeString(tmp.resolve("long.txt"), line.substring(0, 100_000).strip() + "\n");
        IndexBuildResult r = new IndexBuilder(IndexOptions.defaults().withWindow(WindowOptions.tokens(128, 128)))
                .build(IndexTestSupport.model(), corpus.toString(), tmp.resolve("idx"), null, null);
        assertEquals(1, r.corpusReport().documents());
        assertTrue(r.windows() > 80, "windows " + r.windows());
        assertEquals(0, r.truncatedWindows());
        try (CorpusIndex idx = CorpusIndex.open(tmp.resolve("idx"))) {
            assertEquals(r.tokens(), idx.info().tokens());
            Excerpt e = idx.topExcerpts(4, 11, 1).get(0);
            assertTrue(e.docId().startsWith("long.txt"), e.docId());
            assertTrue(e.tokens().size() <= 128);
        }
    }

    @Test
    void anIndexOfAnotherModelIsRefusedClearly() throws Exception {
        Path corpus = IndexTestSupport.sentences(tmp, 5);
        Path out = tmp.resolve("idx");
        new IndexBuilder(IndexTestSupport.smallOptions()).build(IndexTestSupport.model(), corpus.toString(), out, null, null);
        try (ModelRunner gpt2 = Fixtures.load(Fixtures.GPT2); CorpusIndex idx = CorpusIndex.open(out)) {
            IndexException read = assertThrows(IndexException.class, () -> idx.requireModel(gpt2.source(),
                    gpt2.config().name(), gpt2.config().layers(), gpt2.config().dMlp()));
            assertTrue(read.getMessage().contains("was built with model 'default'"), read.getMessage());
            IndexException build = assertThrows(IndexException.class, () -> new IndexBuilder(IndexTestSupport.smallOptions())
                    .build(gpt2, corpus.toString(), out, null, null));
            assertTrue(build.getMessage().contains("model_source was 'default'"), build.getMessage());
        }
        assertTrue(Files.exists(out.resolve(IndexStore.DB_FILE)), "the existing index is left alone");
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
