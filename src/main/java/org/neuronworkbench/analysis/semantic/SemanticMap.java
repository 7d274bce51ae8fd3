package org.neuronworkbench.analysis.semantic;

import java.util.function.Consumer;
import org.neuronworkbench.work.Cancel;
import org.neuronworkbench.work.Progress;

/**
 * A semantic map of one layer: the kept lemmas' vectors, PCA to {@value #PCA_DIMS} dimensions,
 * then t-SNE to 2-D with a fixed seed (same input, same map). A cancel returns the last layout,
 * marked cancelled.
 */
public final class SemanticMap {
    public static final int PCA_DIMS = 50;

    private SemanticMap() {
    }

    /** @throws IllegalArgumentException when no lemma was kept or the engine refuses the settings */
    public static LayerMap compute(LemmaVectors vectors, int layer, MapParams params, Progress progress, Cancel cancel,
                                   Consumer<float[]> layouts) {
        if (vectors.size() == 0) {
            throw new IllegalArgumentException("no lemma kept: all " + vectors.counts().lemmas() + " WordNet lemmas were left"
                    + " out (" + vectors.counts().leftOutText() + "), so there is nothing to map");
        }
        TsneRequest request = new TsneRequest(vectors.layer(layer), PCA_DIMS, params.perplexity(), params.iterations(),
                params.seed());
        TsneResult r;
        try {
            r = Tsne.run(request, progress, cancel, layouts);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("layer " + layer + ", " + vectors.size() + " lemmas: " + e.getMessage(), e);
        }
        return new LayerMap(layer, r.xy(), r.method(), r.seconds(), r.iterationsDone(), r.cancelled());
    }
}
