package org.neuronworkbench.ui.common;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;

/**
 * Keeps the most recent durations of one kind of UI work (e.g. keystroke to recoloured tokens)
 * for the debug overlay and for tests. Thread-safe: written on the FX thread, read anywhere.
 */
public final class LatencyRecorder {
    private static final int KEEP = 2000;
    private final String name;
    private final Deque<Double> values = new ArrayDeque<>();
    private long total;

    public LatencyRecorder(String name) {
        this.name = name;
    }

    public String name() {
        return name;
    }

    public synchronized void record(double millis) {
        values.addLast(millis);
        total++;
        if (values.size() > KEEP) {
            values.removeFirst();
        }
    }

    /**
     * Records, for each start ({@link System#nanoTime()}), the time to the end of the next layout
     * pulse of {@code scene}: when new nodes have their CSS, sizes and positions, which is what the
     * user waits for. Call on the FX thread; without a scene nothing is recorded.
     */
    public void recordAtNextLayout(javafx.scene.Scene scene, java.util.List<Long> starts) {
        if (scene == null || starts.isEmpty()) {
            return;
        }
        Runnable[] once = new Runnable[1];
        once[0] = () -> {
            scene.removePostLayoutPulseListener(once[0]);
            long laidOut = System.nanoTime();
            starts.forEach(t0 -> record((laidOut - t0) / 1e6));
        };
        scene.addPostLayoutPulseListener(once[0]);
        javafx.application.Platform.requestNextPulse();
    }

    /** How many values were recorded since the last clear. */
    public synchronized long count() {
        return total;
    }

    public synchronized void clear() {
        values.clear();
        total = 0;
    }

    /** Recorded values, oldest first (at most the last 2000). */
    public synchronized double[] values() {
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }

    public synchronized LatencyStats stats() {
        double[] v = values();
        if (v.length == 0) {
            return new LatencyStats(name, 0, Double.NaN, Double.NaN, Double.NaN);
        }
        double last = v[v.length - 1];
        Arrays.sort(v);
        return new LatencyStats(name, total, last, percentile(v, 50), percentile(v, 95));
    }

    /** Nearest-rank percentile of sorted values. */
    static double percentile(double[] sorted, double p) {
        int idx = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, idx))];
    }

    /** A summary; NaN values while nothing was recorded. */
    public record LatencyStats(String name, long count, double lastMs, double medianMs, double p95Ms) {
        public String describe() {
            if (count == 0) {
                return name + ": no samples yet";
            }
            return String.format(java.util.Locale.ROOT, "%s: last %.1f ms · median %.1f · p95 %.1f (n=%d)",
                    name, lastMs, medianMs, p95Ms, count);
        }
    }
}
