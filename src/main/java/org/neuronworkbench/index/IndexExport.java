package org.neuronworkbench.index;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

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

    /** Exports an index folder's tables and matrices to {@code out}. */
    public static void export(Path indexDir, Path out) {
        try (IndexStore store = IndexStore.open(indexDir, true)) {
            if (!"true".equals(store.meta().get("complete"))) {
                throw new IndexException(indexDir + " is not a finished index; finish the build first");
            }
            export(store, out, true);
        }
    }

    static void export(IndexStore store, Path out, boolean copyMatrices) {
        try {
            Files.createDirectories(out);
            for (String[] t : Schema.EXPORTS) {
                Path file = out.resolve(t[0] + ".parquet").toAbsolutePath();
                store.execute(Schema.copyToParquet(t[1], file));
            }
            for (String f : copyMatrices ? List.of(FirstPassWriter.AMAP_FILE, SecondPassWriter.TOPWORDS_FILE) : List.<String>of()) {
                Path target = out.resolve(f);
                if (!Files.exists(target) || !Files.isSameFile(target, store.dir().resolve(f))) {
                    Files.copy(store.dir().resolve(f), target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new IndexException("could not export the index to " + out + ": " + e.getMessage(), e);
        }
    }
}
