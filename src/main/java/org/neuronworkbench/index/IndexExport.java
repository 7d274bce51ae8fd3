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

    /**
     * The window's token list (stored as JSON [text, start, end] triples) joined with the captured
     * activations into structs; DuckDB list lambdas index from 1, as its lists do.
     */
    private static final String TOKENS = "list_transform(json_transform(w.tokens, '[\"JSON\"]'), (t, i) -> {'text': t->>0,"
            + " 'start': CAST(t->>1 AS INTEGER), 'end': CAST(t->>2 AS INTEGER), 'activation': c.acts[i]}) AS tokens";

    /** Table name and the query that produces it. */
    private static final List<String[]> TABLES = List.of(
            new String[] {"neurons", "SELECT * FROM neurons ORDER BY layer, neuron"},
            new String[] {"excerpts", "SELECT e.layer, e.neuron, e.rank, e.activation, e.max_token_index, w.doc_id,"
                    + " w.window_index, w.char_start, w.char_end, w.text, " + TOKENS + ", c.acts"
                    + " FROM excerpts e JOIN captured c ON c.kind = 0 AND c.layer = e.layer AND c.neuron = e.neuron"
                    + " AND c.slot = e.rank JOIN windows w ON w.window_seq = e.window_seq ORDER BY e.layer, e.neuron, e.rank"},
            new String[] {"samples", "SELECT s.layer, s.neuron, s.band, s.slot, s.lower, s.upper, s.activation,"
                    + " s.max_token_index, w.doc_id, w.text, " + TOKENS + ", c.acts FROM samples s JOIN captured c ON c.kind = 1"
                    + " AND c.layer = s.layer AND c.neuron = s.neuron AND c.slot = s.band * 1000 + s.slot"
                    + " JOIN windows w ON w.window_seq = s.window_seq ORDER BY s.layer, s.neuron, s.band, s.slot"},
            new String[] {"amap_tokens", "SELECT * FROM amap_tokens ORDER BY row_index"},
            new String[] {"amap_positions", "SELECT * FROM amap_positions ORDER BY position"});

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
            for (String[] t : TABLES) {
                Path file = out.resolve(t[0] + ".parquet").toAbsolutePath();
                store.execute("COPY (" + t[1] + ") TO '" + file.toString().replace("'", "''") + "' (FORMAT PARQUET)");
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
