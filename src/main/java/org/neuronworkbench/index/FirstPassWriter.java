package org.neuronworkbench.index;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import org.neuronworkbench.model.tokenizer.Tokenizer;

/**
 * Turns pass 1 aggregates into final tables (neurons, excerpts, samples) and amap.safetensors.
 * Appender rows are not transactional in DuckDB, so the tables are emptied first: a finish that was
 * killed half-way is simply redone, and phase 2 starts only in the transaction that follows.
 */
final class FirstPassWriter {
    static final String AMAP_FILE = "amap.safetensors";
    static final int SAMPLES_PER_BAND = 5;

    private FirstPassWriter() {
    }

    /** {@code checkCancel} throws to abandon the write; a later resume redoes it from the start. */
    /**
     * The end of pass 1 for every build, single-process or merged from parts: the aggregates are
     * written, then the progress moves to pass 2 and the pass-1 checkpoints go, in one transaction.
     * Returns the committed progress.
     */
    static IndexStore.Progress complete(IndexStore store, FirstPass fp, long truncated, Tokenizer tokenizer,
                                        IndexOptions options, Runnable checkCancel) {
        write(store, fp, tokenizer, options, checkCancel);
        IndexStore.Progress p = new IndexStore.Progress(2, 0, fp.tokens, truncated);
        store.inTransaction(conn -> {
            IndexStore.setProgress(conn, p);
            try (var s = conn.createStatement()) {
                for (String sql : Schema.CLEAR_CHECKPOINTS) {
                    s.execute(sql);
                }
            }
        });
        return p;
    }

