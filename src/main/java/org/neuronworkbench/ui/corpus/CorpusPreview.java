package org.neuronworkbench.ui.corpus;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.neuronworkbench.corpus.Corpora;
import org.neuronworkbench.corpus.CorpusDocument;
import org.neuronworkbench.corpus.CorpusList;
import org.neuronworkbench.corpus.CorpusOptions;
import org.neuronworkbench.corpus.CorpusReader;
import org.neuronworkbench.corpus.CorpusReport;

/**
 * The first documents of a corpus and the report of reading all of it. Reading to the end is
 * cheap next to indexing and gives both the ETA's document count and honest skip counts.
 *
 * @param corpus    what was opened: "wordnet", a path, or several paths read as one corpus
 * @param documents the first few documents
 * @param report    the reader's report after reading the whole corpus
 */
public record CorpusPreview(CorpusList corpus, List<CorpusDocument> documents, CorpusReport report) {
    public static final int PREVIEW_DOCUMENTS = 50;

    public CorpusPreview {
        documents = List.copyOf(documents);
    }

    /** The corpus as the user gave it, for labels and messages ("a.txt, b.jsonl" for several). */
    public String spec() {
        return corpus.display();
    }

    /** One corpus ("wordnet" or a path); see {@link #read(CorpusList, BooleanSupplier)}. */
    public static CorpusPreview read(String spec, BooleanSupplier cancelled) {
        return read(CorpusList.local(spec), cancelled);
    }

    /**
     * Reads the corpus; throws {@link org.neuronworkbench.corpus.CorpusException} with a clear
     * message for a missing, unsupported or binary source. Returns null when cancelled.
     */
    public static CorpusPreview read(CorpusList corpus, BooleanSupplier cancelled) {
        List<CorpusDocument> first = new ArrayList<>();
        try (CorpusReader reader = Corpora.open(corpus, CorpusOptions.defaults())) {
            Optional<CorpusDocument> doc;
            while ((doc = reader.next()).isPresent()) {
                if (first.size() < PREVIEW_DOCUMENTS) {
                    first.add(doc.get());
                }
                if (cancelled.getAsBoolean()) {
                    return null;
                }
            }
            return new CorpusPreview(corpus, first, reader.report());
        }
    }
}
