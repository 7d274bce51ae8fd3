package org.neuronworkbench.analysis.semantic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The per-layer k-NN numbers against a direct brute-force count written here. */
class LayerSeparationTest {

    /** Share of each point's 10 cosine-nearest others with the same label, averaged. */
    private static double bruteForce(float[][] x, List<String> labels) {
        int n = x.length;
        double total = 0;
        for (int i = 0; i < n; i++) {
            double[] sim = new double[n];
            for (int j = 0; j < n; j++) {
                sim[j] = j == i ? Double.NEGATIVE_INFINITY : cosine(x[i], x[j]);
            }
            int same = 0;
            for (int m = 0; m < 10; m++) {
                int best = 0;
                for (int j = 1; j < n; j++) {
                    if (sim[j] > sim[best]) {
                        best = j;
                    }
                }
                same += labels.get(best).equals(labels.get(i)) ? 1 : 0;
                sim[best] = Double.NEGATIVE_INFINITY;
            }
            total += same / 10.0;
        }
        return total / n;
    }

    private static double cosine(float[] a, float[] b) {
        double ab = 0, aa = 0, bb = 0;
        for (int k = 0; k < a.length; k++) {
            ab += a[k] * (double) b[k];
            aa += a[k] * (double) a[k];
            bb += b[k] * (double) b[k];
        }
        return ab / Math.sqrt(aa * bb);
    }

    @Test
    void partOfSpeechAgreementMatchesABruteForceCountAndBeatsShuffledLabels() {
        LemmaVectors v = SemanticFixture.amap();
        LayerSeparation s = LayerSeparation.measure(v, 3, 1);
        List<String> pos = v.lemmas().stream().map(Lemma::pos).toList();
        assertEquals(bruteForce(v.layer(3), pos), s.knnPos(), 1e-9);
        assertTrue(s.knnPos() > s.knnPosShuffled(), s.toString());
        assertEquals(3, s.layer());
    }

    @Test
    void domainAgreementIsMeasuredOnLemmasWithADomainOnly() {
        LemmaVectors v = SemanticFixture.amap();
        LayerSeparation s = LayerSeparation.measure(v, 0, 1);
        long withDomain = v.lemmas().stream().filter(l -> !l.domain().equals(Lemma.NO_DOMAIN)).count();
        assertEquals(withDomain, s.domainPoints());
        if (withDomain > LayerSeparation.K) {
            assertTrue(s.knnDomain() >= 0 && s.knnDomain() <= 1);
        } else {
            assertTrue(Double.isNaN(s.knnDomain()), "too few lemmas with a domain give NaN, not a number: " + s);
        }
    }
}
