package org.neuronworkbench.analysis.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The scorer on synthetic neurons whose activations are planted: the neuron fires exactly on a
 * token set (plus noise), so the right explanation must score high and a wrong one low.
 */
class SimulationScoreTest {
    static final List<String> PLANTED = List.of("cat", "dog", "horse", "cow", "sheep");
    static final List<String> FILLER = List.of("the", "table", "ran", "quickly", "blue", "over", "idea", "paper",
            "window", "said", "green", "under", "music", "road", "cold", "and", "bridge", "yesterday", "pencil", "river");

    /** A synthetic excerpt: words and the planted neuron's activation on each. */
    record Synthetic(List<ShownToken> tokens, double[] acts, double max) {
    }

    static List<Synthetic> corpus(long seed, int excerpts) {
        Random r = new Random(seed);
        List<Synthetic> out = new ArrayList<>();
        for (int e = 0; e < excerpts; e++) {
            List<ShownToken> toks = new ArrayList<>();
            double[] acts = new double[12];
            double max = -1;
            for (int i = 0; i < acts.length; i++) {
                boolean planted = r.nextDouble() < 0.12;
                String w = planted ? PLANTED.get(r.nextInt(PLANTED.size())) : FILLER.get(r.nextInt(FILLER.size()));
                toks.add(new ShownToken(w, false));
                acts[i] = (planted ? 2.0 + 0.5 * r.nextDouble() : 0) + 0.05 * r.nextGaussian();
                max = Math.max(max, acts[i]);
            }
            out.add(new Synthetic(toks, acts, max));
        }
        return out;
    }

    static double score(Explanation x, List<Synthetic> heldOut) {
        List<List<ShownToken>> toks = heldOut.stream().map(Synthetic::tokens).toList();
        double[][] real = heldOut.stream().map(Synthetic::acts).toArray(double[][]::new);
        return SimulationScore.correlation(OfflineSimulator.simulate(x, toks), real);
    }

    @Test
    void theExplanationNamingThePlantedSetScoresHighAndAWrongOneLow() {
        List<Synthetic> heldOut = corpus(7, 200);
        Explanation right = Explanation.ofTokens("the planted tokens", Explanation.Method.OFFLINE, "", Set.copyOf(PLANTED));
        Explanation wrong = Explanation.ofTokens("paper and tables", Explanation.Method.OFFLINE, "", Set.of("paper", "table"));
        double good = score(right, heldOut);
        double bad = score(wrong, heldOut);
        assertTrue(good >= 0.9, "right explanation scored " + good);
        assertTrue(bad <= 0.2, "wrong explanation scored " + bad);
        // Half the set is still better than nothing, and worse than all of it.
        Explanation half = Explanation.ofTokens("half", Explanation.Method.OFFLINE, "", Set.of("cat", "dog"));
        double mid = score(half, heldOut);
        assertTrue(mid > bad && mid < good, "partial explanation scored " + mid);
    }

    @Test
    void theRuleExplainerFindsThePlantedClassFromTheTopExcerptsAndItScoresOnHeldOutOnes() {
        List<Synthetic> all = new ArrayList<>(corpus(11, 300));
        all.sort(Comparator.comparingDouble(Synthetic::max).reversed());
        List<ShownToken> top = new ArrayList<>();
        for (Synthetic s : all.subList(0, 10)) {
            int arg = 0;
            for (int i = 1; i < s.acts().length; i++) {
                arg = s.acts()[i] > s.acts()[arg] ? i : arg;
            }
            top.add(s.tokens().get(arg));
        }
        Explanation x = RuleExplainer.explain(top);
        assertEquals("WordNet class", x.rule(), x.text());
        assertTrue(x.text().contains("placental"), x.text());
        double s = score(x, corpus(12, 200));
        assertTrue(s >= 0.9, x.text() + " scored " + s);
    }

    @Test
    void constantSidesScoreZeroAndPerfectAgreementScoresOne() {
        double[][] real = {{0, 1, 0}, {2, 0}};
        assertEquals(0.0, SimulationScore.correlation(new double[][] {{1, 1, 1}, {1, 1}}, real));
        assertEquals(1.0, SimulationScore.correlation(new double[][] {{0, 0.5, 0}, {1, 0}}, real), 1e-12);
        assertEquals(-1.0, SimulationScore.correlation(new double[][] {{0, -1, 0}, {-2, 0}}, real), 1e-12);
    }
}
