package org.neuronworkbench.analysis.semantic;

/**
 * One layer's 2-D map of the kept lemmas.
 *
 * @param xy             x0,y0,x1,y1,… in the order of {@link LemmaVectors#lemmas()}
 * @param method         what ran, e.g. "PCA-50 + Barnes-Hut t-SNE"
 * @param seconds        how long the layout took (for a stored map: when it was computed)
 * @param iterationsDone t-SNE iterations run; fewer than asked when cancelled
 * @param cancelled      true when the run was cancelled: xy is the last layout reached
 */
public record LayerMap(int layer, float[] xy, String method, double seconds, int iterationsDone, boolean cancelled) {
    public int points() {
        return xy.length / 2;
    }
}
