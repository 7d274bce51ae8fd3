package org.neuronworkbench.model;

import ai.djl.pytorch.jni.JniUtils;

/**
 * How many intra-op threads libtorch uses for one forward: one for small forwards (a typed line,
 * a few hundred tokens), all of them for batches.
 *
 * <p>Why: libtorch's OpenMP team waits at a barrier after every op for its slowest thread. On two
 * cores with anything else running, the second thread is often descheduled, and a 64-token forward
 * that takes 17 ms idle took a median of 677 ms and a p95 of 2 s with two threads, against 60 and
 * 101 ms with one (same run, load average 11; see BENCHMARKS.md, "Hypothesis editor"). Batches
 * keep every core: their ops are large enough to split well when the machine is free.
 *
 * <p>Alone in a JVM on an idle machine, two threads do make a 64-token forward faster (12 against
 * 20 ms), but not inside the app: its own render and pulse threads are enough to stall the team,
 * and in the editor one thread was faster even idle (forward median 19-21 ms against 23-24 ms),
 * including when two threads were used only after the machine had been idle since the last
 * forward (BENCHMARKS.md, "Hypothesis editor", 2026-11-30). So one thread it is.
 *
 * <p>The setting is per calling thread in libtorch (OpenMP's thread count and MKL's local thread
 * count), so it is tracked per thread and changed only when it differs.
 */
public final class ForwardThreads {
    /** Forwards of at most this many padded tokens run on one thread. */
    public static final int SMALL_FORWARD_TOKENS = 256;
    private static final String PROPERTY = "workbench.smallForwardTokens";

    private static final ThreadLocal<int[]> CURRENT = ThreadLocal.withInitial(() -> new int[] {0});
    private static volatile int all;
    private static volatile int smallForwardTokens = Integer.getInteger(PROPERTY, SMALL_FORWARD_TOKENS);

    private ForwardThreads() {
    }

    /** Sets the calling thread's intra-op threads for a forward of {@code paddedTokens}. */
    static void forForward(int paddedTokens) {
        int want = paddedTokens <= smallForwardTokens ? 1 : allThreads();
        int[] current = CURRENT.get();
        if (current[0] != want) {
            JniUtils.setNumThreads(want);
            current[0] = want;
        }
    }

    /**
     * The threshold in padded tokens; 0 runs every forward on all threads (what the benchmark
     * compares against). Also settable with {@code -Dworkbench.smallForwardTokens=N}.
     */
    public static void smallForwardTokens(int tokens) {
        if (tokens < 0) {
            throw new IllegalArgumentException("The threshold must be 0 or more tokens, not " + tokens + ".");
        }
        smallForwardTokens = tokens;
    }

    public static int smallForwardTokens() {
        return smallForwardTokens;
    }

    /** libtorch's own default (the number of cores), read once before anything changes it. */
    private static int allThreads() {
        int n = all;
        if (n == 0) {
            synchronized (ForwardThreads.class) {
                if (all == 0) {
                    all = Math.max(1, Runtime.getRuntime().availableProcessors());
                }
                n = all;
            }
        }
        return n;
    }
}
