package org.neuronworkbench.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuronworkbench.corpus.Corpora;
import org.neuronworkbench.corpus.CorpusReader;
import org.neuronworkbench.corpus.Window;
import org.neuronworkbench.corpus.Windower;
import org.neuronworkbench.model.ActivationCache;
import org.neuronworkbench.model.ModelRunner;
import org.neuronworkbench.model.TokenizedText;
import org.neuronworkbench.model.hooks.HookName;

/**
 * The streaming index against brute force on 40 real sentences: every activation kept in memory,
 * then sorted and averaged. Same windows and batches, so the model gives bit-identical numbers.
 */
class BruteForceTest {
    @TempDir
    static Path tmp;
    static ModelRunner runner;
    static CorpusIndex index;
    static BruteForce brute;
    static int width;
    static int layers;

    @BeforeAll
    static void build() throws Exception {
        runner = IndexTestSupport.model();
        layers = runner.config().layers();
        width = runner.config().dMlp();
        Path corpus = IndexTestSupport.sentences(tmp, 40);
        IndexOptions options = IndexTestSupport.smallOptions();
        IndexBuildResult r = new IndexBuilder(options).build(runner, corpus.toString(), tmp.resolve("idx"), null, null);
        assertTrue(!r.cancelled() && r.windows() > 80, "windows " + r.windows());
        index = CorpusIndex.open(tmp.resolve("idx"));
        brute = BruteForce.of(runner, corpus.toString(), options);
    }

    /** Every counted activation of every window, in corpus order. */
    record BruteForce(List<Window> windows, List<int[]> ids, List<float[][]> acts) {
        static BruteForce of(ModelRunner runner, String corpus, IndexOptions o) {
            List<Window> windows = new ArrayList<>();
            try (CorpusReader reader = Corpora.open(corpus, o.corpus())) {
                new Windower(reader, IndexBuilder.splitterFor(runner), o.window()).forEachRemaining(windows::add);
            }
            List<int[]> ids = new ArrayList<>();
            List<float[][]> acts = new ArrayList<>();
            int layers = runner.config().layers();
            int width = runner.config().dMlp();
            for (List<Window> batch : ModelRunner.batches(windows, o.batchSize())) {
                List<TokenizedText> texts = batch.stream().map(w -> runner.tokenize(w.text())).toList();
                ActivationCache cache = runner.runWithCache(texts, HookName::isMlpPost);
                for (int b = 0; b < batch.size(); b++) {
                    List<Integer> keep = new ArrayList<>();
                    texts.get(b).tokens().forEach(t -> {
                        if (!t.special()) {
                            keep.add(t.index());
                        }
                    });
                    float[][] a = new float[keep.size()][layers * width];
                    int[] tid = new int[keep.size()];
                    for (int l = 0; l < layers; l++) {
                        float[][] rows = cache.rows(HookName.mlpPost(l), b);
                        for (int i = 0; i < keep.size(); i++) {
                            System.arraycopy(rows[keep.get(i)], 0, a[i], l * width, width);
                            tid[i] = texts.get(b).tokens().get(keep.get(i)).id();
                        }
                    }
                    ids.add(tid);
                    acts.add(a);
                }
            }
            return new BruteForce(windows, ids, acts);
        }

        double[] column(int n) {
            return acts.stream().flatMap(a -> java.util.Arrays.stream(a)).mapToDouble(r -> r[n]).toArray();
        }
    }

    @Test
    void statsMatchWithin1e5() {
        for (int n = 0; n < layers * width; n++) {
            double[] v = brute.column(n);
            double mean = java.util.Arrays.stream(v).average().orElseThrow();
            double var = java.util.Arrays.stream(v).map(x -> (x - mean) * (x - mean)).sum() / v.length;
            NeuronStats s = index.stats(n / width, n % width);
            assertEquals(mean, s.mean(), 1e-5, "mean " + n);
            assertEquals(Math.sqrt(var), s.std(), 1e-5, "std " + n);
            assertEquals(java.util.Arrays.stream(v).min().orElseThrow(), s.min(), 1e-6);
            assertEquals(java.util.Arrays.stream(v).max().orElseThrow(), s.max(), 1e-6);
            assertEquals(java.util.Arrays.stream(v).filter(x -> x > 0).count() / (double) v.length, s.fracActive(), 1e-12);
        }
        assertEquals(brute.acts().stream().mapToLong(a -> a.length).sum(), index.info().tokens());
    }

