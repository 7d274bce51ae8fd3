package org.neuronworkbench.analysis.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuronworkbench.index.CorpusIndex;
import org.neuronworkbench.model.MlpNeuron;
import org.neuronworkbench.work.Cancel;
import org.neuronworkbench.work.CancelSwitch;
import org.neuronworkbench.work.Progress;

/** Substitutions of many neurons packed into shared forwards give what each neuron's own run gives. */
class PackedSubstitutionsTest {
    /** Float noise between forwards of different shapes (batch size and padding change BLAS blocking). */
    static final double NOISE = 1e-4;

    @TempDir
    Path tmp;

    static List<Substitutions.Request> requests(CorpusIndex idx, int layer, int count, NearestWords words) {
        List<Substitutions.Request> out = new ArrayList<>();
        for (int i = 0; out.size() < count; i++) {
            if (!idx.isDead(layer, i)) {
                MlpNeuron n = new MlpNeuron(layer, i);
                out.add(Substitutions.Request.defaults(SampleIndex.model(), n, Evidence.from(idx, n).explained(), words));
            }
        }
        return out;
    }

    static void assertSameRows(Substitutions.Result alone, Substitutions.Result packed, String what) {
        assertEquals(alone.rows().size(), packed.rows().size(), what);
        for (int j = 0; j < alone.rows().size(); j++) {
            Substitutions.Row a = alone.rows().get(j);
            Substitutions.Row b = packed.rows().get(j);
            String row = what + " row " + j + ": " + a;
            assertEquals(a.excerpt(), b.excerpt(), row);
            assertEquals(a.original(), b.original(), row);
            assertEquals(a.substitute(), b.substitute(), row);
            assertEquals(a.source(), b.source(), row);
            assertEquals(a.activation(), b.activation(), NOISE, row);
            assertEquals(a.originalActivation(), b.originalActivation(), NOISE, row);
            if (Math.abs(a.ratio() - 0.5) > 1e-3) {
                assertEquals(a.kept(), b.kept(), row);
            }
        }
        assertEquals(alone.excerptsDone(), packed.excerptsDone(), what);
        assertEquals(alone.meanActivation(), packed.meanActivation(), NOISE, what);
    }

    @Test
    void twelveNeuronsPackedGiveTheRowsOfEachNeuronRunAloneInFewerForwards() {
        NearestWords words = new NearestWords(new SentenceEncoder(SampleIndex.model()));
        try (CorpusIndex idx = CorpusIndex.open(SampleIndex.index())) {
            List<Substitutions.Request> q = requests(idx, 3, 12, words);
            List<Substitutions.Result> alone = new ArrayList<>();
            int aloneForwards = 0;
            for (Substitutions.Request r : q) {
                Substitutions.Result a = Substitutions.run(r, Progress.NONE, Cancel.NEVER);
                alone.add(a);
                aloneForwards += a.forwards();
            }
            PackedSubstitutions.Result packed = PackedSubstitutions.run(q, Progress.NONE, Cancel.NEVER);
            double worst = 0;
            for (int k = 0; k < q.size(); k++) {
                assertSameRows(alone.get(k), packed.results().get(k), q.get(k).neuron().toString());
                for (int j = 0; j < alone.get(k).rows().size(); j++) {
                    worst = Math.max(worst, Math.abs(alone.get(k).rows().get(j).activation()
                            - packed.results().get(k).rows().get(j).activation()));
                }
                assertTrue(packed.results().get(k).forwards() >= 1 && packed.results().get(k).forwards() <= packed.forwards());
            }
            int variants = alone.stream().mapToInt(a -> a.rows().size() + a.excerptsDone()).sum();
            assertEquals(variants, packed.variants(), "every variant (unchanged excerpt, self, substitutes) is counted");
            // The word put back is the unchanged excerpt again, so at least one row per excerpt is shared.
            int excerpts = alone.stream().mapToInt(Substitutions.Result::excerptsDone).sum();
            assertTrue(packed.distinctVariants() <= variants - excerpts, packed.distinctVariants() + " of " + variants);
            assertTrue(packed.forwards() < aloneForwards, packed.forwards() + " packed forwards vs " + aloneForwards);
            System.out.printf("packed %d neurons: %d forwards (alone %d), %d of %d variants distinct, largest difference %.2e%n",
                    q.size(), packed.forwards(), aloneForwards, packed.distinctVariants(), variants, worst);
        }
    }

    @Test
    void requestsOfTwoLayersAreRefusedAndACancelReturnsNothingMarkedCancelled() {
        try (CorpusIndex idx = CorpusIndex.open(SampleIndex.index())) {
            List<Substitutions.Request> q = new ArrayList<>(requests(idx, 3, 2, null));
            q.add(requests(idx, 4, 1, null).get(0));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> PackedSubstitutions.run(q, Progress.NONE, Cancel.NEVER));
            assertTrue(e.getMessage().contains("one layer"), e.getMessage());
            CancelSwitch cancel = new CancelSwitch();
            cancel.cancel();
            PackedSubstitutions.Result r = PackedSubstitutions.run(q.subList(0, 2), Progress.NONE, cancel);
            assertTrue(r.cancelled());
            assertEquals(0, r.forwards());
            assertTrue(r.results().stream().allMatch(x -> x.cancelled() && x.rows().isEmpty()));
        }
    }

    @Test
    void aLayerRunStoresTheSubstitutionsEachNeuronGetsAlone() throws Exception {
        Path dir = tmp.resolve("idx");
        Files.createDirectories(dir);
        try (var files = Files.list(SampleIndex.index())) {
            for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                Files.copy(f, dir.resolve(f.getFileName()));
            }
        }
        NearestWords words = new NearestWords(new SentenceEncoder(SampleIndex.model()));
        try (CorpusIndex idx = CorpusIndex.open(dir)) {
            CancelSwitch cancel = new CancelSwitch();
            List<StoredExplanation> handed = new ArrayList<>();
            ExplainLayer.Result r = ExplainLayer.run(new ExplainLayer.Request(idx, List.of(3), SampleIndex.model(), null, words,
                    null, false), s -> {
                        if (s.phase().equals("explaining") && s.done() >= 20) {
                            cancel.cancel();
                        }
                    }, cancel, handed::add);
            assertTrue(r.cancelled());
            List<StoredExplanation> all = ExplanationStore.open(dir).all();
            // The cancel came while the second pack was being stored: both packs are kept, nothing after them.
            assertTrue(all.size() > ExplainLayer.PACK_NEURONS / 2 && all.size() <= 2 * ExplainLayer.PACK_NEURONS,
                    all.size() + " stored");
            assertEquals(all.size(), r.explained());
            assertEquals(all.stream().map(StoredExplanation::neuron).toList(), handed.stream().map(StoredExplanation::neuron).toList());
            for (StoredExplanation x : List.of(all.get(0), all.get(all.size() - 1))) {
                NeuronExplanation alone = ExplainNeuron.run(new ExplainNeuron.Request(idx, x.neuron(), SampleIndex.model(), null,
                        words, null), Progress.NONE, Cancel.NEVER);
                assertEquals(alone.explanation().text(), x.text());
                assertEquals(alone.score(), x.score(), 1e-12);
                assertTrue(!x.substitutions().isEmpty(), x.neuron() + " has substitutions");
                assertSameRows(alone.substitutions(), new Substitutions.Result(x.substitutions(), x.extendedTokens(),
                        x.substitutionMean(), 0, alone.substitutions().excerptsDone(), false), x.neuron().toString());
            }
        }
    }
}
