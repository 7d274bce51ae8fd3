package org.neuronworkbench.ui.common;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuronworkbench.corpus.WindowOptions;
import org.neuronworkbench.index.CorpusIndex;
import org.neuronworkbench.index.IndexBuildResult;
import org.neuronworkbench.index.IndexBuilder;
import org.neuronworkbench.index.IndexOptions;
import org.neuronworkbench.index.NeuronStats;
import org.neuronworkbench.model.MlpNeuron;
import org.neuronworkbench.model.ModelRunner;
import org.neuronworkbench.model.NeuronValues;
import org.neuronworkbench.ui.UiTestSupport;

/**
 * Typing during an index build built in the app: the editor's forward runs between two of the
 * build's forwards (a safe point), on the model thread, not after the whole build; ordinary model
 * work still waits its turn; and the build's result is what it is without the interruptions.
 */
class InteractiveDuringBuildTest {
    private static final MlpNeuron NEURON = new MlpNeuron(4, 1253);

    @BeforeAll
    static void toolkit() throws Exception {
        UiTestSupport.startToolkit();
    }

    @Test
    void interactiveWorkRunsBetweenTheBuildsForwardsAndOrdinaryWorkWaits(@TempDir Path dir) throws Exception {
        ModelRunner runner = UiTestSupport.referenceModel();
        List<String> lines = Files.readAllLines(Path.of("sample-data", "sentences.txt"));
        Path corpus = Files.write(dir.resolve("corpus.txt"), lines.subList(0, Math.min(400, lines.size())));
        IndexOptions options = IndexOptions.defaults().withWindow(WindowOptions.sentences(64)).withBatchSize(16);
        String typed = "The cat sat on the mat.";
        float[] expected = NeuronValues.of(runner, List.of(runner.tokenize(typed)), List.of(NEURON)).perText().get(0).get(NEURON);

        BackgroundTasks tasks = new BackgroundTasks();
        try {
            WorkTask<IndexBuildResult> build = new WorkTask<IndexBuildResult>("Indexing", (progress, cancel) ->
                    new IndexBuilder(options).build(runner, corpus.toString(), dir.resolve("index"), progress, cancel::isCancelled))
                    .yieldingToInteractive();
            tasks.runModel(build);
            UiTestSupport.waitFor(120, "the build's first forwards", () -> build.getProgress() > 0.05);

            String[] thread = new String[1];
            CompletableFuture<float[]> coloured = tasks.submitInteractive(() -> {
                thread[0] = Thread.currentThread().getName();
                return NeuronValues.of(runner, List.of(runner.tokenize(typed)), List.of(NEURON)).perText().get(0).get(NEURON);
            });
            CompletableFuture<Boolean> ordinary = tasks.submitModel(() -> build.isDone());
            float[] values = coloured.get(60, TimeUnit.SECONDS);
            assertFalse(build.isDone(), "the typed line was coloured while the build still ran");
            assertTrue(thread[0].startsWith("workbench-model-"), "on the model thread: " + thread[0]);
            assertArrayEquals(expected, values, 0f, "the same values as a forward on an idle runner");

            assertTrue(ordinary.get(600, TimeUnit.SECONDS), "ordinary model work ran after the build, in order");
            IndexBuildResult result = build.get();
            assertFalse(result.cancelled());
            new IndexBuilder(options).build(runner, corpus.toString(), dir.resolve("again"), s -> { }, () -> false);
            try (CorpusIndex interrupted = CorpusIndex.open(dir.resolve("index"));
                 CorpusIndex alone = CorpusIndex.open(dir.resolve("again"))) {
                NeuronStats a = alone.stats(NEURON.layer(), NEURON.index());
                NeuronStats b = interrupted.stats(NEURON.layer(), NEURON.index());
                assertEquals(List.of(a.mean(), a.std(), a.min(), a.max(), a.fracActive()), List.of(b.mean(), b.std(), b.min(), b.max(), b.fracActive()));
                assertArrayEquals(a.quantiles(), b.quantiles());
                assertEquals(alone.topExcerpts(NEURON.layer(), NEURON.index(), 5), interrupted.topExcerpts(NEURON.layer(), NEURON.index(), 5),
                        "the build interrupted by interactive work gives the index built alone");
            }
        } finally {
            tasks.close();
        }
    }
}
