package org.neuronworkbench.ui.semantic;

import org.neuronworkbench.analysis.semantic.LemmaVectors;

/**
 * What the scatter shows: the lemmas, one layer's layout, and how it was made.
 *
 * @param stored    read from the index folder rather than computed now
 * @param final_    the layout is finished (false while t-SNE still moves the points)
 */
record MapView(LemmaVectors vectors, int layer, float[] xy, String method, boolean stored, boolean final_,
               boolean cancelled, PointGrid grid) {
    static MapView of(LemmaVectors vectors, int layer, float[] xy, String method, boolean stored, boolean done,
                      boolean cancelled) {
        return new MapView(vectors, layer, xy, method, stored, done, cancelled, new PointGrid(xy));
    }

    float x(int i) {
        return xy[2 * i];
    }

    float y(int i) {
        return xy[2 * i + 1];
    }
}
