package org.neuronworkbench.analysis.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.neuronworkbench.index.CorpusIndex;
import org.neuronworkbench.index.Excerpt;
import org.neuronworkbench.model.MlpNeuron;
import org.neuronworkbench.work.Cancel;
import org.neuronworkbench.work.CancelSwitch;
import org.neuronworkbench.work.Progress;
import org.neuronworkbench.work.Step;

/** Substitutions on a real index of the sample corpus with the real model. */
class SubstitutionsTest {
    static final MlpNeuron NEURON = new MlpNeuron(2, 100);

    static List<Excerpt> top(int k) {
        try (CorpusIndex idx = CorpusIndex.open(SampleIndex.index())) {
            return idx.topExcerpts(NEURON.layer(), NEURON.index(), k);
        }
    }

    @Test
    void allVariantsOfTheExcerptsShareOneForwardAndSelfKeepsTheActivationExactly() {
        List<Excerpt> excerpts = top(5);
        NearestWords words = new NearestWords(new SentenceEncoder(SampleIndex.model()));
        Substitutions.Result r = Substitutions.run(Substitutions.Request.defaults(SampleIndex.model(), NEURON, excerpts, words),
                Progress.NONE, Cancel.NEVER);
        assertEquals(5, r.excerptsDone());
        // Five excerpts of short sentences with up to 13 variants each fit one forward.
        assertEquals(1, r.forwards());
        assertTrue(r.rows().size() > 5 * 4, "rows " + r.rows().size());
        for (Excerpt e : excerpts) {
            List<Substitutions.Row> rows = r.rows().stream().filter(x -> x.excerpt() == e.rank()).toList();
            Substitutions.Row self = rows.stream().filter(x -> x.source().equals("self")).findFirst().orElseThrow();
            assertEquals(self.originalActivation(), self.activation(), 0.0, "self substitution in excerpt " + e.rank());
            assertTrue(self.kept());
            // The unchanged excerpt, run here, is the activation the index recorded.
            assertEquals(e.activation(), self.originalActivation(), 1e-4, "excerpt " + e.rank());
            assertTrue(rows.stream().anyMatch(x -> x.source().equals("encoder")), "encoder candidates in " + e.rank());
            for (Substitutions.Row x : rows) {
                assertEquals(x.ratio() >= 0.5, x.kept(), x.toString());
                assertEquals(x.activation() / x.originalActivation(), x.ratio(), 1e-12);
            }
        }
        assertTrue(r.extendedTokens().containsAll(r.kept().stream().map(x -> x.substitute().toLowerCase()).toList()));
        double mean = r.rows().stream().filter(x -> !x.source().equals("self")).mapToDouble(Substitutions.Row::activation)
                .average().orElseThrow();
        assertEquals(mean, r.meanActivation(), 1e-12);
    }

    @Test
    void eachVariantMatchesTheSubstitutedTextRunOnItsOwn() {
        List<Excerpt> excerpts = top(1);
        Substitutions.Result r = Substitutions.run(Substitutions.Request.defaults(SampleIndex.model(), NEURON, excerpts, null),
                Progress.NONE, Cancel.NEVER);
        Excerpt e = excerpts.get(0);
        Substitutions.Row row = r.rows().stream().filter(x -> !x.source().equals("self")).findFirst().orElseThrow();
        // Rebuild the variant by hand and run it alone: same activation as in the batch (within float noise).
        String word = row.original();
        int at = e.text().indexOf(word, Math.max(0, e.tokens().get(e.maxTokenIndex()).start() - word.length()));
        String variant = e.text().substring(0, at) + row.substitute() + e.text().substring(at + word.length());
        var t = SampleIndex.model().tokenize(variant);
        float[] acts = new org.neuronworkbench.analysis.NeuronRuns().activations(SampleIndex.model(), List.of(t.ids()), NEURON)[0];
        double best = Double.NEGATIVE_INFINITY;
        for (var tok : t.tokens()) {
            if (!tok.special() && tok.start() < at + row.substitute().length() && tok.end() > at) {
                best = Math.max(best, acts[tok.index()]);
            }
        }
        assertEquals(best, row.activation(), 1e-4, variant);
    }

    @Test
    void aCancelBeforeTheFirstForwardReturnsAnEmptyResultMarkedCancelled() {
        CancelSwitch cancel = new CancelSwitch();
        cancel.cancel();
        List<Step> steps = new ArrayList<>();
        Substitutions.Result r = Substitutions.run(Substitutions.Request.defaults(SampleIndex.model(), NEURON, top(3), null),
                steps::add, cancel);
        assertTrue(r.cancelled());
        assertEquals(0, r.forwards());
        assertTrue(r.rows().isEmpty());
        assertFalse(steps.stream().anyMatch(s -> s.done() > 0));
    }
}
