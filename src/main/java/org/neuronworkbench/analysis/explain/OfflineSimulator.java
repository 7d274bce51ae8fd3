package org.neuronworkbench.analysis.explain;

import java.util.List;

/**
 * The offline simulator of explain–simulate–score: a token is predicted to fire (1) when the
 * explanation covers it (names it, or it falls in its character or WordNet class), else 0.
 */
public final class OfflineSimulator {
    private OfflineSimulator() {
    }

    public static double[][] simulate(Explanation explanation, List<List<ShownToken>> excerpts) {
        double[][] out = new double[excerpts.size()][];
        for (int e = 0; e < out.length; e++) {
            List<ShownToken> toks = excerpts.get(e);
            out[e] = new double[toks.size()];
            for (int i = 0; i < toks.size(); i++) {
                out[e][i] = explanation.covers(toks.get(i)) ? 1 : 0;
            }
        }
        return out;
    }
}
