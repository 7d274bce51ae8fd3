package org.neuronworkbench.analysis.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuronworkbench.bench.Timing;
import org.neuronworkbench.cli.CliRun;
import org.neuronworkbench.index.CorpusIndex;
import org.neuronworkbench.model.MlpNeuron;
import org.neuronworkbench.model.ModelRunner;
import org.neuronworkbench.work.Cancel;
import org.neuronworkbench.work.Progress;

/**
 * {@code bench explain}: a whole MiniLM layer explained offline (evidence, coherence, rule
 * explanation, simulation score) and its score distribution; substitutions timed on an evenly spread
 * sample of its neurons (they do not change the explanation or its score); and, as the peer in the
 * same run, substitutions run one forward per variant against the batched way. Lives beside the code for the package-private unbatched mode.
 * Run with {@code mvn -Pbench test -Dtest=ExplainBenchmark -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@Tag("bench")
class ExplainBenchmark {
    private static final int LAYER = Integer.getInteger("bench.layer", 3);
    private static final int GLOSSES = Integer.getInteger("bench.glosses", 3000);
    private static final int PEER_NEURONS = Integer.getInteger("bench.peerNeurons", 12);
    private static final int ROUNDS = 3;
    private static final int SUBSTITUTION_SAMPLE = Integer.getInteger("bench.substitutionSample", 32);
    private static final int PACK_SAMPLE = Integer.getInteger("bench.packNeurons", 32);
    /** Hard time bound of the whole-layer run with substitutions. */
    private static final int LAYER_NEURONS = Integer.getInteger("bench.layerNeurons", Integer.MAX_VALUE);
    private static final double SECONDS = Double.parseDouble(System.getProperty("bench.seconds", "3600"));
    /** An index built by an earlier run of this benchmark (same corpus), to skip the build. */
    private static final String INDEX = System.getProperty("bench.index");

    @TempDir
    Path tmp;

    /**
     * A fresh copy of the benchmark index: built here, or copied from {@code bench.index} (built
     * there first when that folder does not exist yet, so later runs skip the build).
     */
    private Path index() throws Exception {
        Path dir = tmp.resolve("idx");
        if (INDEX == null || !Files.isDirectory(Path.of(INDEX))) {
            Path out = INDEX == null ? dir : Path.of(INDEX);
            Path corpus = corpus(tmp.resolve("corpus.txt"));
            CliRun built = CliRun.of("index", "--corpus", corpus.toString(), "--sentences", "--out", out.toString());
            assertEquals(0, built.code(), built.err());
            if (INDEX == null) {
                return dir;
            }
        }
        Files.createDirectories(dir);
        try (var files = Files.list(Path.of(INDEX))) {
            for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                if (!f.getFileName().toString().startsWith(ExplanationStore.FILE)) {
                    Files.copy(f, dir.resolve(f.getFileName()));
                }
            }
        }
        return dir;
    }

    @Test
    void wholeLayerOfflineAndBatchedSubstitutions() throws Exception {
        Path dir = index();
        ModelRunner model = SampleIndex.model();
        SentenceEncoder encoder = new SentenceEncoder(model);
        NearestWords words = new NearestWords(encoder);
        try (CorpusIndex index = CorpusIndex.open(dir)) {
            System.out.printf("bench explain (MiniLM layer %d; index of sample-data/sentences.txt + %d WordNet glosses:"
                    + " %d windows, %d tokens)%n", LAYER, GLOSSES, index.info().windows(), index.info().tokens());
            // 1. The whole layer: evidence, coherence, rule explanation and score for every neuron.
            long t0 = System.nanoTime();
            ExplainLayer.Result r = ExplainLayer.run(new ExplainLayer.Request(index, List.of(LAYER), null, encoder, null,
                    null, false), step -> {
                        if (step.done() % 256 == 0) {
                            // stderr: surefire keeps stdout for the report; this shows a long run is alive.
                            System.err.printf("  %d/%d %.0f s%n", step.done(), step.total(), (System.nanoTime() - t0) / 1e9);
                        }
                    }, Cancel.NEVER);
            double seconds = (System.nanoTime() - t0) / 1e9;
            assertEquals(index.info().dMlp(), r.explained() + r.dead() + r.skipped());
            List<StoredExplanation> all = ExplanationStore.open(dir).all();
            // 2. Substitutions (all excerpts of a neuron batched) on an evenly spread sample of live neurons.
            List<MlpNeuron> sample = new ArrayList<>();
            for (int i = 0; i < all.size(); i += Math.max(1, all.size() / SUBSTITUTION_SAMPLE)) {
                sample.add(all.get(i).neuron());
            }
            double[] perNeuron = new double[sample.size()];
            int forwards = 0;
            for (int k = 0; k < sample.size(); k++) {
                long s0 = System.nanoTime();
                Substitutions.Result sr = Substitutions.run(Substitutions.Request.defaults(model, sample.get(k),
                        Evidence.from(index, sample.get(k)).explained(), words), Progress.NONE, Cancel.NEVER);
                perNeuron[k] = (System.nanoTime() - s0) / 1e6;
                forwards += sr.forwards();
            }
            double substitutionMs = Arrays.stream(perNeuron).average().orElse(0);
            double[] scores = all.stream().mapToDouble(StoredExplanation::score).toArray();
            double[] coherence = all.stream().mapToDouble(StoredExplanation::coherence).filter(v -> !Double.isNaN(v)).toArray();
            Map<String, int[]> rules = new TreeMap<>();
            for (StoredExplanation x : all) {
                int[] c = rules.computeIfAbsent(x.rule(), k -> new int[2]);
                c[0]++;
                c[1] += x.score() >= 0.5 ? 1 : 0;
            }
            System.out.printf("  whole layer without substitutions: %d explained, %d dead, %d skipped in %.0f s (%.1f neurons/s)%n",
                    r.explained(), r.dead(), r.skipped(), seconds, r.explained() / seconds);
            System.out.printf("  substitutions on %d sampled neurons: %.0f ms per neuron (median %.0f), %.2f forwards per neuron%n",
                    sample.size(), substitutionMs, Timing.median(perNeuron), forwards / (double) sample.size());
            System.out.printf("  whole layer with substitutions (the layer run + %d x the sampled mean): %.0f s%n",
                    r.explained(), seconds + r.explained() * substitutionMs / 1000);
            System.out.printf("  score: mean %.3f, median %.3f, share >= 0.5 %.3f, >= 0.8: %d of %d (%.4f)%n",
                    Arrays.stream(scores).average().orElse(Double.NaN), Timing.median(scores),
                    Arrays.stream(scores).filter(v -> v >= 0.5).count() / (double) scores.length,
                    Arrays.stream(scores).filter(v -> v >= 0.8).count(), scores.length,
                    Arrays.stream(scores).filter(v -> v >= 0.8).count() / (double) scores.length);
            System.out.printf("  coherence: mean %.3f, median %.3f%n", Arrays.stream(coherence).average().orElse(Double.NaN),
                    Timing.median(coherence));
            rules.forEach((k, v) -> System.out.printf("  rule %-22s %5d neurons, %5d score >= 0.5%n", k, v[0], v[1]));
            // 3. The peer: the same substitutions with one forward per variant.
            peer(index, model, words);
        }
    }

    /** Batched substitutions against one forward per variant, same neurons, interleaved rounds. */
    private static void peer(CorpusIndex index, ModelRunner model, NearestWords words) {
        List<Substitutions.Request> requests = new ArrayList<>();
        int width = index.info().dMlp();
        for (int i = 0; requests.size() < PEER_NEURONS && i < width; i += width / PEER_NEURONS / 2 + 1) {
            if (!index.isDead(LAYER, i)) {
                MlpNeuron n = new MlpNeuron(LAYER, i);
                requests.add(Substitutions.Request.defaults(model, n, Evidence.from(index, n).explained(), words));
            }
        }
        double[] batched = new double[ROUNDS];
        double[] single = new double[ROUNDS];
        int[] forwards = new int[2];
        int rows = 0;
        for (int round = 0; round < ROUNDS; round++) {
            long t0 = System.nanoTime();
            List<Substitutions.Result> a = new ArrayList<>();
            for (Substitutions.Request q : requests) {
                a.add(Substitutions.run(q, Progress.NONE, Cancel.NEVER));
            }
            batched[round] = (System.nanoTime() - t0) / 1e6;
            t0 = System.nanoTime();
            List<Substitutions.Result> b = new ArrayList<>();
            for (Substitutions.Request q : requests) {
                b.add(Substitutions.run(q, Progress.NONE, Cancel.NEVER, 1));
            }
            single[round] = (System.nanoTime() - t0) / 1e6;
            forwards[0] = a.stream().mapToInt(Substitutions.Result::forwards).sum();
            forwards[1] = b.stream().mapToInt(Substitutions.Result::forwards).sum();
            rows = a.stream().mapToInt(x -> x.rows().size()).sum();
            for (int k = 0; k < a.size(); k++) {
                for (int j = 0; j < a.get(k).rows().size(); j++) {
                    assertEquals(b.get(k).rows().get(j).activation(), a.get(k).rows().get(j).activation(), 1e-4);
                }
            }
        }
        double ratio = Timing.median(single) / Timing.median(batched);
        System.out.printf("  substitutions of %d neurons (%d substitutes, %d rounds, medians): batched %d forwards %.0f ms;"
                + " one forward per variant %d forwards %.0f ms; ratio %.2f%n", requests.size(), rows, ROUNDS, forwards[0],
                Timing.median(batched), forwards[1], Timing.median(single), ratio);
        assertTrue(ratio > 1.5, "batching substitutions should pay: ratio " + ratio);
    }

    /**
     * Substitutions of the same neurons run one neuron at a time (all excerpts of a neuron in its
     * own forwards) against packed across neurons ({@link PackedSubstitutions}, packs of
     * {@link ExplainLayer#PACK_NEURONS} as a layer run makes them), interleaved rounds, medians.
     */
    @Test
    void packedAcrossNeuronsAgainstPerNeuronSubstitutions() throws Exception {
        Path dir = index();
        ModelRunner model = SampleIndex.model();
        NearestWords words = new NearestWords(new SentenceEncoder(model));
        try (CorpusIndex index = CorpusIndex.open(dir)) {
            int width = index.info().dMlp();
            List<Substitutions.Request> requests = new ArrayList<>();
            for (int i = 0; requests.size() < PACK_SAMPLE && i < width; i += 7) {
                if (!index.isDead(LAYER, i)) {
                    MlpNeuron n = new MlpNeuron(LAYER, i);
                    requests.add(Substitutions.Request.defaults(model, n, Evidence.from(index, n).explained(), words));
                }
            }
            double[] alone = new double[ROUNDS];
            double[] packed = new double[ROUNDS];
            int[] forwards = new int[2];
            int[] variants = new int[2];
            double worst = 0;
            for (int round = 0; round < ROUNDS; round++) {
                long t0 = System.nanoTime();
                List<Substitutions.Result> a = new ArrayList<>();
                for (Substitutions.Request q : requests) {
                    a.add(Substitutions.run(q, Progress.NONE, Cancel.NEVER));
                }
                alone[round] = (System.nanoTime() - t0) / 1e6;
                t0 = System.nanoTime();
                List<Substitutions.Result> b = new ArrayList<>();
                forwards[1] = 0;
                variants[0] = 0;
                variants[1] = 0;
                for (int from = 0; from < requests.size(); from += ExplainLayer.PACK_NEURONS) {
                    PackedSubstitutions.Result p = PackedSubstitutions.run(requests.subList(from,
                            Math.min(requests.size(), from + ExplainLayer.PACK_NEURONS)), Progress.NONE, Cancel.NEVER);
                    b.addAll(p.results());
                    forwards[1] += p.forwards();
                    variants[0] += p.variants();
                    variants[1] += p.distinctVariants();
                }
                packed[round] = (System.nanoTime() - t0) / 1e6;
                forwards[0] = a.stream().mapToInt(Substitutions.Result::forwards).sum();
                for (int k = 0; k < a.size(); k++) {
                    assertEquals(a.get(k).rows().size(), b.get(k).rows().size());
                    for (int j = 0; j < a.get(k).rows().size(); j++) {
                        double d = Math.abs(a.get(k).rows().get(j).activation() - b.get(k).rows().get(j).activation());
                        worst = Math.max(worst, d);
                        assertTrue(d <= 1e-4, "row " + j + " of " + requests.get(k).neuron() + " differs by " + d);
                    }
                }
                System.err.printf("  round %d: per neuron %.0f ms, packed %.0f ms%n", round, alone[round], packed[round]);
            }
            double ratio = Timing.median(alone) / Timing.median(packed);
            System.out.printf("bench explain: substitutions of %d neurons of MiniLM layer %d (%d rounds, medians): per neuron"
                    + " %d forwards %.0f ms (%.0f ms per neuron); packed in %d-neuron packs %d forwards, %d of %d variants"
                    + " distinct, %.0f ms (%.0f ms per neuron); ratio %.2f; largest activation difference %.1e%n",
                    requests.size(), LAYER, ROUNDS, forwards[0], Timing.median(alone), Timing.median(alone) / requests.size(),
                    ExplainLayer.PACK_NEURONS, forwards[1], variants[1], variants[0], Timing.median(packed),
                    Timing.median(packed) / requests.size(), ratio, worst);
            assertTrue(ratio > 1.2, "packing substitutions across neurons should pay: ratio " + ratio);
        }
    }

    /**
     * A whole layer explained as {@code explain --layer L} does it (evidence, coherence, substitutions
     * packed across neurons, explanation, score), or its first {@code bench.layerNeurons} neurons (a
     * fixed sample: neuron order within a layer carries no meaning), stopped at {@code bench.seconds}
     * at the latest; a sample or a cut run reports the projection for the whole layer as such.
     */
    @Test
    void wholeLayerWithSubstitutions() throws Exception {
        Path dir = index();
        ModelRunner model = SampleIndex.model();
        SentenceEncoder encoder = new SentenceEncoder(model);
        NearestWords words = new NearestWords(encoder);
        try (CorpusIndex index = CorpusIndex.open(dir)) {
            long t0 = System.nanoTime();
            long bound = t0 + (long) (SECONDS * 1e9);
            long[] last = {t0};
            boolean[] sampleDone = {false};
            ExplainLayer.Result r = ExplainLayer.run(new ExplainLayer.Request(index, List.of(LAYER), model, encoder, words,
                    null, false), step -> {
                        long now = System.nanoTime();
                        if (step.phase().equals("explaining") && step.done() >= LAYER_NEURONS) {
                            sampleDone[0] = true;
                        }
                        if (now - last[0] > 30e9) {
                            last[0] = now;
                            System.err.printf("  %d/%d %.0f s %s%n", step.done(), step.total(), (now - t0) / 1e9, step.detail());
                        }
                    }, () -> sampleDone[0] || System.nanoTime() > bound);
            double seconds = (System.nanoTime() - t0) / 1e9;
            int live = index.info().dMlp();
            int deadInLayer = 0;
            for (int i = 0; i < live; i++) {
                deadInLayer += index.isDead(LAYER, i) ? 1 : 0;
            }
            live -= deadInLayer;
            List<StoredExplanation> all = ExplanationStore.open(dir).all();
            long withSubs = all.stream().filter(x -> !x.substitutions().isEmpty()).count();
            if (r.cancelled()) {
                System.out.printf("bench explain: layer %d with substitutions, %s: %d of %d live neurons (%d with"
                        + " substitutions, %d dead skipped) in %.0f s, %.2f neurons/s; the whole layer at that rate: about %.0f s%n",
                        LAYER, sampleDone[0] ? "the first " + LAYER_NEURONS + " neurons (a sample)" : "CUT at the "
                        + SECONDS + " s bound", r.explained(), live, withSubs, r.dead(), seconds, r.explained() / seconds,
                        live * seconds / Math.max(1, r.explained()));
            } else {
                System.out.printf("bench explain: whole layer %d with substitutions: %d explained (%d with substitutions),"
                        + " %d dead, %d skipped in %.0f s (%.2f neurons/s)%n", LAYER, r.explained(), withSubs, r.dead(),
                        r.skipped(), seconds, r.explained() / seconds);
            }
        }
    }

    private static Path corpus(Path file) throws Exception {
        List<String> lines = new ArrayList<>(Files.readAllLines(Path.of("sample-data/sentences.txt"), StandardCharsets.UTF_8));
        lines.addAll(org.neuronworkbench.bench.Glosses.first(GLOSSES));
        Files.write(file, lines, StandardCharsets.UTF_8);
        return file;
    }
}