    static void write(IndexStore store, FirstPass fp, Tokenizer tokenizer, IndexOptions options, Runnable checkCancel) {
        try {
            checkCancel.run();
            writeAmap(store.dir().resolve(AMAP_FILE), fp, options, checkCancel);
            checkCancel.run();
            writeHistogram(store.dir().resolve(ActivationHistogram.FILE), fp);
            checkCancel.run();
            Connection c = store.connection();
            for (String sql : Schema.CLEAR_PASS_ONE_RESULTS) {
                store.execute(sql);
            }
            DuckDBConnection dc = c.unwrap(DuckDBConnection.class);
            writeNeurons(dc, fp, tokenizer, options);
            checkCancel.run();
            writeExcerptsAndSamples(dc, fp);
            checkCancel.run();
            try (DuckDBAppender a = dc.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "amap_tokens")) {
                int row = 0;
                for (int id : fp.amap.seenKeys()) {
                    a.beginRow().append(row++).append(id).append(tokenizer.vocabString(id)).append(fp.amap.count(id)).endRow();
                }
            }
            try (DuckDBAppender a = dc.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "amap_positions")) {
                for (int p : fp.positions.seenKeys()) {
                    a.beginRow().append(p).append(fp.positions.count(p)).endRow();
                }
            }
        } catch (SQLException | IOException e) {
            throw new IndexException("could not write pass 1 results to " + store.dir() + ": " + e.getMessage(), e);
        }
    }

    /**
     * A build resumed from a checkpoint of a version without histograms has counts for only part of
     * the corpus: it writes none, and the index reads as one whose histogram needs a rebuild.
     */
    private static void writeHistogram(Path file, FirstPass fp) throws IOException {
        if (fp.histogramComplete) {
            fp.histogram.write(file, fp.layers, fp.width);
        } else {
            java.nio.file.Files.deleteIfExists(file);
        }
    }

    private static boolean dead(FirstPass fp, int n, IndexOptions o) {
        double std = fp.std(n);
        return fp.max[n] < o.deadMax() || std * std < o.deadVariance();
    }

    private static void writeNeurons(DuckDBConnection dc, FirstPass fp, Tokenizer tokenizer, IndexOptions o)
            throws SQLException {
        int[] best = topTokens(fp);
        try (DuckDBAppender a = dc.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "neurons")) {
            for (int n = 0; n < fp.neurons; n++) {
                double mean = fp.mean(n);
                double std = fp.std(n);
                double[] q = quantiles(fp.sample.entries(n));
                boolean dead = dead(fp, n, o);
                int tok = best[n];
                double tokMean = tok < 0 ? mean : fp.amap.row(tok)[n] / fp.amap.count(tok);
                double selectivity = dead || std <= 0 ? 0 : (tokMean - mean) / std;
                a.beginRow().append(n / fp.width).append(n % fp.width).append(mean).append(std)
                        .append((double) fp.min[n]).append((double) fp.max[n])
                        .append(fp.tokens == 0 ? 0.0 : (double) fp.active[n] / fp.tokens)
                        .append(q[0]).append(q[1]).append(q[2]).append(q[3]).append(dead)
                        .append(tok).append(tok < 0 ? "" : tokenizer.vocabString(tok)).append(selectivity).endRow();
            }
        }
    }

    /** Per neuron, the token type with the highest mean among frequent types (any type if none is). */
    static int[] topTokens(FirstPass fp) {
        int[] bestFrequent = new int[fp.neurons];
        int[] bestAny = new int[fp.neurons];
        double[] frequentMean = new double[fp.neurons];
        double[] anyMean = new double[fp.neurons];
        Arrays.fill(bestFrequent, -1);
        Arrays.fill(bestAny, -1);
        Arrays.fill(frequentMean, Double.NEGATIVE_INFINITY);
        Arrays.fill(anyMean, Double.NEGATIVE_INFINITY);
        for (int id : fp.amap.seenKeys()) {
            double[] row = fp.amap.row(id);
            long count = fp.amap.count(id);
            boolean frequent = count >= CorpusIndex.SELECTIVITY_MIN_COUNT;
            for (int n = 0; n < fp.neurons; n++) {
                double m = row[n] / count;
                if (m > anyMean[n]) {
                    anyMean[n] = m;
                    bestAny[n] = id;
                }
                if (frequent && m > frequentMean[n]) {
                    frequentMean[n] = m;
                    bestFrequent[n] = id;
                }
            }
        }
        for (int n = 0; n < fp.neurons; n++) {
            if (bestFrequent[n] < 0) {
                bestFrequent[n] = bestAny[n];
            }
        }
        return bestFrequent;
    }

    /** Nearest-rank quantiles of the sampled window maxima at {@link NeuronStats#QUANTILE_LEVELS}. */
    static double[] quantiles(WindowSample.Entry[] entries) {
        double[] levels = NeuronStats.QUANTILE_LEVELS;
        double[] q = new double[levels.length];
        if (entries.length == 0) {
            Arrays.fill(q, Double.NaN);
            return q;
        }
        float[] acts = new float[entries.length];
        for (int i = 0; i < acts.length; i++) {
            acts[i] = entries[i].act();
        }
        Arrays.sort(acts);
        for (int i = 0; i < levels.length; i++) {
            int idx = (int) Math.ceil(levels[i] * acts.length) - 1;
            q[i] = acts[Math.max(0, Math.min(acts.length - 1, idx))];
        }
        return q;
    }

    static int bandOf(double value, double[] q) {
        int band = 0;
        while (band < q.length && value >= q[band]) {
            band++;
        }
        return band;
    }

    private static void writeExcerptsAndSamples(DuckDBConnection dc, FirstPass fp) throws SQLException {
        try (DuckDBAppender a = dc.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "excerpts")) {
            for (int n = 0; n < fp.neurons; n++) {
                TopWindows.Entry[] top = fp.top.sorted(n);
                for (int r = 0; r < top.length; r++) {
                    a.beginRow().append(n / fp.width).append(n % fp.width).append(r).append(top[r].seq())
                            .append((double) top[r].act()).append(top[r].pos()).endRow();
                }
            }
        }
        try (DuckDBAppender a = dc.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "samples")) {
            for (int n = 0; n < fp.neurons; n++) {
                WindowSample.Entry[] entries = fp.sample.entries(n);
                double[] q = quantiles(entries);
                int[] taken = new int[q.length + 1];
                for (WindowSample.Entry e : entries) {
                    int band = bandOf(e.act(), q);
                    if (taken[band] >= SAMPLES_PER_BAND) {
                        continue;
                    }
                    double lower = band == 0 ? Double.NEGATIVE_INFINITY : q[band - 1];
                    double upper = band == q.length ? Double.POSITIVE_INFINITY : q[band];
                    a.beginRow().append(n / fp.width).append(n % fp.width).append(band).append(taken[band]++)
                            .append(lower).append(upper).append(e.seq()).append((double) e.act()).append(e.pos()).endRow();
                }
            }
        }
    }

    private static void writeAmap(Path file, FirstPass fp, IndexOptions o, Runnable checkCancel) throws IOException {
        int[] tokens = fp.amap.seenKeys();
        int[] positions = fp.positions.seenKeys();
        int n = fp.neurons;
        long[] tokenCounts = new long[tokens.length];
        for (int i = 0; i < tokens.length; i++) {
            tokenCounts[i] = fp.amap.count(tokens[i]);
        }
        long[] positionCounts = new long[positions.length];
        for (int i = 0; i < positions.length; i++) {
            positionCounts[i] = fp.positions.count(positions[i]);
        }
        int[] dead = new int[n];
        for (int i = 0; i < n; i++) {
            dead[i] = dead(fp, i, o) ? 1 : 0;
        }
        List<SafetensorsOut.Spec> specs = new ArrayList<>(List.of(
                new SafetensorsOut.Spec("token_means", "F32", new long[] {tokens.length, n}),
                new SafetensorsOut.Spec("token_counts", "I64", new long[] {tokens.length}),
                new SafetensorsOut.Spec("token_ids", "I32", new long[] {tokens.length}),
                new SafetensorsOut.Spec("position_means", "F32", new long[] {positions.length, n}),
                new SafetensorsOut.Spec("position_counts", "I64", new long[] {positions.length}),
                new SafetensorsOut.Spec("positions", "I32", new long[] {positions.length}),
                new SafetensorsOut.Spec("dead", "I32", new long[] {n})));
        Map<String, String> meta = Map.of("layers", Integer.toString(fp.layers), "d_mlp", Integer.toString(fp.width),
                "neuron_index", "layer * d_mlp + neuron", "dead_rule",
                "max < " + o.deadMax() + " or variance < " + o.deadVariance());
        try (SafetensorsOut out = new SafetensorsOut(file, specs, meta)) {
            for (int i = 0; i < tokens.length; i++) {
                out.meansOf(fp.amap.row(tokens[i]), fp.amap.count(tokens[i]));
                if ((i & 255) == 255) {
                    checkCancel.run();
                }
            }
            out.longs(tokenCounts);
            out.ints(tokens);
            for (int p : positions) {
                out.meansOf(fp.positions.row(p), fp.positions.count(p));
            }
            out.longs(positionCounts);
            out.ints(positions);
            out.ints(dead);
        }
    }
}
