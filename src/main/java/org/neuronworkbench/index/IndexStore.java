package org.neuronworkbench.index;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * The index's DuckDB database: settings, build progress, checkpoints and final tables.
 * A checkpoint (aggregates + windows consumed) is one transaction, so a kill -9 leaves either the
 * previous checkpoint or the new one, never a mix.
 */
final class IndexStore implements AutoCloseable {
    static final String DB_FILE = "index.duckdb";
    static final String PROGRESS_FILE = "checkpoint.json";
    static final String MEMORY_LIMIT = "1GB";

    /** Where a build is: phase 1 or 2, windows of that phase already folded into the aggregates. */
    record Progress(int phase, long windowsDone, long tokens, long truncated) {
    }

    private final Path dir;
    private final Connection conn;

    private IndexStore(Path dir, Connection conn) {
        this.dir = dir;
        this.conn = conn;
    }

    static boolean exists(Path dir) {
        return Files.isRegularFile(dir.resolve(DB_FILE));
    }

    static IndexStore open(Path dir, boolean readOnly) {
        try {
            Class.forName("org.duckdb.DuckDBDriver");
            Properties p = new Properties();
            if (readOnly) {
                p.setProperty("duckdb.read_only", "true");
            }
            Connection c = DriverManager.getConnection("jdbc:duckdb:" + dir.resolve(DB_FILE).toAbsolutePath(), p);
            try (Statement s = c.createStatement()) {
                s.execute(Schema.SET_THREADS);
                // DuckDB's default cap is 80% of RAM: its buffer pool would keep every block of a
                // growing database file cached. A fixed cap keeps the build's memory independent of
                // corpus size; larger work spills to the temp directory next to the database.
                s.execute(Schema.memoryLimit(MEMORY_LIMIT));
            }
            return new IndexStore(dir, c);
        } catch (SQLException | ClassNotFoundException e) {
            throw new IndexException("could not open the index database in " + dir + ": " + e.getMessage(), e);
        }
    }

    static IndexStore create(Path dir, Map<String, String> meta) {
        IndexStore store = open(dir, false);
        store.inTransaction(c -> {
            try (Statement s = c.createStatement()) {
                for (String ddl : Schema.TABLES) {
                    s.execute(ddl);
                }
                s.execute(Schema.INSERT_FIRST_PROGRESS);
            }
            putMeta(c, meta);
        });
        return store;
    }

    Connection connection() {
        return conn;
    }

    Path dir() {
        return dir;
    }

    @FunctionalInterface
    interface Work {
        void run(Connection c) throws SQLException, IOException;
    }

    void inTransaction(Work work) {
        try {
            conn.setAutoCommit(false);
            try {
                work.run(conn);
                conn.commit();
            } catch (SQLException | IOException | RuntimeException e) {
                conn.rollback();
                throw e;
            } finally {
                conn.setAutoCommit(true);
            }
        } catch (SQLException | IOException e) {
            throw new IndexException("index database " + dir + ": " + e.getMessage(), e);
        }
    }

    static void putMeta(Connection c, Map<String, String> meta) throws SQLException {
        try (PreparedStatement del = c.prepareStatement(Schema.DELETE_META);
             PreparedStatement ins = c.prepareStatement(Schema.INSERT_META)) {
            for (Map.Entry<String, String> e : meta.entrySet()) {
                del.setString(1, e.getKey());
                del.executeUpdate();
                ins.setString(1, e.getKey());
                ins.setString(2, e.getValue());
                ins.executeUpdate();
            }
        }
    }

    Map<String, String> meta() {
        Map<String, String> out = new LinkedHashMap<>();
        query(Schema.SELECT_META, rs -> out.put(rs.getString(1), rs.getString(2)));
        return out;
    }

    Progress progress() {
        Progress[] p = new Progress[1];
        query(Schema.SELECT_PROGRESS,
                rs -> p[0] = new Progress(rs.getInt(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)));
        return p[0];
    }