    @Test
    void topExcerptsAreTheSameWindowsAndPositions() {
        for (int n = 0; n < layers * width; n += 13) {
            final int unit = n;
            List<int[]> ranked = new ArrayList<>(); // {window, argmax}
            List<Float> max = new ArrayList<>();
            for (int w = 0; w < brute.windows().size(); w++) {
                float[][] a = brute.acts().get(w);
                int best = 0;
                for (int p = 1; p < a.length; p++) {
                    best = a[p][unit] > a[best][unit] ? p : best;
                }
                ranked.add(new int[] {w, best});
                max.add(a[best][unit]);
            }
            ranked.sort(Comparator.<int[]>comparingDouble(x -> -max.get(x[0])).thenComparingInt(x -> x[0]));
            List<Excerpt> got = index.topExcerpts(n / width, n % width, 20);
            assertEquals(20, got.size());
            for (int r = 0; r < 20; r++) {
                Window w = brute.windows().get(ranked.get(r)[0]);
                Excerpt e = got.get(r);
                assertEquals(r, e.rank());
                assertEquals(w.docId(), e.docId(), "neuron " + n + " rank " + r);
                assertEquals(w.text(), e.text());
                assertEquals(ranked.get(r)[1], e.maxTokenIndex(), "neuron " + n + " rank " + r);
                assertEquals(max.get(ranked.get(r)[0]), e.activation(), 0.0);
                float[][] a = brute.acts().get(ranked.get(r)[0]);
                assertEquals(a.length, e.tokens().size());
                for (int p = 0; p < a.length; p++) {
                    assertEquals(a[p][unit], e.tokens().get(p).activation(), 0.0);
                    ExcerptToken t = e.tokens().get(p);
                    assertEquals(t.text(), e.text().substring(t.start(), t.end()));
                }
            }
        }
    }

    @Test
    void activationMapIsIdentical() throws Exception {
        Map<Integer, double[]> sums = new TreeMap<>();
        Map<Integer, Long> counts = new HashMap<>();
        for (int w = 0; w < brute.windows().size(); w++) {
            for (int p = 0; p < brute.ids().get(w).length; p++) {
                double[] s = sums.computeIfAbsent(brute.ids().get(w)[p], k -> new double[layers * width]);
                counts.merge(brute.ids().get(w)[p], 1L, Long::sum);
                for (int n = 0; n < s.length; n++) {
                    s[n] += brute.acts().get(w)[p][n];
                }
            }
        }
        try (SafetensorsIn st = new SafetensorsIn(tmp.resolve("idx").resolve(FirstPassWriter.AMAP_FILE))) {
            SafetensorsIn.Tensor means = st.tensor("token_means");
            SafetensorsIn.Tensor ids = st.tensor("token_ids");
            SafetensorsIn.Tensor cnt = st.tensor("token_counts");
            assertEquals(sums.size(), means.rows());
            int row = 0;
            for (Map.Entry<Integer, double[]> e : sums.entrySet()) {
                assertEquals(e.getKey(), ids.i32(row));
                assertEquals(counts.get(e.getKey()), cnt.i64(row));
                for (int n = 0; n < layers * width; n++) {
                    assertEquals((float) (e.getValue()[n] / counts.get(e.getKey())), means.f32(row, n), 0.0f);
                }
                row++;
            }
        }
        // The read API agrees with the matrix it serves.
        List<TokenScore> top = index.amapTopTokens(2, 7, 3);
        assertEquals(3, top.size());
        assertTrue(top.get(0).score() >= top.get(1).score());
    }

