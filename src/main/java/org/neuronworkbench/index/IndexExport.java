package org.neuronworkbench.index;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.neuronworkbench.work.AtomicFiles;

/**
 * Parquet copies of the index tables (DuckDB {@code COPY ... (FORMAT PARQUET)}) plus the
 * safetensors matrices, for numpy/pandas/torch users; the columns are listed in docs/index-export.md.
 * An excerpt's {@code tokens} is a list of structs (text, start, end, activation), so readers need no
 * JSON parsing; {@code acts} repeats the activations as a plain FLOAT list for vectorised use.
 */
public final class IndexExport {
    public static final String EXPORT_DIR = "export";

    private IndexExport() {
    }

    /**
     * Exports an index folder's tables and matrices to {@code out}: a new or empty folder, or one
     * holding an earlier export (which is replaced). Anything else is refused before any work,
     * like {@code index} refuses a non-empty folder, so an export never mixes into unrelated files.
     */
    public static void export(Path indexDir, Path out) {
        checkTarget(out);
        try (IndexStore store = IndexStore.open(indexDir, true)) {
            if (!"true".equals(store.meta().get("complete"))) {
                throw new IndexException(indexDir + " is not a finished index; finish the build first");
            }
            export(store, out, true);
        }
    }

    /** The files an export holds: the only ones an existing {@code --out} folder may contain. */
    static Set<String> exportFileNames() {
        Set<String> names = new TreeSet<>();
        for (String[] t : Schema.EXPORTS) {
            names.add(t[0] + ".parquet");
        }
        names.add(FirstPassWriter.AMAP_FILE);
        names.add(SecondPassWriter.TOPWORDS_FILE);
        names.add(ActivationHistogram.FILE);
        return names;
    }

    static void checkTarget(Path out) {
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new IndexException("cannot export to " + out + ": it is a file, not a folder");
        }
        if (!Files.isDirectory(out)) {
            return;
        }
        Set<String> allowed = exportFileNames();
        try (Stream<Path> entries = Files.list(out)) {
            List<String> foreign = entries.map(p -> p.getFileName().toString()).filter(n -> !allowed.contains(n))
                    .sorted().limit(3).toList();
            if (!foreign.isEmpty()) {
                throw new IndexException("cannot export to " + out + ": the folder is not empty and does not hold an"
                        + " earlier export (it has " + String.join(", ", foreign) + "); choose a new or empty folder");
            }
        } catch (IOException e) {
            throw new IndexException("cannot export to " + out + ": " + AtomicFiles.reason(e), e);
        }
    }

    /** Writes into a temporary folder beside {@code out} and moves it into place only when complete. */
    static void export(IndexStore store, Path out, boolean copyMatrices) {
        try {
            AtomicFiles.replaceFolder(out, dir -> {
                for (String[] t : Schema.EXPORTS) {
                    Path file = dir.resolve(t[0] + ".parquet").toAbsolutePath();
                    store.execute(Schema.copyToParquet(t[1], file));
                }
                for (String f : copyMatrices ? List.of(FirstPassWriter.AMAP_FILE, SecondPassWriter.TOPWORDS_FILE,
                        ActivationHistogram.FILE) : List.<String>of()) {
                    // An index built before histograms were kept has none to copy.
                    if (!f.equals(ActivationHistogram.FILE) || Files.isRegularFile(store.dir().resolve(f))) {
                        Files.copy(store.dir().resolve(f), dir.resolve(f));
                    }
                }
            });
        } catch (IOException e) {
            throw new IndexException(e.getMessage(), e); // AtomicFiles says which file and why
        }
    }
}
