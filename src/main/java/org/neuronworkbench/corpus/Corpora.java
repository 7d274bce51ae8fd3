package org.neuronworkbench.corpus;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** Opens a corpus, choosing the reader from what the path is. */
public final class Corpora {
    /** Name of the built-in WordNet gloss corpus. */
    public static final String WORDNET = "wordnet";

    private Corpora() {
    }

    /** {@code "wordnet"} (any case) opens the built-in corpus; anything else is a local path. */
    public static CorpusReader open(String spec, CorpusOptions options) {
        return open(CorpusSource.local(spec == null ? "" : spec), options);
    }

    /** A local path; see {@link #open(CorpusSource, CorpusOptions)}. */
    public static CorpusReader open(Path path, CorpusOptions options) {
        return open(CorpusSource.local(path.toString()), options);
    }

    /** The corpora of the list one after another, as one stream of documents. */
    public static CorpusReader open(CorpusList list, CorpusOptions options) {
        List<CorpusSource> sources = list.sources();
        if (sources.size() == 1) {
            return open(sources.get(0), options);
        }
        // Each corpus is checked before any is read, so a bad last one fails at once.
        for (CorpusSource s : sources) {
            check(s);
        }
        return new ConcatenatedReader(list.display(), sources.stream()
                .map(s -> (java.util.function.Supplier<CorpusReader>) () -> open(s, options)).toList());
    }

    /**
     * Opens {@code wordnet}, a {@code .txt} file (one example per line), a {@code .jsonl} file (one
     * JSON object per line, text in {@link CorpusOptions#textField()}), or a folder whose
     * {@code .txt} files are read in name order (a file in it that cannot be read is skipped and
     * counted in the report).
     */
    public static CorpusReader open(CorpusSource source, CorpusOptions options) {
        if (source.isWordNet()) {
            return new WordNetReader();
        }
        CorpusFiles.Entry entry = check(source);
        CorpusFiles files = source.files();
        String path = source.given();
        if (entry.kind() == CorpusFiles.Kind.FOLDER) {
            // Sorted here, whatever order the file system lists in: window numbers follow it.
            List<CorpusFiles.Entry> texts = files.list(path).stream()
                    .filter(e -> e.name().toLowerCase(Locale.ROOT).endsWith(".txt"))
                    .sorted(Comparator.comparing(CorpusFiles.Entry::name))
                    .toList();
            if (texts.isEmpty()) {
                throw new CorpusException("corpus folder " + path + " contains no .txt files");
            }
            return new TextLinesReader(path, files, texts, true);
        }
        String name = entry.name().toLowerCase(Locale.ROOT);
        if (name.endsWith(".txt")) {
            return new TextLinesReader(path, files, List.of(entry), false);
        }
        return new JsonlReader(files, entry, options.textField());
    }

    /** What the source is, refusing what cannot be a corpus before anything is read. */
    private static CorpusFiles.Entry check(CorpusSource source) {
        String path = source.given();
        if (path.isBlank()) {
            throw new CorpusException("no corpus given: pass a .txt or .jsonl file, a folder of .txt files, or 'wordnet'");
        }
        if (source.isWordNet()) {
            return null;
        }
        CorpusFiles.Entry entry = source.files().stat(path);
        switch (entry.kind()) {
            case MISSING -> throw new CorpusException("corpus " + path + " does not exist");
            case FOLDER -> {
                return entry;
            }
            // A FIFO or device would block or stream forever.
            case OTHER -> throw new CorpusException("corpus " + path + " is not a regular file (a device or pipe), so it is not read");
            case FILE -> {
            }
        }
        if (!entry.readable()) {
            throw new CorpusException("corpus " + path + " is not readable");
        }
        String name = entry.name().toLowerCase(Locale.ROOT);
        if (!name.endsWith(".txt") && !name.endsWith(".jsonl")) {
            throw new CorpusException("unsupported corpus file " + path
                    + ": expected a .txt or .jsonl file, a folder of .txt files, or 'wordnet'");
        }
        return entry;
    }
}
