package org.neuronworkbench.index;

import java.util.Locale;
import org.neuronworkbench.work.Step;

/**
 * Where a build is, with its rate and time left; the builder reports it as a {@link Step}: phase
 * "Pass 1 of 2", {@code done}/{@code total} windows over both passes (one bar for the whole build),
 * and the counts, rate and ETA as the detail, so the corpus pane and the CLI print the same line.
 *
 * @param etaSeconds NaN until a rate is known
 */
record IndexProgress(int pass, long windowsDone, long windowsTotal, long tokensDone, double tokensPerSecond,
                     double etaSeconds) {

    Step step() {
        long done = (pass - 1) * windowsTotal + windowsDone;
        return new Step("Pass " + pass + " of 2", done, 2 * windowsTotal, detail());
    }

    /** e.g. {@code 120 / 340 windows · 2,431 tokens · 812 tokens/s · about 0:42 left}. */
    String detail() {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%,d", windowsDone));
        if (windowsTotal > 0) {
            sb.append(String.format(Locale.ROOT, " / %,d", windowsTotal));
        }
        sb.append(" windows · ").append(String.format(Locale.ROOT, "%,d tokens", tokensDone));
        if (tokensPerSecond > 0 && Double.isFinite(tokensPerSecond)) {
            sb.append(String.format(Locale.ROOT, " · %,.0f tokens/s", tokensPerSecond));
        }
        if (Double.isFinite(etaSeconds) && etaSeconds >= 0) {
            sb.append(" · about ").append(clock(etaSeconds)).append(" left");
        }
        return sb.toString();
    }

    /** m:ss, or h:mm:ss from an hour on. */
    static String clock(double seconds) {
        long s = Math.round(Math.max(0, seconds));
        return s >= 3600
                ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
