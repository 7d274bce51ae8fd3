package org.neuronworkbench.ui.common;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.concurrent.Task;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuronworkbench.corpus.WindowOptions;
import org.neuronworkbench.index.IndexBuildResult;
import org.neuronworkbench.index.IndexBuilder;
import org.neuronworkbench.index.IndexOptions;
import org.neuronworkbench.model.ModelRunner;
import org.neuronworkbench.model.TokenizedText;
import org.neuronworkbench.ui.UiTestSupport;
import org.neuronworkbench.work.Cancel;
import org.neuronworkbench.model.hooks.HookName;

/** Long model work in BackgroundTasks (an index job, batched forwards) must leave the FX thread free. */
class FxResponsivenessTest {

    @BeforeAll
    static void toolkit() throws Exception {
        UiTestSupport.startToolkit();
    }

    @Test
    void fxThreadAnswersWithin100msWhileAnIndexJobRuns(@TempDir Path dir) throws Exception {
        ModelRunner runner = UiTestSupport.referenceModel();
        List<String> lines = Files.readAllLines(Path.of("sample-data", "sentences.txt")).subList(0, 150);
        Path corpus = Files.write(dir.resolve("corpus.txt"), lines);
        BackgroundTasks tasks = new BackgroundTasks();
        Task<IndexBuildResult> indexJob = new Task<>() {
            @Override
            protected IndexBuildResult call() {
                return new IndexBuilder(IndexOptions.defaults().withWindow(WindowOptions.sentences(64)))
                        .build(runner, corpus.toString(), dir.resolve("index"),
                                step -> updateProgress(step.fraction(), 1.0), Cancel.NEVER);
            }
        };
        tasks.runModel(indexJob);
        double[] ms = pulsesUntilDone(indexJob);
        tasks.close();
        assertTrue(indexJob.get().windows() == 150, "the index job finished: " + indexJob.get());
        System.out.printf("runLater round trips while indexing %d windows: n=%d median %.2f ms max %.2f ms%n",
                indexJob.get().windows(), ms.length, ms[ms.length / 2], ms[ms.length - 1]);
        assertTrue(ms.length >= 10, "measured repeatedly: " + ms.length);
        assertTrue(ms[ms.length - 1] < 100, "slowest answer " + ms[ms.length - 1] + " ms");
    }

    /** Round-trip times of Platform.runLater, sampled every 20 ms until the task is done, sorted. */
    private static double[] pulsesUntilDone(Task<?> task) throws InterruptedException {
        List<Double> pulses = new ArrayList<>();
        while (!task.isDone()) {
            CountDownLatch answered = new CountDownLatch(1);
            long t0 = System.nanoTime();
            Platform.runLater(answered::countDown);
            assertTrue(answered.await(5, TimeUnit.SECONDS), "the FX thread did not answer at all");
            pulses.add((System.nanoTime() - t0) / 1e6);
            Thread.sleep(20);
        }
        double[] ms = pulses.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(ms);
        return ms;
    }

    @Test
    void fxThreadAnswersWithin100msWhileFiftyBatchedForwardsRun() throws Exception {
        ModelRunner runner = UiTestSupport.referenceModel();
        String sentence = "The quick brown fox jumps over the lazy dog while the researcher watches neuron "
                + "activations change with every single word of a rather long sentence.";
        List<TokenizedText> batch = runner.tokenize(java.util.Collections.nCopies(8, sentence));
        BackgroundTasks tasks = new BackgroundTasks();
        Task<Integer> longTask = new Task<>() {
            @Override
            protected Integer call() {
                for (int i = 0; i < 50 && !isCancelled(); i++) {
                    runner.runWithCache(batch, HookName::isMlpPost);
                    updateProgress(i + 1, 50);
                }
                return 50;
            }
        };
        tasks.runModel(longTask);
        double[] ms = pulsesUntilDone(longTask);
        tasks.close();
        System.out.printf("runLater round trips during 50 forwards (8 x %d tokens): n=%d median %.2f ms max %.2f ms%n",
                batch.get(0).length(), ms.length, ms[ms.length / 2], ms[ms.length - 1]);
        assertTrue(ms.length >= 10, "measured repeatedly: " + ms.length);
        assertTrue(ms[ms.length - 1] < 100, "slowest answer " + ms[ms.length - 1] + " ms");
    }
}
