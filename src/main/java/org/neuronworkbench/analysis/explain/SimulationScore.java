package org.neuronworkbench.analysis.explain;

/**
 * The score of explain–simulate–score: the Pearson correlation between simulated and real
 * activations over every token of every held-out excerpt at once (OpenAI's "all at once" score),
 * so an explanation is rewarded both for where the neuron fires and for where it stays quiet.
 */
public final class SimulationScore {
    private SimulationScore() {
    }

    /**
     * @return the correlation in [-1, 1]; 0 when either side is constant (a simulation that
     *         predicts the same value everywhere explains nothing)
     */
    public static double correlation(double[][] simulated, double[][] real) {
        if (simulated.length != real.length) {
            throw new IllegalArgumentException("simulated and real activations cover different excerpts");
        }
        double n = 0;
        double sx = 0;
        double sy = 0;
        for (int e = 0; e < real.length; e++) {
            if (simulated[e].length != real[e].length) {
                throw new IllegalArgumentException("excerpt " + e + ": " + simulated[e].length + " simulated vs "
                        + real[e].length + " real tokens");
            }
            for (int i = 0; i < real[e].length; i++) {
                n++;
                sx += simulated[e][i];
                sy += real[e][i];
            }
        }
        if (n < 2) {
            return 0;
        }
        double mx = sx / n;
        double my = sy / n;
        double cxy = 0;
        double cxx = 0;
        double cyy = 0;
        for (int e = 0; e < real.length; e++) {
            for (int i = 0; i < real[e].length; i++) {
                double dx = simulated[e][i] - mx;
                double dy = real[e][i] - my;
                cxy += dx * dy;
                cxx += dx * dx;
                cyy += dy * dy;
            }
        }
        if (cxx <= 0 || cyy <= 0) {
            return 0;
        }
        return cxy / Math.sqrt(cxx * cyy);
    }
}