    static void setProgress(Connection c, Progress p) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(Schema.UPDATE_PROGRESS)) {
            s.setInt(1, p.phase());
            s.setLong(2, p.windowsDone());
            s.setLong(3, p.tokens());
            s.setLong(4, p.truncated());
            s.executeUpdate();
        }
    }

    /** Replaces the named state blobs and the dirty rows of the given kinds. */
    static void saveState(Connection c, Map<String, byte[]> state, Map<String, TokenRows> rows) throws SQLException {
        try (PreparedStatement del = c.prepareStatement(Schema.DELETE_CKPT_STATE);
             PreparedStatement ins = c.prepareStatement(Schema.INSERT_CKPT_STATE)) {
            for (Map.Entry<String, byte[]> e : state.entrySet()) {
                del.setString(1, e.getKey());
                del.executeUpdate();
                ins.setString(1, e.getKey());
                ins.setBytes(2, e.getValue());
                ins.executeUpdate();
            }
        }
        for (Map.Entry<String, TokenRows> e : rows.entrySet()) {
            TokenRows r = e.getValue();
            int[] dirty = r.dirtyKeys();
            if (dirty.length == 0) {
                continue;
            }
            StringBuilder in = new StringBuilder();
            for (int k : dirty) {
                in.append(in.length() == 0 ? "" : ",").append(k);
            }
            try (PreparedStatement del = c.prepareStatement(Schema.deleteCkptRows(in.toString()))) {
                del.setString(1, e.getKey());
                del.executeUpdate();
            }
            try (PreparedStatement ins = c.prepareStatement(Schema.INSERT_CKPT_ROWS)) {
                int pending = 0;
                for (int k : dirty) {
                    ins.setString(1, e.getKey());
                    ins.setInt(2, k);
                    ins.setLong(3, r.count(k));
                    ins.setBytes(4, r.encodeRow(k));
                    ins.addBatch();
                    // A row is tens of kB: flushing in chunks keeps encoded copies from piling up on the heap.
                    if (++pending == 256) {
                        ins.executeBatch();
                        pending = 0;
                    }
                }
                if (pending > 0) {
                    ins.executeBatch();
                }
            }
        }
    }

    Map<String, byte[]> loadState() {
        Map<String, byte[]> out = new HashMap<>();
        query(Schema.SELECT_CKPT_STATE, rs -> out.put(rs.getString(1), rs.getBytes(2)));
        return out;
    }

    void loadRows(String kind, TokenRows rows) {
        try (PreparedStatement s = conn.prepareStatement(Schema.SELECT_CKPT_ROWS)) {
            s.setString(1, kind);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    rows.restore(rs.getInt(1), rs.getLong(2), rs.getBytes(3));
                }
            }
        } catch (SQLException e) {
            throw new IndexException("index database " + dir + ": " + e.getMessage(), e);
        }
    }

    /** A small file outside the database that other processes can read while the build runs. */
    void writeProgressFile(Progress p) {
        try {
            Path tmp = dir.resolve(PROGRESS_FILE + ".tmp");
            Files.writeString(tmp, "{\"phase\": " + p.phase() + ", \"windows_done\": " + p.windowsDone()
                    + ", \"tokens\": " + p.tokens() + "}\n");
            Files.move(tmp, dir.resolve(PROGRESS_FILE), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            // Informational only; the database holds the real checkpoint.
        }
    }

    @FunctionalInterface
    interface RowReader {
        void read(ResultSet rs) throws SQLException;
    }

    void query(String sql, RowReader reader, Object... args) {
        try (PreparedStatement s = conn.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    reader.read(rs);
                }
            }
        } catch (SQLException e) {
            throw new IndexException("index database " + dir + ": " + e.getMessage(), e);
        }
    }

    void execute(String sql) {
        try (Statement s = conn.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IndexException("index database " + dir + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            conn.close();
        } catch (SQLException e) {
            // Closing a read connection cannot lose data.
        }
    }
}
