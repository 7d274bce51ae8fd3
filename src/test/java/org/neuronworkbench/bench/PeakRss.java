package org.neuronworkbench.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Peak resident memory of a child process: its VmHWM from /proc, sampled until it exits. */
final class PeakRss {
    private PeakRss() {
    }

    /** Waits for {@code p} to exit; returns its peak RSS in kB, sampled every {@code everyMs}. */
    static long watch(Process p, long everyMs) throws InterruptedException {
        long peak = 0;
        Path status = Path.of("/proc", Long.toString(p.pid()), "status");
        while (p.isAlive()) {
            try {
                for (String line : Files.readAllLines(status)) {
                    if (line.startsWith("VmHWM:")) {
                        peak = Math.max(peak, Long.parseLong(line.replaceAll("[^0-9]", "")));
                    }
                }
            } catch (IOException e) {
                // the process exited between isAlive and the read
            }
            Thread.sleep(everyMs);
        }
        return peak;
    }
}
