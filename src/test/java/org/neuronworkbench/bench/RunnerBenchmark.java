package org.neuronworkbench.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.neuronworkbench.model.ForwardThreads;
import org.neuronworkbench.model.ModelLoader;
import org.neuronworkbench.model.ModelRunner;
import org.neuronworkbench.model.Offline;
import org.neuronworkbench.model.OrtReference;
import org.neuronworkbench.model.hooks.HookName;
import org.neuronworkbench.model.hooks.HookSet;

/**
 * {@code bench runner}: tokens/s of runWithCache capturing every mlp.hook_post at batch 32x64,
 * against ONNX Runtime's plain forward of the same ONNX file in the same JVM, interleaved.
 * Run with {@code mvn -Pbench test -Dtest=RunnerBenchmark}.
 */
@Tag("bench")
class RunnerBenchmark {
    private static final int BATCH = 32;
    private static final int TOKENS = 64;
    private static final int ROUNDS = 12;

    @Test
    void runnerVersusOnnxRuntime() {
        Offline.enforce();
        int threads = Runtime.getRuntime().availableProcessors();
        try (ModelRunner runner = ModelLoader.loadEmbedded(); OrtReference ort = new OrtReference(threads)) {
            List<int[]> batch = randomBatch(runner.config().vocabSize());
            long[][] ids = new long[BATCH][TOKENS];
            long[][] mask = new long[BATCH][TOKENS];
            for (int b = 0; b < BATCH; b++) {
                for (int t = 0; t < TOKENS; t++) {
                    ids[b][t] = batch.get(b)[t];
                    mask[b][t] = 1;
                }
            }
            HookSet allPost = HookSet.caching(HookName::isMlpPost);
            // Interleave the two so drift on a noisy machine hits both alike.
            double[] oursMs = new double[ROUNDS];
            double[] ortMs = new double[ROUNDS];
            Timing.time(2, 1, () -> runner.runTokens(batch, allPost));
            Timing.time(2, 1, () -> ort.lastHiddenState(ids, mask));
            for (int r = 0; r < ROUNDS; r++) {
                oursMs[r] = Timing.time(0, 1, () -> runner.runTokens(batch, allPost))[0];
                ortMs[r] = Timing.time(0, 1, () -> ort.lastHiddenState(ids, mask))[0];
            }
            double ours = BATCH * TOKENS / (Timing.median(oursMs) / 1000);
            double theirs = BATCH * TOKENS / (Timing.median(ortMs) / 1000);
            List<int[]> single = List.of(batch.get(0));
            HookSet onePost = HookSet.caching(HookName::isMlpPost);
            double[] latency = Timing.time(5, 60, () -> runner.runTokens(single, onePost));
            // The same forward with every thread (the policy before ForwardThreads), for the tail.
            int threshold = ForwardThreads.smallForwardTokens();
            ForwardThreads.smallForwardTokens(0);
            double[] allThreads = Timing.time(5, 60, () -> runner.runTokens(single, onePost));
            ForwardThreads.smallForwardTokens(threshold);
            long[][] oneIds = {ids[0]};
            long[][] oneMask = {mask[0]};
            double[] ortLatency = Timing.time(5, 60, () -> ort.lastHiddenState(oneIds, oneMask));
            System.out.printf("bench runner (MiniLM, batch %dx%d, %d threads, %d rounds, medians)%n",
                    BATCH, TOKENS, threads, ROUNDS);
            System.out.printf("  runner runWithCache(all mlp.hook_post): %8.0f tok/s%n", ours);
            System.out.printf("  ONNX Runtime plain forward:             %8.0f tok/s%n", theirs);
            System.out.printf("  ratio runner / ORT:                     %8.2f%n", ours / theirs);
            System.out.printf("  single 64-token latency: runner median %.1f ms p95 %.1f ms; ORT median %.1f ms p95 %.1f ms%n",
                    Timing.median(latency), Timing.percentile(latency, 95),
                    Timing.median(ortLatency), Timing.percentile(ortLatency, 95));
            System.out.printf("  single 64-token latency on all %d threads: median %.1f ms p95 %.1f ms%n",
                    threads, Timing.median(allThreads), Timing.percentile(allThreads, 95));
        }
    }

    private static List<int[]> randomBatch(int vocab) {
        Random rnd = new Random(7);
        List<int[]> out = new ArrayList<>();
        for (int b = 0; b < BATCH; b++) {
            int[] row = new int[TOKENS];
            row[0] = 101; // [CLS]
            for (int t = 1; t < TOKENS - 1; t++) {
                row[t] = 1000 + rnd.nextInt(vocab - 1000);
            }
            row[TOKENS - 1] = 102; // [SEP]
            out.add(row);
        }
        return out;
    }
}
