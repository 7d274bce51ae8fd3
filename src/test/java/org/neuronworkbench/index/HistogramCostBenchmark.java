package org.neuronworkbench.index;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.neuronworkbench.bench.Timing;
import org.neuronworkbench.corpus.Corpora;
import org.neuronworkbench.corpus.CorpusOptions;
import org.neuronworkbench.corpus.CorpusReader;
import org.neuronworkbench.corpus.Window;
import org.neuronworkbench.corpus.Windower;
import org.neuronworkbench.model.ModelRunner;
import org.neuronworkbench.work.Cancel;

/**
 * {@code bench histogram}: what the activation histogram adds to pass 1. Real MiniLM activations of
 * WordNet glosses (the index's own length-sorted forwards) are folded by pass 1 as the index does
 * (histogram included), and the same activations are binned by the histogram alone; interleaved
 * rounds, medians, so the share is measured in one run under the same load. Run with
 * {@code mvn -Pbench test -Dtest=HistogramCostBenchmark}.
 */
@Tag("bench")
class HistogramCostBenchmark {
    private static final int GLOSSES = Integer.getInteger("bench.histogramGlosses", 512);
    private static final int ROUNDS = 9;

    @Test
    void histogramShareOfPassOneFolding() {
        ModelRunner runner = IndexTestSupport.model();
        IndexOptions o = IndexOptions.defaults();
        List<Window> windows = new ArrayList<>();
        try (CorpusReader reader = Corpora.open(Corpora.WORDNET, CorpusOptions.defaults())) {
            Windower w = new Windower(reader, IndexBuilder.splitterFor(runner), o.window());
            while (w.hasNext() && windows.size() < GLOSSES) {
                windows.add(w.next());
            }
        }
        List<ForwardBatch> batches = new ArrayList<>();
        ForwardBatch.runSorted(runner, windows, 0, false, Cancel.NEVER, batches::add);
        long tokens = batches.stream().mapToLong(ForwardBatch::countedTokens).sum();
        int layers = runner.config().layers();
        int width = runner.config().dMlp();
        double[] fold = new double[ROUNDS];
        double[] hist = new double[ROUNDS];
        for (int r = -2; r < ROUNDS; r++) { // two warm-up rounds
            FirstPass fp = new FirstPass(layers, width, runner.config().vocabSize(), runner.config().maxPositions(), o.topK());
            long t0 = System.nanoTime();
            for (ForwardBatch fb : batches) {
                fp.add(fb, Cancel.NEVER);
            }
            long foldedTokens = fp.histogram.total(0); // includes folding the small counters into the totals
            long t1 = System.nanoTime();
            ActivationHistogram h = new ActivationHistogram(layers * width);
            for (ForwardBatch fb : batches) {
                for (int b = 0; b < fb.windows.size(); b++) {
                    for (int p : fb.counted[b]) {
                        int off = fb.offset(b, p);
                        for (int l = 0; l < layers; l++) {
                            h.addAll(fb.layerData[l], off, width, l * width);
                        }
                    }
                }
            }
            long binnedTokens = h.total(0);
            long t2 = System.nanoTime();
            if (r >= 0) {
                fold[r] = (t1 - t0) / 1e6;
                hist[r] = (t2 - t1) / 1e6;
            }
            if (binnedTokens != tokens || foldedTokens != tokens) {
                throw new AssertionError("histograms hold " + binnedTokens + " / " + foldedTokens + " tokens, not " + tokens);
            }
        }
        double f = Timing.median(fold);
        double hm = Timing.median(hist);
        System.out.printf("bench histogram (MiniLM, %d glosses = %d tokens x %d neurons, %d rounds, medians)%n",
                windows.size(), tokens, layers * width, ROUNDS);
        System.out.printf("  pass-1 fold, histogram included: %8.1f ms  (%.0f tok/s)%n", f, tokens / (f / 1e3));
        System.out.printf("  histogram binning alone:          %8.1f ms  (%.0f tok/s)%n", hm, tokens / (hm / 1e3));
        System.out.printf("  histogram share of pass-1 folding: %.2f%n", hm / f);
    }
}
