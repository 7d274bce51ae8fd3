package org.neuronworkbench.index;

import java.nio.file.Path;
import java.util.List;

/**
 * The index database's SQL, all of it: the table definitions and every statement the build, the
 * reader and the export run, grouped by who uses them. Neurons are (layer, neuron) pairs.
 */
final class Schema {
    static final int FORMAT = 1;

    static final List<String> TABLES = List.of(
            "CREATE TABLE meta(key VARCHAR, value VARCHAR)",
            "CREATE TABLE progress(phase INTEGER, windows_done BIGINT, tokens BIGINT, truncated BIGINT)",
            "CREATE TABLE ckpt_state(name VARCHAR, data BLOB)",
            "CREATE TABLE ckpt_rows(kind VARCHAR, id INTEGER, count BIGINT, data BLOB)",
            "CREATE TABLE neurons(layer INTEGER, neuron INTEGER, mean DOUBLE, std DOUBLE, min DOUBLE, max DOUBLE,"
                    + " frac_active DOUBLE, q50 DOUBLE, q90 DOUBLE, q99 DOUBLE, q999 DOUBLE, dead BOOLEAN,"
                    + " top_token_id INTEGER, top_token VARCHAR, selectivity DOUBLE)",
            "CREATE TABLE excerpts(layer INTEGER, neuron INTEGER, rank INTEGER, window_seq BIGINT,"
                    + " activation DOUBLE, max_token_index INTEGER)",
            "CREATE TABLE samples(layer INTEGER, neuron INTEGER, band INTEGER, slot INTEGER, lower DOUBLE,"
                    + " upper DOUBLE, window_seq BIGINT, activation DOUBLE, max_token_index INTEGER)",
            "CREATE TABLE captured(kind INTEGER, layer INTEGER, neuron INTEGER, slot INTEGER, window_seq BIGINT, acts FLOAT[])",
            "CREATE TABLE windows(window_seq BIGINT, doc_id VARCHAR, window_index INTEGER, char_start INTEGER,"
                    + " char_end INTEGER, text VARCHAR, tokens VARCHAR)",
            "CREATE TABLE amap_tokens(row_index INTEGER, token_id INTEGER, token VARCHAR, count BIGINT)",
            "CREATE TABLE amap_positions(position INTEGER, count BIGINT)");

    // Session (IndexStore.open)
    static final String SET_THREADS = "SET threads TO 2";
    static final String INSERT_FIRST_PROGRESS = "INSERT INTO progress VALUES (1, 0, 0, 0)";

    // Metadata and progress (IndexStore)
    static final String DELETE_META = "DELETE FROM meta WHERE key = ?";
    static final String INSERT_META = "INSERT INTO meta VALUES (?, ?)";
    static final String SELECT_META = "SELECT key, value FROM meta ORDER BY key";
    static final String SELECT_PROGRESS = "SELECT phase, windows_done, tokens, truncated FROM progress";
    static final String UPDATE_PROGRESS = "UPDATE progress SET phase = ?, windows_done = ?, tokens = ?, truncated = ?";

    // Checkpoints (IndexStore, BuildRun)
    static final String DELETE_CKPT_STATE = "DELETE FROM ckpt_state WHERE name = ?";
    static final String INSERT_CKPT_STATE = "INSERT INTO ckpt_state VALUES (?, ?)";
    static final String INSERT_CKPT_ROWS = "INSERT INTO ckpt_rows VALUES (?, ?, ?, ?)";
    static final String SELECT_CKPT_STATE = "SELECT name, data FROM ckpt_state";
    static final String SELECT_CKPT_ROWS = "SELECT id, count, data FROM ckpt_rows WHERE kind = ?";
    static final List<String> CLEAR_CHECKPOINTS = List.of("DELETE FROM ckpt_state", "DELETE FROM ckpt_rows");

    // The build's passes (BuildRun, FirstPassWriter, SecondPassWriter)
    static final List<String> CLEAR_PASS_ONE_RESULTS = List.of("DELETE FROM neurons", "DELETE FROM excerpts",
            "DELETE FROM samples", "DELETE FROM amap_tokens", "DELETE FROM amap_positions");
    static final String SELECT_MEANS_AND_STDS = "SELECT layer, neuron, mean, std FROM neurons";
    static final String SELECT_AMAP_TOKEN_IDS = "SELECT token_id FROM amap_tokens ORDER BY row_index";
    static final String SELECT_EXCERPT_WINDOWS = "SELECT layer, neuron, rank, window_seq FROM excerpts";
    static final String SELECT_SAMPLE_WINDOWS = "SELECT layer, neuron, band * 1000 + slot, window_seq FROM samples";
    /** Sorted copies so a neuron's rows sit together (DuckDB zone maps then skip the rest). */
    static final List<String> SORT_FOR_READING = List.of(
            "CREATE TABLE captured_sorted AS SELECT * FROM captured ORDER BY kind, layer, neuron, slot",
            "DROP TABLE captured",
            "ALTER TABLE captured_sorted RENAME TO captured",
            "CREATE TABLE excerpts_sorted AS SELECT * FROM excerpts ORDER BY layer, neuron, rank",
            "DROP TABLE excerpts",
            "ALTER TABLE excerpts_sorted RENAME TO excerpts");
    static final String CHECKPOINT = "CHECKPOINT";

