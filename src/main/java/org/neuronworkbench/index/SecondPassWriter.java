package org.neuronworkbench.index;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/** Pass 2 persistence: captured windows and their activations, and topwords.safetensors. */
final class SecondPassWriter {
    static final String TOPWORDS_FILE = "topwords.safetensors";
    private static final ObjectMapper JSON = new ObjectMapper();

    private SecondPassWriter() {
    }

    /** The windows pass 1 chose, keyed by window seq (read back from the tables on resume). */
    static Map<Long, List<SecondPass.Want>> wanted(IndexStore store, int width) {
        Map<Long, List<SecondPass.Want>> out = new HashMap<>();
        store.query(Schema.SELECT_EXCERPT_WINDOWS, rs -> out
                .computeIfAbsent(rs.getLong(4), k -> new ArrayList<>())
                .add(new SecondPass.Want(0, rs.getInt(1) * width + rs.getInt(2), rs.getInt(3))));
        store.query(Schema.SELECT_SAMPLE_WINDOWS, rs -> out
                .computeIfAbsent(rs.getLong(4), k -> new ArrayList<>())
                .add(new SecondPass.Want(1, rs.getInt(1) * width + rs.getInt(2), rs.getInt(3))));
        return out;
    }

    /**
     * Appends pending captures. DuckDB appenders commit on their own, so these rows may run ahead
     * of the checkpoint; {@link #dropUncommitted} removes rows of windows the checkpoint does not cover.
     */
    /** Pass 1's mean and std of every neuron, read back from the store: {@code {mean, std}}, neuron = layer * d_mlp + unit. */
    static double[][] meansAndStds(IndexStore store, org.neuronworkbench.model.ModelConfig c) {
        int neurons = c.layers() * c.dMlp();
        double[] mean = new double[neurons];
        double[] std = new double[neurons];
        store.query(Schema.SELECT_MEANS_AND_STDS, rs -> {
            int n = rs.getInt(1) * c.dMlp() + rs.getInt(2);
            mean[n] = rs.getDouble(3);
            std[n] = rs.getDouble(4);
        });
        return new double[][] {mean, std};
    }

    /**
     * The end of every build, single-process or merged from parts: pass 2's top words and captured
     * activations are written, then, in one transaction, the progress, the reading order and the
     * metadata that mark the index complete. Returns the committed progress.
     */
    static IndexStore.Progress complete(IndexStore store, SecondPass sp, CorpusWindows.Count count, IndexStore.Progress last) {
        List<Integer> ids = new java.util.ArrayList<>();
        store.query(Schema.SELECT_AMAP_TOKEN_IDS, rs -> ids.add(rs.getInt(1)));
        try {
            writeTopWords(store.dir().resolve(TOPWORDS_FILE), sp, ids.stream().mapToInt(Integer::intValue).toArray());
            appendPending(store.connection(), sp);
        } catch (IOException | SQLException e) {
            throw new IndexException("could not write pass 2 results to " + store.dir() + ": " + e.getMessage(), e);
        }
        IndexStore.Progress p = new IndexStore.Progress(3, count.windows(), last.tokens(), last.truncated());
        store.inTransaction(conn -> {
            IndexStore.setProgress(conn, p);
            try (var s = conn.createStatement()) {
                for (String sql : Schema.CLEAR_CHECKPOINTS) {
                    s.execute(sql);
                }
                for (String sql : Schema.SORT_FOR_READING) {
                    s.execute(sql);
                }
            }
            IndexStore.putMeta(conn, Map.of(
                    "complete", "true",
                    "tokens", Long.toString(last.tokens()),
                    "windows", Long.toString(count.windows()),
                    "truncated_windows", Long.toString(last.truncated()),
                    "corpus_report", count.report().summary()));
        });
        return p;
    }

    static void appendPending(Connection c, SecondPass sp) throws SQLException {
        DuckDBConnection dc = c.unwrap(DuckDBConnection.class);
        try (DuckDBAppender w = dc.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "windows")) {
            for (SecondPass.CapturedWindow cw : sp.pendingWindows) {
                w.beginRow().append(cw.seq()).append(cw.window().docId()).append(cw.window().windowIndex())
                        .append(cw.window().charStart()).append(cw.window().charEnd()).append(cw.window().text())
                        .append(tokensJson(cw.tokens())).endRow();
            }
        }
        try (DuckDBAppender a = dc.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "captured")) {
            for (SecondPass.CapturedActs ca : sp.pendingActs) {
                a.beginRow().append(ca.kind()).append(ca.neuron() / sp.width).append(ca.neuron() % sp.width)
                        .append(ca.slot()).append(ca.seq()).append(ca.acts()).endRow();
            }
        }
    }

    /** Removes captures of windows at or after the last committed window (left by a killed build). */
    static void dropUncommitted(IndexStore store, long windowsDone) {
        for (String sql : Schema.dropWindowsFrom(windowsDone)) {
            store.execute(sql);
        }
    }

    /** The acts column (FLOAT[]) as a float array. */
    static float[] floats(java.sql.Array array) throws SQLException {
        Object[] values = (Object[]) array.getArray();
        float[] out = new float[values.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = ((Number) values[i]).floatValue();
        }
        return out;
    }

    static String tokensJson(List<ExcerptToken> tokens) {
        ArrayNode arr = JSON.createArrayNode();
        for (ExcerptToken t : tokens) {
            arr.addArray().add(t.text()).add(t.start()).add(t.end());
        }
        return arr.toString();
    }

    static List<ExcerptToken> tokens(String json, float[] acts) {
        try {
            var arr = JSON.readTree(json);
            List<ExcerptToken> out = new ArrayList<>(arr.size());
            for (int i = 0; i < arr.size(); i++) {
                var t = arr.get(i);
                out.add(new ExcerptToken(t.get(0).asText(), t.get(1).asInt(), t.get(2).asInt(), acts[i]));
            }
            return out;
        } catch (IOException e) {
            throw new IndexException("corrupt token list in the index: " + e.getMessage(), e);
        }
    }

    /** mean |z| per token type, rows in amap order (the same token types, since the passes see the same tokens). */
    static void writeTopWords(Path file, SecondPass sp, int[] tokenIds) throws IOException {
        List<SafetensorsOut.Spec> specs = List.of(
                new SafetensorsOut.Spec("mean_abs_z", "F32", new long[] {tokenIds.length, sp.neurons}),
                new SafetensorsOut.Spec("token_ids", "I32", new long[] {tokenIds.length}));
        try (SafetensorsOut out = new SafetensorsOut(file, specs,
                Map.of("neuron_index", "layer * d_mlp + neuron", "score", "mean over tokens of |a - mean| / std"))) {
            for (int id : tokenIds) {
                double[] row = sp.zSums.row(id);
                if (row == null) {
                    throw new IndexException("token " + id + " seen in pass 1 but not in pass 2: the corpus changed during the build");
                }
                out.meansOf(row, sp.zSums.count(id));
            }
            out.ints(tokenIds);
        }
    }
}
