package org.neuronworkbench.analysis.semantic;

/**
 * What to lay out: {@code points} are n rows of d floats; they are reduced with PCA to at most
 * {@code pcaDims} dimensions first, then laid out in 2-D by t-SNE. The same request and seed give a
 * bit-identical layout.
 *
 * @param points     n rows of d finite floats, all of the same length
 * @param pcaDims    dimensions kept by PCA (at least 2; fewer are kept when d or n is smaller)
 * @param perplexity the effective number of neighbours each point's input affinities spread over
 * @param iterations gradient steps in all, the first (up to) 250 with early exaggeration
 * @param seed       fixes the only random choice (the PCA start vectors)
 */
public record TsneRequest(float[][] points, int pcaDims, double perplexity, int iterations, long seed) {
    /** The request the command uses by default: PCA-50, perplexity 30, 1,000 iterations. */
    public static TsneRequest defaults(float[][] points, long seed) {
        return new TsneRequest(points, 50, 30, 1000, seed);
    }
}
