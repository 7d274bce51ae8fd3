package org.neuronworkbench.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Compares two finished index folders: every table row for row (excerpts, samples, captured
 * activations, windows, activation-map counts and token lists, histograms exactly; each neuron's mean, std and
 * selectivity within 1e-9 relative, everything else in its row exactly) and the two matrices
 * (activation map, top words) within float32 rounding of sums added in another order.
 */
public final class IndexFolders {
    private static final List<String> EXACT_TABLES = List.of("excerpts", "samples", "captured", "windows",
            "amap_tokens", "amap_positions");
    private static final String NEURONS_EXACT = "layer, neuron, min, max, frac_active, q50, q90, q99, q999, dead,"
            + " top_token_id, top_token";

    private IndexFolders() {
    }

    public static void assertSameIndex(Path expected, Path actual) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
             Statement s = c.createStatement()) {
            s.execute("ATTACH '" + expected.resolve(IndexStore.DB_FILE) + "' AS a (READ_ONLY)");
            s.execute("ATTACH '" + actual.resolve(IndexStore.DB_FILE) + "' AS b (READ_ONLY)");
            for (String t : EXACT_TABLES) {
                assertTableEqual(s, t, "*");
            }
            assertTableEqual(s, "neurons", NEURONS_EXACT);
            for (String col : List.of("mean", "std", "selectivity")) {
                long off = single(s, "SELECT count(*) FROM a.neurons x JOIN b.neurons y USING (layer, neuron)"
                        + " WHERE abs(x." + col + " - y." + col + ") > 1e-9 * greatest(abs(x." + col + "), abs(y." + col + "), 1e-12)");
                assertEquals(0, off, "neurons whose " + col + " differs by more than 1e-9 relative");
            }
            for (String key : List.of("tokens", "windows", "truncated_windows", "complete")) {
                assertEquals(meta(s, "a", key), meta(s, "b", key), "meta " + key);
            }
        }
        assertMatricesClose(expected, actual, FirstPassWriter.AMAP_FILE, List.of("token_means", "position_means"),
                List.of("token_counts", "position_counts"), List.of("token_ids", "positions", "dead"));
        assertHistogramsEqual(expected, actual);
        assertMatricesClose(expected, actual, SecondPassWriter.TOPWORDS_FILE, List.of("mean_abs_z"), List.of(),
                List.of("token_ids"));
    }

    private static void assertHistogramsEqual(Path expected, Path actual) throws Exception {
        ActivationHistogram a = ActivationHistogram.read(expected.resolve(ActivationHistogram.FILE));
        ActivationHistogram b = ActivationHistogram.read(actual.resolve(ActivationHistogram.FILE));
        assertEquals(a.neurons(), b.neurons(), "histogram neurons");
        for (int n = 0; n < a.neurons(); n++) {
            if (!java.util.Arrays.equals(a.counts(n), b.counts(n))) {
                throw new AssertionError("histogram of neuron " + n + " differs");
            }
        }
    }

    private static void assertTableEqual(Statement s, String table, String cols) throws SQLException {
        long na = single(s, "SELECT count(*) FROM a." + table);
        long nb = single(s, "SELECT count(*) FROM b." + table);
        assertEquals(na, nb, "rows of " + table);
        assertTrue(na > 0 || table.equals("amap_positions"), table + " is empty");
        long missing = single(s, "SELECT count(*) FROM (SELECT " + cols + " FROM a." + table
                + " EXCEPT ALL SELECT " + cols + " FROM b." + table + ")");
        assertEquals(0, missing, "rows of " + table + " that differ");
    }

    private static long single(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String meta(Statement s, String db, String key) throws SQLException {
        try (ResultSet rs = s.executeQuery("SELECT value FROM " + db + ".meta WHERE key = '" + key + "'")) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    private static void assertMatricesClose(Path expected, Path actual, String file, List<String> floats,
                                            List<String> longs, List<String> ints) throws Exception {
        try (SafetensorsIn a = new SafetensorsIn(expected.resolve(file));
             SafetensorsIn b = new SafetensorsIn(actual.resolve(file))) {
            for (String name : floats) {
                SafetensorsIn.Tensor x = a.tensor(name);
                SafetensorsIn.Tensor y = b.tensor(name);
                assertEquals(java.util.Arrays.toString(x.shape()), java.util.Arrays.toString(y.shape()), name);
                for (int r = 0; r < x.rows(); r++) {
                    for (int c = 0; c < x.cols(); c++) {
                        float u = x.f32(r, c);
                        float v = y.f32(r, c);
                        // Sums added in another order may round to a neighbouring float32.
                        if (Math.abs(u - v) > 1e-6 * Math.max(Math.abs(u), Math.abs(v)) + 1e-9) {
                            throw new AssertionError(file + " " + name + "[" + r + ", " + c + "]: " + u + " vs " + v);
                        }
                    }
                }
            }
            for (String name : longs) {
                SafetensorsIn.Tensor x = a.tensor(name);
                SafetensorsIn.Tensor y = b.tensor(name);
                assertEquals(x.rows(), y.rows(), name);
                for (int i = 0; i < x.rows(); i++) {
                    assertEquals(x.i64(i), y.i64(i), name + "[" + i + "]");
                }
            }
            for (String name : ints) {
                SafetensorsIn.Tensor x = a.tensor(name);
                SafetensorsIn.Tensor y = b.tensor(name);
                assertEquals(x.rows(), y.rows(), name);
                for (int i = 0; i < x.rows(); i++) {
                    assertEquals(x.i32(i), y.i32(i), name + "[" + i + "]");
                }
            }
        }
    }
}
