package org.neuronworkbench.corpus;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Opens a corpus, choosing the reader from what the path is. */
public final class Corpora {
    /** Name of the built-in WordNet gloss corpus. */
    public static final String WORDNET = "wordnet";

    private Corpora() {
    }

    /** {@code "wordnet"} (any case) opens the built-in corpus; anything else is a path. */
    public static CorpusReader open(String spec, CorpusOptions options) {
        if (spec == null || spec.isBlank()) {
            throw new CorpusException("no corpus given: pass a .txt or .jsonl file, a folder of .txt files, or 'wordnet'");
        }
        if (spec.strip().equalsIgnoreCase(WORDNET)) {
            return new WordNetReader();
        }
        Path path;
        try {
            path = Path.of(spec);
        } catch (java.nio.file.InvalidPathException e) {
            throw new CorpusException("corpus '" + spec.replace("\0", "\\0") + "' is not a valid path: " + e.getReason(), e);
        }
        return open(path, options);
    }

    /**
     * Opens a {@code .txt} file (one example per line), a {@code .jsonl} file (one JSON object per
     * line, text in {@link CorpusOptions#textField()}), or a folder whose {@code .txt} files are read
     * in name order (a file in it that cannot be read is skipped and counted in the report).
     */
    public static CorpusReader open(Path path, CorpusOptions options) {
        if (!Files.exists(path)) {
            throw new CorpusException("corpus " + path + " does not exist");
        }
        if (Files.isDirectory(path)) {
            List<Path> files = textFilesIn(path);
            if (files.isEmpty()) {
                throw new CorpusException("corpus folder " + path + " contains no .txt files");
            }
            return new TextLinesReader(path.toString(), files, true);
        }
        if (!Files.isRegularFile(path)) {
            // A FIFO or device would block or stream forever.
            throw new CorpusException("corpus " + path + " is not a regular file (a device or pipe), so it is not read");
        }
        if (!Files.isReadable(path)) {
            throw new CorpusException("corpus " + path + " is not readable");
        }
        String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".txt")) {
            return new TextLinesReader(path.toString(), List.of(path), false);
        }
        if (name.endsWith(".jsonl")) {
            return new JsonlReader(path, options.textField());
        }
        throw new CorpusException("unsupported corpus file " + path
                + ": expected a .txt or .jsonl file, a folder of .txt files, or 'wordnet'");
    }

    private static List<Path> textFilesIn(Path folder) {
        try (Stream<Path> entries = Files.list(folder)) {
            return entries
                    .filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".txt"))
                    .sorted(Comparator.comparing(p -> p.getFileName().toString()))
                    .collect(Collectors.toList());
        } catch (IOException e) {
            throw new CorpusException("could not list corpus folder " + folder + ": " + e.getMessage(), e);
        }
    }
}
