package org.neuronworkbench.index;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.neuronworkbench.corpus.WindowOptions;
import org.neuronworkbench.model.ModelRunner;
import org.neuronworkbench.work.Cancel;

/**
 * Random corpora cut at random batch boundaries into parts, each part run through the real model
 * and the parts merged in a random grouping and order: the result is the single run's top-k,
 * samples, histogram, activation-map and |z| counts and captures exactly, and its sums within 1e-9 relative.
 */
class PartsMergePropertyTest {
    private static final double REL = 1e-9;

    @Property(tries = 4)
    void mergedPartsEqualTheSingleRun(@ForAll long seed, @ForAll @IntRange(min = 2, max = 6) int batch,
                                      @ForAll @IntRange(min = 2, max = 5) int parts) throws IOException {
        ModelRunner runner = IndexTestSupport.model();
        Random rnd = new Random(seed);
        Path dir = Files.createTempDirectory("parts-prop");
        Path corpus = randomCorpus(dir, rnd);
        IndexOptions o = IndexOptions.defaults().withWindow(WindowOptions.tokens(8, 5)).withBatchSize(batch).withTopK(4);
        CorpusWindows.Count count = CorpusWindows.Count.of(corpus.toString(), o, IndexBuilder.splitterFor(runner),
                Cancel.NEVER, org.neuronworkbench.work.Progress.NONE);
        List<IndexShard> whole = IndexParts.plan(count, o, 1);
        List<IndexShard> cut = randomCut(count, o, parts, rnd);

        IndexParts.PassOne single = IndexParts.passOne(runner, corpus.toString(), o, whole.get(0), Cancel.NEVER);
        List<IndexParts.PassOne> ones = new ArrayList<>();
        for (IndexShard s : cut) {
            ones.add(IndexParts.passOne(runner, corpus.toString(), o, s, Cancel.NEVER));
        }
        IndexParts.PassOne merged = mergeRandomly(ones, rnd, IndexParts.PassOne::merge);
        assertSamePassOne(single.pass, merged.pass);
        assertEquals(single.truncated, merged.truncated);

        IndexParts.PassTwoInputs in = inputsFrom(single.pass);
        IndexParts.PassTwo two = IndexParts.passTwo(runner, corpus.toString(), o, whole.get(0), in, Cancel.NEVER);
        List<IndexParts.PassTwo> twos = new ArrayList<>();
        for (IndexShard s : cut) {
            twos.add(IndexParts.passTwo(runner, corpus.toString(), o, s, in, Cancel.NEVER));
        }
        IndexParts.PassTwo mergedTwo = mergeRandomly(twos, rnd, IndexParts.PassTwo::merge);
        assertRowsClose("|z| sums", two.pass.zSums, mergedTwo.pass.zSums);
        assertEquals(captures(two.pass), captures(mergedTwo.pass), "captured activations");
        assertEquals(two.pass.pendingWindows.size(), mergedTwo.pass.pendingWindows.size());
    }

    /** Sentences of the sample corpus, some joined into long documents so cuts fall inside documents. */
    private static Path randomCorpus(Path dir, Random rnd) throws IOException {
        List<String> lines = Files.readAllLines(Path.of("sample-data/sentences.txt"), StandardCharsets.UTF_8);
        List<String> docs = new ArrayList<>();
        int n = 6 + rnd.nextInt(10);
        for (int i = 0; i < n; i++) {
            StringBuilder d = new StringBuilder(lines.get(rnd.nextInt(lines.size())));
            for (int j = rnd.nextInt(3); j > 0; j--) {
                d.append(' ').append(lines.get(rnd.nextInt(lines.size())));
            }
            docs.add(d.toString());
        }
        Path out = dir.resolve("corpus.txt");
        Files.write(out, docs, StandardCharsets.UTF_8);
        return out;
    }

    /** Up to {@code parts} shards cut at random batch boundaries. */
    private static List<IndexShard> randomCut(CorpusWindows.Count count, IndexOptions o, int parts, Random rnd) {
        List<IndexShard> perBatch = IndexParts.plan(count, o, Integer.MAX_VALUE);
        java.util.TreeSet<Integer> cuts = new java.util.TreeSet<>();
        for (int i = 1; i < parts && perBatch.size() > 1; i++) {
            cuts.add(1 + rnd.nextInt(perBatch.size() - 1));
        }
        cuts.add(perBatch.size());
        List<IndexShard> out = new ArrayList<>();
        int from = 0;
        for (int to : cuts) {
            IndexShard a = perBatch.get(from);
            out.add(new IndexShard(out.size(), a.firstWindow(), perBatch.get(to - 1).endWindow(),
                    a.documentsBefore(), a.windowInDocument()));
            from = to;
        }
        return out;
    }

