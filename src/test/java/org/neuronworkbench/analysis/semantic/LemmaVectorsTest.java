package org.neuronworkbench.analysis.semantic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.neuronworkbench.index.CorpusIndex;
import org.neuronworkbench.index.NeuronScore;
import org.neuronworkbench.model.ActivationCache;
import org.neuronworkbench.model.ModelRunner;
import org.neuronworkbench.model.Token;
import org.neuronworkbench.model.TokenizedText;
import org.neuronworkbench.model.hooks.HookName;
import org.neuronworkbench.work.CancelSwitch;
import org.neuronworkbench.work.Progress;

/** Lemma vectors against the index's own activation-map rows and against a direct forward. */
class LemmaVectorsTest {

    /** The full AMAP row of one token string, as {@code amap --token} reads it: [layer][neuron]. */
    private static float[][] amapRow(CorpusIndex idx, String token) {
        int layers = idx.info().layers();
        int d = idx.info().dMlp();
        float[][] row = new float[layers][d];
        for (NeuronScore s : idx.amapTopNeurons(token, layers * d)) {
            row[s.layer()][s.neuron()] = (float) s.score();
        }
        return row;
    }

    @Test
    void countsAddUpAndEveryKeptLemmaHasAllItsTokensInTheIndex() {
        LemmaVectors v = SemanticFixture.amap();
        LemmaCounts c = v.counts();
        assertEquals(c.lemmas(), c.kept() + c.leftOutTotal(), "kept + left out = lemmas: " + c);
        assertEquals(117_791, c.synsets());
        assertTrue(c.kept() > 100 && c.kept() < 5000, "a 60-sentence corpus shows some hundreds of lemmas: " + c.kept());
        assertEquals(0, c.leftOut().get(LemmaCounts.OVER_MAX_POINTS));
        assertTrue(c.leftOut().get(LemmaCounts.NOT_IN_INDEX) > 50_000, c.toString());
        assertEquals("not_in_index " + c.leftOut().get(LemmaCounts.NOT_IN_INDEX), c.leftOutText(), "only reasons that left lemmas out");
        CorpusIndex idx = SemanticFixture.index();
        for (int[] ids : v.tokens()) {
            for (int id : ids) {
                assertTrue(idx.amapRow(id) >= 0);
            }
        }
    }

    @Test
    void aMultiTokenLemmaIsTheMeanOfItsTokensRows() {
        LemmaVectors v = SemanticFixture.amap();
        CorpusIndex idx = SemanticFixture.index();
        ModelRunner runner = SemanticFixture.runner();
        int multi = -1;
        for (int i = 0; i < v.size() && multi < 0; i++) {
            if (v.tokens().get(i).length >= 2) {
                multi = i;
            }
        }
        assertTrue(multi >= 0, "some kept lemma has several tokens");
        int[] ids = v.tokens().get(multi);
        for (int layer : new int[] {0, 3, 5}) {
            float[] expected = new float[idx.info().dMlp()];
            for (int id : ids) {
                float[] row = amapRow(idx, runner.tokenizer().vocabString(id))[layer];
                for (int n = 0; n < expected.length; n++) {
                    expected[n] += row[n] / ids.length;
                }
            }
            assertArrayEquals(expected, v.vector(multi, layer), 1e-5f, v.lemmas().get(multi).lemma() + " at layer " + layer);
        }
    }

    @Test
    void thePointLimitKeepsTheBestSeenLemmas() {
        LemmaVectors all = SemanticFixture.amap();
        LemmaVectors few = LemmaVectors.fromAmap(SemanticFixture.index(), SemanticFixture.runner().tokenizer(),
                WordNetLemmas.load(), 40);
        assertEquals(40, few.size());
        assertEquals(all.size() - 40, few.counts().leftOut().get(LemmaCounts.OVER_MAX_POINTS));
        CorpusIndex idx = SemanticFixture.index();
        long weakestKept = Long.MAX_VALUE;
        for (int[] ids : few.tokens()) {
            weakestKept = Math.min(weakestKept, evidence(idx, ids));
        }
        List<String> keptNames = few.lemmas().stream().map(Lemma::lemma).toList();
        for (int i = 0; i < all.size(); i++) {
            if (!keptNames.contains(all.lemmas().get(i).lemma())) {
                assertTrue(evidence(idx, all.tokens().get(i)) <= weakestKept, all.lemmas().get(i).lemma());
            }
        }
    }

    private static long evidence(CorpusIndex idx, int[] ids) {
        long min = Long.MAX_VALUE;
        for (int id : ids) {
            min = Math.min(min, idx.amapRowCount(idx.amapRow(id)));
        }
        return min;
    }

    @Test
    void isolatedVectorsEqualEachLemmaRunAlone() {
        ModelRunner runner = SemanticFixture.runner();
        LemmaVectors v = LemmaVectors.isolated(runner, SemanticFixture.index(), WordNetLemmas.load(), 30,
                new int[] {1, 4}, Progress.NONE, new CancelSwitch());
        assertEquals(30, v.size());
        for (int i : new int[] {0, 7, 29}) {
            TokenizedText alone = runner.tokenize(v.lemmas().get(i).lemma());
            ActivationCache cache = runner.runWithCache(List.of(alone), h -> h.equals(HookName.mlpPost(4)));
            float[][] rows = cache.rows(HookName.mlpPost(4), 0);
            float[] expected = new float[rows[0].length];
            List<Integer> textPositions = new ArrayList<>();
            for (Token t : alone.tokens()) {
                if (!t.special()) {
                    textPositions.add(t.index());
                }
            }
            for (int p : textPositions) {
                for (int n = 0; n < expected.length; n++) {
                    expected[n] += rows[p][n] / textPositions.size();
                }
            }
            assertArrayEquals(expected, v.vector(i, 4), 1e-4f, v.lemmas().get(i).lemma());
        }
    }

    @Test
    void cancellingTheIsolatedRunKeepsTheLemmasFinished() {
        CancelSwitch cancel = new CancelSwitch();
        Map<String, Long> seen = new HashMap<>();
        LemmaVectors v = LemmaVectors.isolated(SemanticFixture.runner(), null, WordNetLemmas.load(), 3000,
                new int[] {0}, step -> {
                    seen.put("done", step.done());
                    cancel.cancel();
                }, cancel);
        assertTrue(v.cancelled());
        assertEquals(seen.get("done").intValue(), v.size(), "exactly the lemmas of the first forward");
        assertTrue(v.size() > 0 && v.size() < 3000);
        for (int i = 0; i < v.size(); i++) {
            assertEquals(v.dMlp(), v.vector(i, 0).length);
        }
    }
}
