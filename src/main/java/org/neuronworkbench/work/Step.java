package org.neuronworkbench.work;

/**
 * Where a long method is.
 *
 * @param phase    what it is doing now, short ("pass 1", "removing tokens", "discrete search")
 * @param done     units finished in the whole method (not only the phase), so one bar covers all phases
 * @param total    units in the whole method; 0 when unknown (an indeterminate bar)
 * @param detail   one line for a status bar or stderr (rate, ETA, best value so far), may be empty
 */
public record Step(String phase, long done, long total, String detail) {
    public Step {
        phase = phase == null ? "" : phase;
        detail = detail == null ? "" : detail;
    }

    /**
     * What a status line or stderr shows: the phase, then the detail ({@code done}/{@code total}
     * drive the bar; a method that wants counts read puts them in the detail).
     */
    public String line() {
        return detail.isEmpty() ? phase : phase.isEmpty() ? detail : phase + " · " + detail;
    }

    /** Fraction in [0, 1], or -1 when the total is unknown. */
    public double fraction() {
        return total > 0 ? Math.min(1.0, Math.max(0.0, (double) done / total)) : -1;
    }
}
