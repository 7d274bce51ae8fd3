package org.neuronworkbench.analysis.semantic;

/**
 * The settings a semantic map depends on (with the layer, they name a stored map).
 *
 * @param maxPoints  at most this many lemmas (0 = all kept lemmas)
 * @param perplexity t-SNE perplexity
 * @param iterations t-SNE iterations
 * @param seed       t-SNE and shuffled-baseline seed
 */
public record MapParams(VectorSource source, int maxPoints, double perplexity, int iterations, long seed) {
    public static final int DEFAULT_MAX_POINTS = 5000;

    public MapParams {
        if (source == null) {
            throw new IllegalArgumentException("no vector source given");
        }
        if (maxPoints < 0) {
            throw new IllegalArgumentException("max points must be 0 (all) or more (got " + maxPoints + ")");
        }
        if (!(perplexity > 0) || Double.isInfinite(perplexity)) {
            throw new IllegalArgumentException("perplexity must be a positive number (got " + perplexity + ")");
        }
        if (iterations < 1) {
            throw new IllegalArgumentException("iterations must be at least 1 (got " + iterations + ")");
        }
    }

    public static MapParams defaults(VectorSource source) {
        return new MapParams(source, DEFAULT_MAX_POINTS, 30, 1000, 1);
    }

    public MapParams withSource(VectorSource s) {
        return new MapParams(s, maxPoints, perplexity, iterations, seed);
    }
}