    // Reading a finished index (CorpusIndex, NeuronTable)
    static final String SELECT_AMAP_TOKENS = "SELECT token_id, token, count FROM amap_tokens ORDER BY row_index";
    static final String SELECT_NEURON_STATS = "SELECT layer, neuron, mean, std, min, max, frac_active, q50, q90, q99, q999,"
            + " dead, top_token, selectivity FROM neurons";
    static final String SELECT_TOP_EXCERPTS = "SELECT e.rank, e.activation, w.doc_id, e.max_token_index, w.text, w.tokens, c.acts"
            + " FROM excerpts e JOIN captured c ON c.kind = 0 AND c.layer = e.layer AND c.neuron = e.neuron AND c.slot = e.rank"
            + " JOIN windows w ON w.window_seq = e.window_seq"
            + " WHERE e.layer = ? AND e.neuron = ? AND e.rank < ? ORDER BY e.rank";
    static final String SELECT_QUANTILE_SAMPLES = "SELECT s.band, s.lower, s.upper, s.slot, s.activation, w.doc_id,"
            + " s.max_token_index, w.text, w.tokens, c.acts"
            + " FROM samples s JOIN captured c ON c.kind = 1 AND c.layer = s.layer AND c.neuron = s.neuron"
            + " AND c.slot = s.band * 1000 + s.slot JOIN windows w ON w.window_seq = s.window_seq"
            + " WHERE s.layer = ? AND s.neuron = ? ORDER BY s.band, s.slot";

    /** Export: each Parquet table's name and the query that produces it. */
    /**
     * A window's token list (stored as JSON [text, start, end] triples) joined with the captured
     * activations into structs for the export; DuckDB list lambdas index from 1, as its lists do.
     */
    private static final String EXPORT_TOKENS = "list_transform(json_transform(w.tokens, '[\"JSON\"]'), (t, i) -> {'text': t->>0,"
            + " 'start': CAST(t->>1 AS INTEGER), 'end': CAST(t->>2 AS INTEGER), 'activation': c.acts[i]}) AS tokens";

    static final List<String[]> EXPORTS = List.of(
            new String[] {"neurons", "SELECT * FROM neurons ORDER BY layer, neuron"},
            new String[] {"excerpts", "SELECT e.layer, e.neuron, e.rank, e.activation, e.max_token_index, w.doc_id,"
                    + " w.window_index, w.char_start, w.char_end, w.text, " + EXPORT_TOKENS + ", c.acts"
                    + " FROM excerpts e JOIN captured c ON c.kind = 0 AND c.layer = e.layer AND c.neuron = e.neuron"
                    + " AND c.slot = e.rank JOIN windows w ON w.window_seq = e.window_seq ORDER BY e.layer, e.neuron, e.rank"},
            new String[] {"samples", "SELECT s.layer, s.neuron, s.band, s.slot, s.lower, s.upper, s.activation,"
                    + " s.max_token_index, w.doc_id, w.text, " + EXPORT_TOKENS + ", c.acts FROM samples s JOIN captured c ON c.kind = 1"
                    + " AND c.layer = s.layer AND c.neuron = s.neuron AND c.slot = s.band * 1000 + s.slot"
                    + " JOIN windows w ON w.window_seq = s.window_seq ORDER BY s.layer, s.neuron, s.band, s.slot"},
            new String[] {"amap_tokens", "SELECT * FROM amap_tokens ORDER BY row_index"},
            new String[] {"amap_positions", "SELECT * FROM amap_positions ORDER BY position"});

    private Schema() {
    }

    /** DuckDB's memory cap for this connection, e.g. "1GB". */
    static String memoryLimit(String limit) {
        return "SET memory_limit = '" + limit + "'";
    }

    /** Deletes the checkpoint rows of one kind with the given ids ({@code ids} is a comma list of ints). */
    static String deleteCkptRows(String ids) {
        return "DELETE FROM ckpt_rows WHERE kind = ? AND id IN (" + ids + ")";
    }

    /** Removes what a killed build left of windows at or after {@code windowsDone}. */
    static List<String> dropWindowsFrom(long windowsDone) {
        return List.of("DELETE FROM captured WHERE window_seq >= " + windowsDone,
                "DELETE FROM windows WHERE window_seq >= " + windowsDone);
    }

    /** Writes a query's rows to a Parquet file (the path quoted for SQL). */
    static String copyToParquet(String query, Path file) {
        return "COPY (" + query + ") TO '" + file.toString().replace("'", "''") + "' (FORMAT PARQUET)";
    }
}
