package org.neuronworkbench.analysis.semantic;

/**
 * The repulsive half of the t-SNE gradient. For a layout y (x0, y0, x1, y1, …) it writes into
 * {@code out} the unnormalised repulsion Σ_j K(i,j)² (y_i − y_j), with K = 1 / (1 + ‖y_i − y_j‖²),
 * and returns the normaliser Z = Σ_{i≠j} K(i,j); the force on point i is out_i / Z.
 */
interface Repulsion {
    double compute(double[] y, double[] out);

    /** A short name for {@link TsneResult#method()}. */
    String describe();
}
