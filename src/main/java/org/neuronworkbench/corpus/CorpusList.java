package org.neuronworkbench.corpus;

import java.io.Serializable;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The corpora of one index, read one after another in the order given: documents, and so window
 * numbers, follow this order (and each folder's sorted listing), so every reader of the list sees
 * the same documents in the same order.
 */
public record CorpusList(List<CorpusSource> sources) implements Serializable {
    public CorpusList {
        if (sources == null || sources.isEmpty()) {
            throw new CorpusException("no corpus given: pass a .txt or .jsonl file, a folder of .txt files, or 'wordnet'");
        }
        sources = List.copyOf(sources);
    }

    /** One local path, or {@code wordnet}. */
    public static CorpusList local(String spec) {
        return new CorpusList(List.of(CorpusSource.local(spec == null ? "" : spec)));
    }

    /** Local paths (or {@code wordnet}), in order. */
    public static CorpusList local(List<String> specs) {
        return new CorpusList(specs.stream().map(CorpusSource::local).toList());
    }

    /** The corpora as given, for messages. */
    public String display() {
        return sources.stream().map(CorpusSource::given).collect(Collectors.joining(", "));
    }

    /**
     * The list as an index records it: each corpus normalised, joined by {@code ", "}; one corpus
     * reads exactly as it did before lists, so older unfinished indexes still resume.
     */
    public String normalized() {
        return sources.stream().map(CorpusSource::normalized).collect(Collectors.joining(", "));
    }
}