    @Test
    void topWordsMatchNeuroX() {
        for (int n = 0; n < layers * width; n += 97) {
            NeuronStats s = index.stats(n / width, n % width);
            Map<Integer, double[]> agg = new TreeMap<>();
            for (int w = 0; w < brute.windows().size(); w++) {
                for (int p = 0; p < brute.ids().get(w).length; p++) {
                    double z = Math.abs((brute.acts().get(w)[p][n] - s.mean()) / s.std());
                    double[] a = agg.computeIfAbsent(brute.ids().get(w)[p], k -> new double[2]);
                    a[0] += z;
                    a[1]++;
                }
            }
            double max = agg.values().stream().mapToDouble(a -> a[0] / a[1]).max().orElseThrow();
            List<double[]> expected = new ArrayList<>();
            agg.forEach((id, a) -> expected.add(new double[] {id, a[0] / a[1] / max}));
            expected.removeIf(e -> e[1] <= 0.2);
            expected.sort(Comparator.<double[]>comparingDouble(e -> -e[1]).thenComparingDouble(e -> e[0]));
            List<TokenScore> got = index.topWords(n / width, n % width, 15, 0.2);
            assertEquals(Math.min(15, expected.size()), got.size(), "neuron " + n);
            for (int i = 0; i < got.size(); i++) {
                assertEquals(expected.get(i)[1], got.get(i).score(), 1e-5, "neuron " + n + " #" + i);
                assertEquals((int) expected.get(i)[0], got.get(i).tokenId(), "neuron " + n + " #" + i);
            }
        }
    }

    @Test
    void histogramsEqualBruteForceBinningAndSumToTheTokenCount() {
        for (int n = 0; n < layers * width; n++) {
            long[] expected = new long[ActivationHistogram.BINS];
            for (float[][] window : brute.acts()) {
                for (float[] token : window) {
                    expected[ActivationHistogramTest.byEdges(token[n])]++;
                }
            }
            NeuronHistogram h = index.histogram(n / width, n % width).orElseThrow();
            assertEquals(index.info().tokens(), h.total(), "neuron " + n);
            org.junit.jupiter.api.Assertions.assertArrayEquals(expected, h.counts(), "neuron " + n);
        }
        // Not a degenerate histogram: activations spread over many bins, both sides of zero.
        long[] c = index.histogram(2, 7).orElseThrow().counts();
        assertTrue(java.util.Arrays.stream(c).filter(x -> x > 0).count() > 10, java.util.Arrays.toString(c));
    }

    /** An index built before histograms were kept (the same files without histogram.safetensors) still opens. */
    @Test
    void anIndexWithoutHistogramsOpensAndSaysSo() throws Exception {
        Path old = tmp.resolve("before-histograms");
        java.nio.file.Files.createDirectories(old);
        try (var files = java.nio.file.Files.list(tmp.resolve("idx"))) {
            for (Path f : files.toList()) {
                if (java.nio.file.Files.isRegularFile(f) && !f.getFileName().toString().equals(ActivationHistogram.FILE)) {
                    java.nio.file.Files.copy(f, old.resolve(f.getFileName()));
                }
            }
        }
        assertTrue(index.hasHistograms());
        try (CorpusIndex o = CorpusIndex.open(old)) {
            assertTrue(!o.hasHistograms());
            assertTrue(o.histogram(1, 2).isEmpty());
            assertEquals(index.stats(1, 2).mean(), o.stats(1, 2).mean(), 0.0);
        }
    }

    /** Each band sample's window max lies in its band, whose bounds are the neuron's quantile boundaries. */
    @Test
    void bandSamplesComeFromTheirBand() {
        int seen = 0;
        java.util.Set<Integer> bandsSeen = new java.util.HashSet<>();
        for (int n = 0; n < layers * width; n += 7) {
            double[] q = index.stats(n / width, n % width).quantiles();
            for (QuantileSample s : index.quantileSamples(n / width, n % width)) {
                double lower = s.band() == 0 ? Double.NEGATIVE_INFINITY : q[s.band() - 1];
                double upper = s.band() == q.length ? Double.POSITIVE_INFINITY : q[s.band()];
                assertEquals(lower, s.lower(), 0.0, "neuron " + n);
                assertEquals(upper, s.upper(), 0.0, "neuron " + n);
                double max = s.excerpt().tokens().stream().mapToDouble(ExcerptToken::activation).max().orElseThrow();
                assertEquals(max, s.excerpt().activation(), 0.0, "the sample's max is its tokens' max");
                assertTrue(lower <= max && max < upper, "neuron " + n + " band " + s.band() + ": " + max
                        + " not in [" + lower + ", " + upper + ")");
                seen++;
                bandsSeen.add(s.band());
            }
        }
        assertTrue(seen > 1000, "samples checked: " + seen);
        assertEquals(5, bandsSeen.size(), "every band occurs: " + bandsSeen);
    }
}
