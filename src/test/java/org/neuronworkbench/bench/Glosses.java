package org.neuronworkbench.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.neuronworkbench.corpus.Corpora;
import org.neuronworkbench.corpus.CorpusDocument;
import org.neuronworkbench.corpus.CorpusOptions;
import org.neuronworkbench.corpus.CorpusReader;

/** The first WordNet glosses, one line each: the corpus the index, explain and distributed benchmarks share. */
public final class Glosses {
    private Glosses() {
    }

    public static List<String> first(int n) {
        List<String> lines = new ArrayList<>();
        try (CorpusReader reader = Corpora.open(Corpora.WORDNET, CorpusOptions.defaults())) {
            for (int i = 0; i < n; i++) {
                Optional<CorpusDocument> d = reader.next();
                if (d.isEmpty()) {
                    break;
                }
                lines.add(d.get().text().replace('\n', ' '));
            }
        }
        return lines;
    }
}
