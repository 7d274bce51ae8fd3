package org.neuronworkbench.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether the machine was idle between two forwards: the CPU time all processes (this one
 * included) spent between the end of the last forward and the start of this one, from Linux's
 * {@code /proc/stat}. Only what ran between forwards counts, so the forwards' own threads never
 * make the machine look busy.
 *
 * <p>Why the gap and not a load average: the 1-minute load average reacts in tens of seconds,
 * while a competing build starts and stops between two keystrokes. {@code /proc/stat} counts in
 * ticks of 10 ms, so a gap shorter than {@link #MIN_TICKS} ticks says nothing and the last verdict
 * stands. Without {@code /proc/stat} (not Linux) the machine is never called idle.
 */
final class MachineLoad {
    /** Busier than this many cores' worth between forwards is "not idle". */
    static final double BUSY_CORES = 0.35;
    /** Fewer ticks (summed over every core) than this are too few to judge. */
    static final long MIN_TICKS = 8;
    private static final Path STAT = Path.of("/proc/stat");

    /** {busy ticks, all ticks} over every core. */
    record Ticks(long busy, long all) {
    }

    private Ticks lastForwardEnd;
    private boolean idle;

    /** Called when a forward ends. */
    synchronized void forwardEnded() {
        lastForwardEnd = read();
    }

    /** Called when a small forward starts: was the machine idle since the last forward ended? */
    synchronized boolean idleSinceLastForward() {
        Ticks now = read();
        if (now == null || lastForwardEnd == null) {
            return false;
        }
        idle = verdict(lastForwardEnd, now, Runtime.getRuntime().availableProcessors(), idle);
        return idle;
    }

    /**
     * Idle when fewer than {@link #BUSY_CORES} cores were busy between the two readings; with too
     * few ticks between them, {@code previous}.
     */
    static boolean verdict(Ticks before, Ticks after, int cores, boolean previous) {
        long all = after.all() - before.all();
        long busy = after.busy() - before.busy();
        if (all < MIN_TICKS || busy < 0) {
            return previous;
        }
        return (double) busy / all * cores < BUSY_CORES;
    }

    /** The first line of /proc/stat: "cpu user nice system idle iowait irq softirq steal ...". */
    static Ticks parse(String firstLine) {
        String[] f = firstLine.trim().split("\\s+");
        if (f.length < 9 || !f[0].equals("cpu")) {
            return null;
        }
        long user = Long.parseLong(f[1]);
        long nice = Long.parseLong(f[2]);
        long system = Long.parseLong(f[3]);
        long idle = Long.parseLong(f[4]);
        long iowait = Long.parseLong(f[5]);
        long irq = Long.parseLong(f[6]);
        long softirq = Long.parseLong(f[7]);
        long steal = Long.parseLong(f[8]);
        long busy = user + nice + system + irq + softirq + steal;
        return new Ticks(busy, busy + idle + iowait);
    }

    private static Ticks read() {
        try (var lines = Files.lines(STAT)) {
            return lines.findFirst().map(MachineLoad::parse).orElse(null);
        } catch (IOException | RuntimeException e) {
            return null; // not Linux, or an unexpected format: never "idle", so one thread
        }
    }
}
