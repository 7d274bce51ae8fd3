package org.neuronworkbench.analysis.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.neuronworkbench.index.CorpusIndex;
import org.neuronworkbench.index.Excerpt;
import org.neuronworkbench.index.IndexException;
import org.neuronworkbench.index.NeuronSort;
import org.neuronworkbench.index.NeuronSummary;
import org.neuronworkbench.model.Fixtures;
import org.neuronworkbench.model.MlpNeuron;
import org.neuronworkbench.model.ModelLoader;
import org.neuronworkbench.model.ModelRunner;
import org.neuronworkbench.work.Cancel;
import org.neuronworkbench.work.Progress;

/** One neuron explained end to end on a real index of the sample corpus. */
class ExplainNeuronTest {
    static CorpusIndex index;

    @BeforeAll
    static void open() {
        index = CorpusIndex.open(SampleIndex.index());
    }

    @AfterAll
    static void close() {
        index.close();
    }

    /** The most selective neuron whose ten explaining excerpts all peak on the same word. */
    static MlpNeuron oneTokenNeuron() {
        for (NeuronSummary s : index.neurons(OptionalInt.empty(), NeuronSort.SELECTIVITY, 300)) {
            List<Excerpt> top = index.topExcerpts(s.layer(), s.neuron(), Evidence.EXPLAIN_EXCERPTS);
            Set<String> maxWords = new java.util.HashSet<>();
            for (Excerpt e : top) {
                maxWords.add(e.tokens().get(e.maxTokenIndex()).text().strip().toLowerCase());
            }
            if (top.size() == Evidence.EXPLAIN_EXCERPTS && maxWords.size() == 1 && !s.dead()) {
                return new MlpNeuron(s.layer(), s.neuron());
            }
        }
        throw new AssertionError("no neuron of the sample index peaks on one token in all its top excerpts");
    }

    @Test
    void aNeuronPeakingOnOneTokenIsNamedAfterItAndBeatsRandomExplanations() {
        MlpNeuron n = oneTokenNeuron();
        Excerpt first = index.topExcerpts(n.layer(), n.index(), 1).get(0);
        String token = first.tokens().get(first.maxTokenIndex()).text();
        SentenceEncoder encoder = new SentenceEncoder(SampleIndex.model());
        NeuronExplanation x = ExplainNeuron.run(new ExplainNeuron.Request(index, n, SampleIndex.model(), encoder,
                null, null), Progress.NONE, Cancel.NEVER);
        assertEquals("the token " + RuleExplainer.quote(token), x.explanation().text(), n.toString());
        assertEquals(Explanation.Method.OFFLINE, x.explanation().method());
        assertTrue(x.coherence().value() > 0.999, "ten copies of one token are coherent: " + x.coherence());
        assertEquals(SentenceEncoder.NAME, x.coherence().encoder());
        assertNotNull(x.substitutions());
        assertTrue(x.warnings().isEmpty(), x.warnings().toString());
        // Random explanations: sets of three words drawn from the corpus vocabulary, other than the token.
        List<String> vocab = new ArrayList<>();
        for (var t : index.amapTopTokens(0, 0, 0)) {
            if (t.count() >= 3 && !t.token().equalsIgnoreCase(token.strip())) {
                vocab.add(t.token());
            }
        }
        Random rnd = new Random(3);
        for (int i = 0; i < 20; i++) {
            Set<String> words = new java.util.HashSet<>();
            while (words.size() < 3) {
                words.add(vocab.get(rnd.nextInt(vocab.size())));
            }
            Explanation random = Explanation.ofTokens("random", Explanation.Method.OFFLINE, "", words);
            double s = SimulationScore.correlation(OfflineSimulator.simulate(random, x.evidence().heldOutTokens()),
                    x.evidence().heldOutActivations());
            assertTrue(s < x.score(), words + " scored " + s + ", the explanation " + x.score());
        }
        assertTrue(x.score() > 0.3, "score " + x.score());
    }

    @Test
    void withoutModelOrEncoderTheOfflineExplanationStillComes() {
        MlpNeuron n = new MlpNeuron(3, 7);
        NeuronExplanation x = ExplainNeuron.run(new ExplainNeuron.Request(index, n, null, null, null, null),
                Progress.NONE, Cancel.NEVER);
        assertNull(x.coherence());
        assertNull(x.substitutions());
        assertEquals(10, x.evidence().maxTokens().size());
        assertTrue(x.evidence().heldOut().size() >= 10, "held-out excerpts " + x.evidence().heldOut().size());
        assertEquals(x.offlineScore(), x.score());
    }

    @Test
    void anIndexOfAnotherModelAndADeadOrMissingNeuronAreRefused() {
        try (ModelRunner gpt2 = ModelLoader.load(Fixtures.dir(Fixtures.GPT2).toString())) {
            IndexException e = assertThrows(IndexException.class, () -> ExplainNeuron.run(
                    new ExplainNeuron.Request(index, new MlpNeuron(0, 1), gpt2, null, null, null), Progress.NONE, Cancel.NEVER));
            assertTrue(e.getMessage().contains("was built with model 'default'"), e.getMessage());
        }
        IllegalArgumentException range = assertThrows(IllegalArgumentException.class, () -> ExplainNeuron.run(
                new ExplainNeuron.Request(index, new MlpNeuron(9, 1), null, null, null, null), Progress.NONE, Cancel.NEVER));
        assertTrue(range.getMessage().contains("out of range"), range.getMessage());
        for (NeuronSummary s : index.neurons(OptionalInt.empty(), NeuronSort.MAX, 0)) {
            if (s.dead()) {
                IllegalArgumentException dead = assertThrows(IllegalArgumentException.class, () -> ExplainNeuron.run(
                        new ExplainNeuron.Request(index, new MlpNeuron(s.layer(), s.neuron()), null, null, null, null),
                        Progress.NONE, Cancel.NEVER));
                assertTrue(dead.getMessage().contains("is dead"), dead.getMessage());
                return;
            }
        }
        throw new AssertionError("the sample index has no dead neuron to refuse");
    }
}
