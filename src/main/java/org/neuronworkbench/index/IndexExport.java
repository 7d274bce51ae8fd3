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
 * safetensors matrices, for numpy/pandas/torch users. Per-token activations of excerpts ({@code acts})
 * are FLOAT lists aligned with the JSON token list ({@code tokens}: [text, start, end] per token).
 */
public final class IndexExport {
    public static final String EXPORT_DIR = "export";

    /** Table name and the query that produces it. */
    private static final List<String[]> TABLES = List.of(
            new String[] {"neurons", "SELECT * FROM neurons ORDER BY layer, neuron"},
            new String[] {"excerpts", "SELECT e.layer, e.neuron, e.rank, e.activation, e.max_token_index, w.doc_id,"
                    + " w.window_index, w.char_start, w.char_end, w.text, w.tokens, c.acts"
                    + " FROM excerpts e JOIN captured c ON c.kind = 0 AND c.layer = e.layer AND c.neuron = e.neuron"
                    + " AND c.slot = e.rank JOIN windows w ON w.window_seq = e.window_seq ORDER BY e.layer, e.neuron, e.rank"},
            new String[] {"samples", "SELECT s.layer, s.neuron, s.band, s.slot, s.lower, s.upper, s.activation,"
                    + " s.max_token_index, w.doc_id, w.text, w.tokens, c.acts FROM samples s JOIN captured c ON c.kind = 1"
                    + " AND c.layer = s.layer AND c.neuron = s.neuron AND c.slot = s.band * 1000 + s.slot"
                    + " JOIN windows w ON w.window_seq = s.window_seq ORDER BY s.layer, s.neuron, s.band, s.slot"},
            new String[] {"amap_tokens", "SELECT * FROM amap_tokens ORDER BY row_index"},
            new String[] {"amap_positions", "SELECT * FROM amap_positions ORDER BY position"});

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
        for (String[] t : TABLES) {
            names.add(t[0] + ".parquet");
        }
        names.add(FirstPassWriter.AMAP_FILE);
        names.add(SecondPassWriter.TOPWORDS_FILE);
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
                for (String[] t : TABLES) {
                    Path file = dir.resolve(t[0] + ".parquet").toAbsolutePath();
                    store.execute("COPY (" + t[1] + ") TO '" + file.toString().replace("'", "''") + "' (FORMAT PARQUET)");
                }
                for (String f : copyMatrices ? List.of(FirstPassWriter.AMAP_FILE, SecondPassWriter.TOPWORDS_FILE) : List.<String>of()) {
                    Files.copy(store.dir().resolve(f), dir.resolve(f));
                }
            });
        } catch (IOException e) {
            throw new IndexException(e.getMessage(), e); // AtomicFiles says which file and why
        }
    }
}
