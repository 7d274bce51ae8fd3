package org.neuronworkbench.index;

/**
 * Every neuron's mean and M2 (sum of squared deviations from the mean) over some count of values,
 * with Chan, Golub and LeVeque's pairwise merge. Pass 1 computes each batch's own mean and M2
 * (two passes over the batch, {@link #addSquaredDeviations}) and merges it in; parts of the corpus
 * merge the same way, so the single process and any grouping of parts agree up to rounding.
 *
 * <p>Why not sums of x and x squared: the variance is then sumSq/n - mean^2, a difference of two
 * numbers of size mean^2, which loses the spread entirely when the mean is large against it (a
 * neuron sitting near 1e4 and moving by 1e-3 gets a variance of rounding noise). Deviations from a
 * batch's mean are of the size of the spread, so their squares keep it. {@code MomentsTest} shows both.
 */
final class Moments implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    final double[] mean;
    final double[] m2;

    Moments(int neurons) {
        mean = new double[neurons];
        m2 = new double[neurons];
    }

    /**
     * Adds {@code (d[off + u] - batchMean[nb + u])^2} into {@code batchM2[nb + u]} for the
     * {@code width} units of one token of one layer: the second pass over a batch, a plain loop the
     * JIT vectorises.
     */
    static void addSquaredDeviations(float[] d, int off, int nb, int width, double[] batchMean, double[] batchM2) {
        for (int u = 0; u < width; u++) {
            double dev = d[off + u] - batchMean[nb + u];
            batchM2[nb + u] += dev * dev;
        }
    }

    /**
     * Folds in {@code countB} values of mean {@code meanB} and M2 {@code m2B} per neuron, this
     * holding {@code countA}: exact in exact arithmetic, so the order and grouping of merges change
     * the result only by rounding.
     */
    void merge(long countA, long countB, double[] meanB, double[] m2B) {
        if (countB == 0) {
            return;
        }
        double total = (double) countA + countB;
        double weightB = countB / total;
        double cross = (double) countA * countB / total;
        for (int n = 0; n < mean.length; n++) {
            double delta = meanB[n] - mean[n];
            mean[n] += delta * weightB;
            m2[n] += m2B[n] + delta * delta * cross;
        }
    }

    /** Population standard deviation (ddof = 0, as numpy's default) over {@code count} values. */
    double std(int n, long count) {
        return count == 0 ? 0 : Math.sqrt(m2[n] / count);
    }
}
