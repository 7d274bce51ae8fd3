package org.neuronworkbench.analysis.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuronworkbench.cli.CliRun;
import org.neuronworkbench.index.CorpusIndex;
import org.neuronworkbench.index.IndexInfo;
import org.neuronworkbench.model.MlpNeuron;
import org.neuronworkbench.model.Offline;
import org.neuronworkbench.work.Cancel;
import org.neuronworkbench.work.CancelSwitch;
import org.neuronworkbench.work.Progress;

/** A whole layer (evidence, explanation and score; no model) with cancel, resume and storage; re-scoring. */
class ExplainLayerTest {
    @TempDir
    Path tmp;

    Path copyOfSampleIndex() throws Exception {
        Path dst = tmp.resolve("idx");
        Files.createDirectories(dst);
        try (var files = Files.list(SampleIndex.index())) {
            for (Path f : (Iterable<Path>) files::iterator) {
                if (Files.isRegularFile(f)) {
                    Files.copy(f, dst.resolve(f.getFileName()));
                }
            }
        }
        return dst;
    }

    @Test
    void aCancelledLayerResumesWhereItStoppedAndEndsWithEveryLiveNeuron() throws Exception {
        Path dir = copyOfSampleIndex();
        try (CorpusIndex idx = CorpusIndex.open(dir)) {
            CancelSwitch cancel = new CancelSwitch();
            ExplainLayer.Result first = ExplainLayer.run(new ExplainLayer.Request(idx, List.of(1), null, null, null, null, false),
                    s -> {
                        if (s.done() >= 40) {
                            cancel.cancel();
                        }
                    }, cancel);
            assertTrue(first.cancelled());
            int afterCancel = ExplanationStore.open(dir).all().size();
            assertEquals(first.explained(), afterCancel, "everything explained before the cancel is on disk");
            assertTrue(afterCancel >= 30 && afterCancel <= 40, "explained " + afterCancel);

            ExplainLayer.Result rest = ExplainLayer.run(new ExplainLayer.Request(idx, List.of(1), null, null, null, null, true),
                    Progress.NONE, Cancel.NEVER);
            assertFalse(rest.cancelled());
            assertEquals(afterCancel, rest.alreadyStored());
            int width = idx.info().dMlp();
            assertEquals(width, rest.alreadyStored() + rest.explained() + rest.dead() + rest.skipped());
            List<StoredExplanation> all = ExplanationStore.open(dir).all();
            assertEquals(afterCancel + rest.explained(), all.size());
            assertTrue(all.stream().allMatch(x -> x.neuron().layer() == 1 && x.endpoint() == null));
            for (StoredExplanation x : all.subList(0, 3)) {
                // A stored explanation is what explaining the neuron alone gives.
                NeuronExplanation again = ExplainNeuron.run(new ExplainNeuron.Request(idx, x.neuron(), null, null, null, null),
                        Progress.NONE, Cancel.NEVER);
                assertEquals(again.explanation().text(), x.text());
                assertEquals(again.score(), x.score(), 1e-12);
                assertEquals(again.explanation(), x.explanation(), "round trip through the file");
            }

            // Re-scored against the index they were made on, with every excerpt held out, nothing drops much.
            Rescore.Result same = Rescore.run(new Rescore.Request(all, idx.info(), idx, 0.5), Progress.NONE, Cancel.NEVER);
            assertEquals(all.size(), same.checked());
            // With minDrop -infinity every explanation is reported, the largest drop first.
            Rescore.Result every = Rescore.run(new Rescore.Request(all, idx.info(), idx, Double.NEGATIVE_INFINITY),
                    Progress.NONE, Cancel.NEVER);
            assertEquals(all.size(), every.dropped().size());
            for (int i = 1; i < every.dropped().size(); i++) {
                assertTrue(every.dropped().get(i - 1).drop() >= every.dropped().get(i).drop());
            }
            assertTrue(same.dropped().size() < all.size() / 4, "dropped by 0.5 on their own index: " + same.dropped().size());
            IndexInfo other = new IndexInfo("gpt2", "gpt2", "x", idx.info().window(), 6, 1536, 1, 1, false, 20, true);
            assertTrue(assertThrows(IllegalArgumentException.class, () -> Rescore.run(new Rescore.Request(all, other, idx, 0.1),
                    Progress.NONE, Cancel.NEVER)).getMessage().contains("same model"));
        }
    }

    @Test
    void anEndpointThatKeepsFailingIsDroppedAfterThreeNeurons() throws Exception {
        Path dir = copyOfSampleIndex();
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort();
        }
        LlmClient down = new LlmClient(LlmEndpoint.parse("http://127.0.0.1:" + port + "/v1", "m", null,
                java.time.Duration.ofSeconds(2)), v -> null);
        try (CorpusIndex idx = CorpusIndex.open(dir)) {
            CancelSwitch cancel = new CancelSwitch();
            ExplainLayer.Result r = ExplainLayer.run(new ExplainLayer.Request(idx, List.of(2), null, null, null, down, false),
                    s -> {
                        if (s.done() >= 8) {
                            cancel.cancel();
                        }
                    }, cancel);
            assertTrue(r.warnings().stream().anyMatch(w -> w.contains("could not be reached")), r.warnings().toString());
            assertTrue(r.warnings().stream().anyMatch(w -> w.contains("the rest of this run is explained offline")),
                    r.warnings().toString());
            List<StoredExplanation> all = ExplanationStore.open(dir).all();
            assertEquals(r.explained(), all.size());
            assertTrue(all.stream().allMatch(x -> x.method().equals("offline")));
            // The endpoint and model are recorded only for explanations the LLM made: none here.
            assertTrue(all.stream().allMatch(x -> x.llmModel() == null && x.endpoint() == null));
        }
    }

    @Test
    void rescoringOnAnotherCorpusReportsTheDrops() throws Exception {
        Offline.enforce();
        Path otherIdx = tmp.resolve("jsonl-idx");
        CliRun built = CliRun.of("index", "--corpus", "sample-data/sample.jsonl", "--sentences", "--out", otherIdx.toString());
        assertEquals(0, built.code(), built.err());
        Path dir = copyOfSampleIndex();
        try (CorpusIndex idx = CorpusIndex.open(dir); CorpusIndex other = CorpusIndex.open(otherIdx)) {
            ExplanationStore store = ExplanationStore.open(dir);
            for (int i = 0; i < 60; i++) {
                MlpNeuron n = new MlpNeuron(0, i);
                if (!idx.isDead(0, i)) {
                    store.put(StoredExplanation.of(ExplainNeuron.run(new ExplainNeuron.Request(idx, n, null, null, null, null),
                            Progress.NONE, Cancel.NEVER)));
                }
            }
            Rescore.Result r = Rescore.run(new Rescore.Request(store.all(), idx.info(), other, 0.1), Progress.NONE, Cancel.NEVER);
            assertEquals(store.all().size(), r.checked() + r.skipped());
            for (Rescore.Row row : r.dropped()) {
                assertTrue(row.drop() >= 0.1, row.toString());
            }
        }
    }
}
