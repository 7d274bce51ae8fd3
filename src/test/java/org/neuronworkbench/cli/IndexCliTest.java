package org.neuronworkbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuronworkbench.index.CorpusIndex;
import org.neuronworkbench.index.Excerpt;
import org.neuronworkbench.index.NeuronSort;
import org.neuronworkbench.index.NeuronSummary;
import org.neuronworkbench.model.Offline;

/** The index commands in-process on 30 real sentences, checked against {@code probe}. */
class IndexCliTest {
    @TempDir
    static Path tmp;
    static Path idx;

    static CliRun cli(String... args) {
        return CliRun.of(args);
    }

    @BeforeAll
    static void build() throws Exception {
        Offline.enforce();
        List<String> lines = Files.readAllLines(Path.of("sample-data/sentences.txt"), StandardCharsets.UTF_8);
        Path corpus = tmp.resolve("c.txt");
        Files.write(corpus, lines.subList(0, 30), StandardCharsets.UTF_8);
        idx = tmp.resolve("idx");
        CliRun r = cli("index", "--corpus", corpus.toString(), "--out", idx.toString(), "--sentences", "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode j = r.json();
        assertEquals(30, j.get("windows").asLong());
        assertEquals(30, j.get("corpus").get("documents").asLong());
        assertTrue(r.err().contains("tokens/s") && r.err().contains("Pass 1 of 2"), "progress on stderr: " + r.err());
    }

    @Test
    void topActivationEqualsProbeAtTheMaxToken() throws Exception {
        for (int[] ln : new int[][] {{0, 5}, {3, 100}, {5, 1500}}) {
            CliRun top = cli("top", "--index", idx.toString(), "--layer", "" + ln[0], "--neuron", "" + ln[1], "--k", "3", "--json");
            assertEquals(0, top.code(), top.err());
            JsonNode t = top.json();
            assertEquals(ln[0], t.get("neuron").get("layer").asInt());
            assertEquals(4, t.get("neuron").get("quantiles").size());
            JsonNode e = t.get("excerpts").get(0);
            CliRun probe = cli("probe", "--text", e.get("text").asText(), "--layer", "" + ln[0], "--neuron", "" + ln[1], "--json");
            assertEquals(0, probe.code(), probe.err());
            JsonNode p = probe.json();
            // Excerpt tokens are the content tokens; probe also lists [CLS]/[SEP].
            List<Integer> content = new ArrayList<>();
            for (JsonNode tok : p.get("tokens")) {
                if (!tok.get("special").asBoolean()) {
                    content.add(tok.get("index").asInt());
                }
            }
            assertEquals(e.get("tokens").size(), content.size());
            int at = content.get(e.get("max_token_index").asInt());
            double probed = p.get("activations").get("blocks." + ln[0] + ".mlp.hook_post").get(at).get(0).asDouble();
            assertEquals(probed, e.get("activation").asDouble(), 1e-4, "layer " + ln[0] + " neuron " + ln[1]);
            assertEquals(e.get("activation").asDouble(),
                    e.get("tokens").get(e.get("max_token_index").asInt()).get("activation").asDouble(), 0.0);
        }
    }

    @Test
    void excerptsWithColoursWithin300Ms() {
        try (CorpusIndex index = CorpusIndex.open(idx)) {
            index.topExcerpts(0, 0, 20); // first query warms DuckDB up
            long worst = 0;
            for (int n = 1; n < 200; n += 20) {
                long t0 = System.nanoTime();
                List<Excerpt> ex = index.topExcerpts(n % 6, n * 7, 20);
                worst = Math.max(worst, System.nanoTime() - t0);
                assertEquals(20, ex.size());
                assertTrue(ex.stream().allMatch(x -> !x.tokens().isEmpty()));
            }
            assertTrue(worst < 300_000_000L, "slowest top-20 took " + worst / 1e6 + " ms");
        }
    }

    @Test
    void otherCommands() throws Exception {
        CliRun words = cli("top-words", "--index", idx.toString(), "--layer", "2", "--neuron", "9", "--num-tokens", "5", "--json");
        assertEquals(0, words.code(), words.err());
        assertEquals(5, words.json().get("top_words").size());
        assertEquals(1.0, words.json().get("top_words").get(0).get("score").asDouble(), 1e-9);
        // NeuroX's default: every word scoring above 0.1 (no count given), a strict subset of all words.
        CliRun byDefault = cli("top-words", "--index", idx.toString(), "--layer", "2", "--neuron", "9", "--num-tokens", "0", "--json");
        CliRun everyWord = cli("top-words", "--index", idx.toString(), "--layer", "2", "--neuron", "9", "--num-tokens", "0",
                "--min-threshold", "0", "--json");
        int kept = 0;
        for (JsonNode w : everyWord.json().get("top_words")) {
            kept += w.get("score").asDouble() > 0.1 ? 1 : 0;
        }
        assertEquals(kept, byDefault.json().get("top_words").size());
        assertTrue(kept < everyWord.json().get("top_words").size(), "the 0.1 threshold drops some words");
        for (JsonNode w : byDefault.json().get("top_words")) {
            assertTrue(w.get("score").asDouble() > 0.1, w.toString());
        }

        CliRun amap = cli("amap", "--index", idx.toString(), "--token", "the", "--top", "4", "--json");
        assertEquals(0, amap.code(), amap.err());
        assertEquals(4, amap.json().get("neurons").size());
        assertTrue(amap.json().get("count").asLong() > 5);

        CliRun neurons = cli("neurons", "--index", idx.toString(), "--layer", "1", "--sort", "selectivity", "--limit", "7", "--json");
        assertEquals(0, neurons.code(), neurons.err());
        JsonNode rows = neurons.json().get("neurons");
        assertEquals(7, rows.size());
        assertTrue(rows.get(0).get("selectivity").asDouble() >= rows.get(6).get("selectivity").asDouble());
        try (CorpusIndex index = CorpusIndex.open(idx)) {
            List<NeuronSummary> all = index.neurons(OptionalInt.empty(), NeuronSort.MAX, 0);
            assertEquals(6 * 1536, all.size());
            assertEquals(index.stats(all.get(0).layer(), all.get(0).neuron()).max(), all.get(0).max(), 0.0);
            assertEquals(1536, index.neuronMeans(3).length);
        }

        Path out = tmp.resolve("exported");
        CliRun export = cli("export-index", "--index", idx.toString(), "--out", out.toString());
        assertEquals(0, export.code(), export.err());
        for (String f : List.of("neurons.parquet", "excerpts.parquet", "samples.parquet", "amap_tokens.parquet",
                "amap_positions.parquet", "amap.safetensors", "topwords.safetensors", "histogram.safetensors")) {
            assertTrue(Files.size(out.resolve(f)) > 0, f);
        }
        // Excerpt tokens are a Parquet list of structs that equal the index's own excerpt tokens.
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:duckdb:");
             java.sql.Statement st = c.createStatement();
             CorpusIndex index = CorpusIndex.open(idx)) {
            java.sql.ResultSet type = st.executeQuery("SELECT typeof(tokens) FROM '" + out.resolve("excerpts.parquet") + "' LIMIT 1");
            assertTrue(type.next());
            assertEquals("STRUCT(\"text\" VARCHAR, \"start\" INTEGER, \"end\" INTEGER, activation FLOAT)[]", type.getString(1));
            Excerpt e = index.topExcerpts(3, 100, 1).get(0);
            java.sql.ResultSet tokenRows = st.executeQuery("SELECT t.text, t.start, t.\"end\", t.activation FROM (SELECT unnest(tokens) AS t"
                    + " FROM '" + out.resolve("excerpts.parquet") + "' WHERE layer = 3 AND neuron = 100 AND rank = 0)");
            int i = 0;
            while (tokenRows.next()) {
                org.neuronworkbench.index.ExcerptToken tok = e.tokens().get(i++);
                assertEquals(tok.text(), tokenRows.getString(1));
                assertEquals(tok.start(), tokenRows.getInt(2));
                assertEquals(tok.end(), tokenRows.getInt(3));
                assertEquals(tok.activation(), tokenRows.getFloat(4), 0f);
            }
            assertEquals(e.tokens().size(), i);
        }

        CliRun missing = cli("top", "--index", tmp.resolve("nope").toString(), "--layer", "0", "--neuron", "0", "--json");
        assertEquals(2, missing.code());
        assertEquals("", missing.out());
        assertTrue(missing.err().startsWith("error: no index at"), missing.err());
    }
}
