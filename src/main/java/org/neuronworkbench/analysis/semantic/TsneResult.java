package org.neuronworkbench.analysis.semantic;

/**
 * A 2-D layout.
 *
 * @param xy             x0, y0, x1, y1, … in the order of the request's points
 * @param iterationsDone gradient steps taken (fewer than asked when cancelled)
 * @param method         a human-readable name of what ran, for the pane and the command
 * @param cancelled      true when a cancel stopped it; {@code xy} is then the last layout reached
 * @param seconds        wall time of the whole run, PCA and neighbours included
 */
public record TsneResult(float[] xy, int iterationsDone, String method, boolean cancelled, double seconds) {
    public int points() {
        return xy.length / 2;
    }
}
