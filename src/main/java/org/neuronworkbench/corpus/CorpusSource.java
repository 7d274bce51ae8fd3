package org.neuronworkbench.corpus;

import java.io.Serializable;
import java.util.Objects;

/**
 * One corpus as the user named it: {@code wordnet}, or a .txt/.jsonl file or a folder of .txt
 * files on the file system {@code files} reads.
 *
 * @param given the name as given (a path, a URL, or {@code wordnet})
 * @param files where it is read from
 */
public record CorpusSource(String given, CorpusFiles files) implements Serializable {
    public CorpusSource {
        Objects.requireNonNull(given, "corpus");
        Objects.requireNonNull(files, "files");
    }

    /** A path on the local file system, or {@code wordnet}. */
    public static CorpusSource local(String given) {
        return new CorpusSource(given, LocalFiles.INSTANCE);
    }

    public boolean isWordNet() {
        return given.strip().equalsIgnoreCase(Corpora.WORDNET);
    }

    /** How an index records it: {@code wordnet}, or the file system's normal form of the path. */
    public String normalized() {
        return isWordNet() ? Corpora.WORDNET : files.normalize(given);
    }
}
