package org.neuronworkbench.analysis.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.neuronworkbench.cli.CliRun;
import org.neuronworkbench.model.ModelLoader;
import org.neuronworkbench.model.ModelRunner;
import org.neuronworkbench.model.Offline;

/**
 * Shared by the explain tests: the embedded MiniLM and one real index of the whole sample corpus
 * (one window per sentence), built once per test run with the index command.
 */
public final class SampleIndex {
    private static ModelRunner runner;
    private static Path index;

    private SampleIndex() {
    }

    public static synchronized ModelRunner model() {
        Offline.enforce();
        if (runner == null) {
            runner = ModelLoader.load(ModelLoader.DEFAULT);
        }
        return runner;
    }

    public static synchronized Path index() {
        if (index == null) {
            Offline.enforce();
            try {
                Path dir = Files.createTempDirectory("explain-sample-index");
                Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(dir)));
                Path out = dir.resolve("idx");
                CliRun r = CliRun.of("index", "--corpus", "sample-data/sentences.txt", "--sentences", "--out", out.toString());
                assertEquals(0, r.code(), r.err());
                index = out;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return index;
    }

    private static void delete(Path dir) {
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            // Best effort at exit: a temp folder left behind is harmless.
        }
    }
}
