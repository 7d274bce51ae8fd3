package org.neuronworkbench.ui.neurons;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.neuronworkbench.corpus.WindowOptions;
import org.neuronworkbench.index.IndexBuilder;
import org.neuronworkbench.index.IndexOptions;
import org.neuronworkbench.model.ModelLoader;
import org.neuronworkbench.model.ModelRunner;
import org.neuronworkbench.model.Offline;
import org.neuronworkbench.work.Cancel;
import org.neuronworkbench.work.Progress;

/**
 * A real index of the first 60 sample sentences with the embedded MiniLM, built once per test JVM
 * and shared by the UI tests (and the screenshot main).
 */
public final class TestIndex {
    public static final int TOP_K = 8;
    private static ModelRunner runner;
    private static Path corpus;
    private static Path dir;

    private TestIndex() {
    }

    public static synchronized ModelRunner runner() {
        if (runner == null) {
            Offline.enforce();
            runner = ModelLoader.load("default");
        }
        return runner;
    }

    /** The first {@code lines} lines of sample-data/sentences.txt in a temp file. */
    public static Path sampleSlice(Path folder, int lines) {
        try {
            List<String> all = Files.readAllLines(Path.of("sample-data", "sentences.txt"));
            Path f = folder.resolve("sentences-" + lines + ".txt");
            Files.write(f, all.subList(0, Math.min(lines, all.size())));
            return f;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static synchronized Path corpus() {
        if (corpus == null) {
            try {
                corpus = sampleSlice(Files.createTempDirectory("nw-corpus"), 60);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return corpus;
    }

    /**
     * A copy of the built index's files in {@code dir} (created), without the explanations stored
     * beside it, for tests that explain or store explanations of their own.
     */
    public static Path copyWithoutExplanations(Path dir) {
        try {
            Files.createDirectories(dir);
            try (var files = Files.list(dir())) {
                for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                    if (!f.getFileName().toString().startsWith("explanations")) {
                        Files.copy(f, dir.resolve(f.getFileName()));
                    }
                }
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The folder of the built index. */
    public static synchronized Path dir() {
        if (dir == null) {
            try {
                Path out = Files.createTempDirectory("nw-index").resolve("sample60");
                IndexOptions options = IndexOptions.defaults().withWindow(WindowOptions.sentences(64)).withTopK(TOP_K);
                new IndexBuilder(options).build(runner(), corpus().toString(), out, Progress.NONE,
                        Cancel.NEVER);
                dir = out;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return dir;
    }
}
