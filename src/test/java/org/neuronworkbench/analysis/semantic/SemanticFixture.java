package org.neuronworkbench.analysis.semantic;

import org.neuronworkbench.index.CorpusIndex;
import org.neuronworkbench.model.ModelRunner;
import org.neuronworkbench.ui.neurons.TestIndex;

/** The shared real index (60 sample sentences, embedded MiniLM) opened once, and its AMAP lemma vectors. */
final class SemanticFixture {
    private static CorpusIndex index;
    private static LemmaVectors amap;

    private SemanticFixture() {
    }

    static ModelRunner runner() {
        return TestIndex.runner();
    }

    static synchronized CorpusIndex index() {
        if (index == null) {
            index = CorpusIndex.open(TestIndex.dir());
        }
        return index;
    }

    static synchronized LemmaVectors amap() {
        if (amap == null) {
            amap = LemmaVectors.fromAmap(index(), runner().tokenizer(), WordNetLemmas.load(), 0);
        }
        return amap;
    }
}
