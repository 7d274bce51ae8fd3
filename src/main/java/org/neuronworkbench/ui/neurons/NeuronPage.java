package org.neuronworkbench.ui.neurons;

import java.util.List;
import java.util.Optional;
import org.neuronworkbench.export.ColourScale;
import org.neuronworkbench.index.CorpusIndex;
import org.neuronworkbench.index.Excerpt;
import org.neuronworkbench.index.NeuronHistogram;
import org.neuronworkbench.index.NeuronStats;
import org.neuronworkbench.index.QuantileSample;
import org.neuronworkbench.index.TokenScore;
import org.neuronworkbench.model.MlpNeuron;

/**
 * Everything the neuron page shows, read from the index in one background call. The histogram is
 * empty for an index built before histograms were kept.
 */
public record NeuronPage(MlpNeuron neuron, NeuronStats stats, boolean dead, List<Excerpt> excerpts,
                         List<TokenScore> topWords, List<TokenScore> amapTokens,
                         List<QuantileSample> samples, Optional<NeuronHistogram> histogram) {
    public static final int TOP_WORDS = 12;
    /** NeuroX get_top_words keeps only words scoring above 0.1 by default; the count then cuts that list. */
    public static final double TOP_WORDS_MIN_SCORE = 0.1;
    public static final int AMAP_TOKENS = 12;

    public NeuronPage {
        excerpts = List.copyOf(excerpts);
        topWords = List.copyOf(topWords);
        amapTokens = List.copyOf(amapTokens);
        samples = List.copyOf(samples);
    }

    /** Reads a neuron's page; call off the FX thread. */
    public static NeuronPage read(CorpusIndex index, MlpNeuron n, int k) {
        int l = n.layer();
        int i = n.index();
        return new NeuronPage(n, index.stats(l, i), index.isDead(l, i), index.topExcerpts(l, i, k),
                index.topWords(l, i, TOP_WORDS, TOP_WORDS_MIN_SCORE), index.amapTopTokens(l, i, AMAP_TOKENS),
                index.quantileSamples(l, i), index.histogram(l, i));
    }

    /** Full colour at the neuron's maximum over the index, so excerpts compare (the shared rule). */
    public ColourScale colourScale() {
        return ColourScale.of(stats.max(), Double.NaN);
    }
}
