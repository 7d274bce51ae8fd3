package org.neuronworkbench.analysis.semantic;

import java.util.function.IntConsumer;
import java.util.stream.IntStream;

/**
 * Fixed partitioning for parallel loops: work is cut into chunks that depend only on the problem
 * size, never on the number of threads or their timing, and every sum over chunks is added in chunk
 * order. That is what keeps a layout bit-identical from run to run.
 */
final class Chunks {
    private Chunks() {
    }

    /** Runs {@code body} for chunk indices 0..count-1 on the common pool (each chunk writes only its own slots). */
    static void run(int count, IntConsumer body) {
        if (count == 1) {
            body.accept(0);
            return;
        }
        IntStream.range(0, count).parallel().forEach(body);
    }

    /** Number of chunks of at most {@code size} items covering {@code n} items. */
    static int count(int n, int size) {
        return Math.max(1, (n + size - 1) / size);
    }
}
