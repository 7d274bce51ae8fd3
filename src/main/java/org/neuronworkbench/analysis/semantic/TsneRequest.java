package org.neuronworkbench.analysis.semantic;

/**
 * What to lay out: one row per point; PCA to {@code pcaDims} first (skipped when the rows are
 * already that narrow), then t-SNE to 2-D with the given perplexity, iterations and seed.
 */
public record TsneRequest(float[][] points, int pcaDims, double perplexity, int iterations, long seed) {
}