    /** Merges neighbours or not, in a random order: any grouping and any order must give the same. */
    private static <T> T mergeRandomly(List<T> parts, Random rnd, java.util.function.BinaryOperator<T> merge) {
        List<T> left = new ArrayList<>(parts);
        while (left.size() > 1) {
            int i = rnd.nextInt(left.size());
            int j = rnd.nextInt(left.size() - 1);
            j = j >= i ? j + 1 : j;
            T merged = merge.apply(left.get(i), left.get(j));
            T other = left.get(j);
            left.remove(merged == other ? left.get(i) : other);
        }
        return left.get(0);
    }

    private static void assertSamePassOne(FirstPass a, FirstPass b) {
        assertEquals(a.tokens, b.tokens, "tokens");
        assertArrayEquals(a.min, b.min, "min");
        assertArrayEquals(a.max, b.max, "max");
        assertArrayEquals(a.active, b.active, "active");
        for (int n = 0; n < a.neurons; n++) {
            assertClose("mean", a.moments.mean[n], b.moments.mean[n]);
            assertClose("M2", a.moments.m2[n], b.moments.m2[n]);
            assertArrayEquals(a.top.sorted(n), b.top.sorted(n), "top-k of neuron " + n);
            assertArrayEquals(a.sample.entries(n), b.sample.entries(n), "sample of neuron " + n);
            assertArrayEquals(a.histogram.counts(n), b.histogram.counts(n), "histogram of neuron " + n);
        }
        assertRowsClose("activation map", a.amap, b.amap);
        assertRowsClose("positions", a.positions, b.positions);
    }

    private static void assertRowsClose(String what, TokenRows a, TokenRows b) {
        assertArrayEquals(a.seenKeys(), b.seenKeys(), what + " keys");
        for (int k : a.seenKeys()) {
            assertEquals(a.count(k), b.count(k), what + " count of " + k);
            double[] x = a.row(k);
            double[] y = b.row(k);
            for (int i = 0; i < x.length; i++) {
                assertClose(what + " row " + k, x[i], y[i]);
            }
        }
    }

    private static void assertClose(String what, double x, double y) {
        if (Math.abs(x - y) > REL * Math.max(Math.abs(x), Math.abs(y)) + 1e-12) {
            throw new AssertionError(what + ": " + x + " vs " + y);
        }
    }

    /** Pass 2 wants each neuron's top windows (kind 0) and its first sampled windows (kind 1). */
    private static IndexParts.PassTwoInputs inputsFrom(FirstPass fp) {
        double[] mean = new double[fp.neurons];
        double[] std = new double[fp.neurons];
        Map<Long, List<SecondPass.Want>> wanted = new HashMap<>();
        for (int n = 0; n < fp.neurons; n++) {
            mean[n] = fp.mean(n);
            std[n] = fp.std(n);
            TopWindows.Entry[] top = fp.top.sorted(n);
            for (int r = 0; r < top.length; r++) {
                wanted.computeIfAbsent(top[r].seq(), k -> new ArrayList<>()).add(new SecondPass.Want(0, n, r));
            }
            WindowSample.Entry[] sample = fp.sample.entries(n);
            for (int i = 0; i < Math.min(3, sample.length); i++) {
                wanted.computeIfAbsent(sample[i].seq(), k -> new ArrayList<>()).add(new SecondPass.Want(1, n, i));
            }
        }
        return new IndexParts.PassTwoInputs(mean, std, wanted);
    }

    private static List<String> captures(SecondPass sp) {
        List<String> out = new ArrayList<>();
        for (SecondPass.CapturedActs c : sp.pendingActs) {
            out.add(c.seq() + "/" + c.kind() + "/" + c.neuron() + "/" + c.slot() + "/" + java.util.Arrays.toString(c.acts()));
        }
        for (SecondPass.CapturedWindow w : sp.pendingWindows) {
            out.add(w.seq() + " " + w.window() + " " + w.tokens());
        }
        out.sort(Comparator.naturalOrder());
        return out;
    }
}
