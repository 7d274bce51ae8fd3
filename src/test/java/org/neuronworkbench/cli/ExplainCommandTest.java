package org.neuronworkbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.neuronworkbench.analysis.explain.LocalChatServer;
import org.neuronworkbench.analysis.explain.SampleIndex;
import org.neuronworkbench.index.CorpusIndex;
import org.neuronworkbench.index.NeuronSort;
import org.neuronworkbench.index.NeuronSummary;
import org.neuronworkbench.model.Fixtures;

/** {@code explain} and {@code explanations} on a real index, offline and against local endpoints. */
class ExplainCommandTest {
    @org.junit.jupiter.api.io.TempDir
    static Path tmp;
    static Path idx;
    static LocalChatServer server;

    @BeforeAll
    static void setUp() throws Exception {
        Path src = SampleIndex.index();
        idx = tmp.resolve("idx");
        Files.createDirectories(idx);
        try (var files = Files.list(src)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                if (Files.isRegularFile(f) && !f.getFileName().toString().startsWith("explanations")) {
                    Files.copy(f, idx.resolve(f.getFileName()));
                }
            }
        }
        server = new LocalChatServer()
                .on("/notjson/", (ex, call) -> LocalChatServer.send(ex, 200, "this is not json"))
                .on("/good/", (ex, call) -> LocalChatServer.send(ex, 200, LocalChatServer.answer(simulatedOrExplained(
                        server.bodies.get(server.bodies.size() - 1)))));
    }

    /**
     * A stand-in LLM: explains every neuron as "the word sky", and simulates by giving 10 to tokens
     * "sky" and 0 to all others, so its score is computed from its own numbers.
     */
    static String simulatedOrExplained(String body) {
        if (!body.contains("Tokens:")) {
            return "The word sky";
        }
        Matcher m = Pattern.compile("\\\\n(\\d+)\\\\t([^\\\\]*)").matcher(body);
        StringBuilder sb = new StringBuilder("[");
        int n = 0;
        while (m.find()) {
            sb.append(n++ == 0 ? "" : ",").append(m.group(2).strip().equalsIgnoreCase("sky") ? 10 : 0);
        }
        return sb.append("]").toString();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void oneNeuronAsJsonHasEveryPart() throws Exception {
        CliRun r = CliRun.of("explain", "--index", idx.toString(), "--layer", "2", "--neuron", "100", "--json");
        assertEquals(0, r.code(), r.err());
        assertFalse(r.err().contains("warning"), r.err());
        JsonNode j = r.json();
        assertEquals(2, j.get("neuron").get("layer").asInt());
        assertEquals(100, j.get("neuron").get("index").asInt());
        assertEquals("offline", j.get("explanation").get("method").asText());
        assertFalse(j.get("explanation").get("text").asText().isBlank());
        assertTrue(j.get("score").isNumber());
        assertTrue(j.get("coherence").asDouble() > -1 && j.get("coherence").asDouble() <= 1.0001);
        assertTrue(j.get("encoder").asText().contains("all-MiniLM-L6-v2"));
        assertEquals(10, j.get("evidence").get("top_tokens").size());
        assertTrue(j.get("evidence").get("amap_tokens").size() > 0);
        assertTrue(j.get("evidence").get("top_words").size() > 0);
        JsonNode subs = j.get("substitutions");
        assertTrue(subs.size() > 10);
        for (String k : new String[] {"excerpt", "original", "substitute", "source", "activation", "kept"}) {
            assertTrue(subs.get(0).has(k), k);
        }
        assertTrue(j.get("endpoint").isNull());
        // Stored in the index: listed and found by a word of its text.
        String word = j.get("explanation").get("text").asText().replaceAll("[^\\p{L}]+", " ").strip().split(" ")[0];
        JsonNode list = CliRun.of("explanations", "--index", idx.toString(), "--search", word, "--json").json();
        assertTrue(list.get("count").asInt() >= 1);
        assertEquals(0, CliRun.of("explanations", "--index", idx.toString(), "--search", "zzqqxx", "--json").json()
                .get("count").asInt());
    }

    @Test
    void aWorkingEndpointGivesTheLlmExplanationScoredByItsSimulation() throws Exception {
        CliRun r = CliRun.of("explain", "--index", idx.toString(), "--layer", "1", "--neuron", "5", "--json", "--no-substitutions",
                "--llm-url", server.url("/good/v1"), "--llm-model", "stand-in");
        assertEquals(0, r.code(), r.err());
        JsonNode j = r.json();
        assertEquals("llm", j.get("explanation").get("method").asText(), r.err());
        assertEquals("The word sky", j.get("explanation").get("text").asText());
        assertEquals("stand-in", j.get("llm_model").asText());
        assertEquals(server.url("/good/v1/chat/completions"), j.get("endpoint").asText());
        // The offline explanation stays beside it, with its own score.
        assertFalse(j.get("offline").get("text").asText().isBlank());
        assertTrue(j.get("offline").get("score").isNumber());
        assertTrue(j.get("score").isNumber());
    }

    @Test
    void unreachableAndNonJsonEndpointsAreWarningsAndTheOfflineExplanationStays() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        CliRun down = CliRun.of("explain", "--index", idx.toString(), "--layer", "1", "--neuron", "5", "--json",
                "--no-substitutions", "--llm-url", "http://127.0.0.1:" + port + "/v1", "--llm-model", "m", "--llm-timeout", "3");
        assertEquals(0, down.code(), down.err());
        assertTrue(down.err().startsWith("warning: LLM endpoint http://127.0.0.1:" + port) && down.err().contains("could not be reached"),
                down.err());
        assertEquals("offline", down.json().get("explanation").get("method").asText());
        CliRun bad = CliRun.of("explain", "--index", idx.toString(), "--layer", "1", "--neuron", "5", "--json",
                "--no-substitutions", "--llm-url", server.url("/notjson/v1"), "--llm-model", "m");
        assertEquals(0, bad.code(), bad.err());
        assertTrue(bad.err().contains("not JSON: this is not json") && bad.err().contains("keeping the offline explanation"), bad.err());
        assertEquals("offline", bad.json().get("explanation").get("method").asText());
    }

    @Test
    void aLayerResumesAfterWhatIsStored() throws Exception {
        Path dir = tmp.resolve("layer-idx");
        Files.createDirectories(dir);
        try (var files = Files.list(idx)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                if (Files.isRegularFile(f) && !f.getFileName().toString().startsWith("explanations")) {
                    Files.copy(f, dir.resolve(f.getFileName()));
                }
            }
        }
        // A run that stopped after 1,500 neurons of layer 4: stored explanations (their text is irrelevant here).
        var store = org.neuronworkbench.analysis.explain.ExplanationStore.open(dir);
        java.time.Instant t = java.time.Instant.now();
        for (int i = 0; i < 1500; i++) {
            store.put(new org.neuronworkbench.analysis.explain.StoredExplanation(new org.neuronworkbench.model.MlpNeuron(4, i),
                    "stored before", "offline", "most frequent tokens", 0.1, "stored before", 0.1, Double.NaN,
                    java.util.Set.of("x"), null, null, java.util.List.of("x"), java.util.List.of(), java.util.Set.of(),
                    Double.NaN, null, null, t));
        }
        store.save();
        CliRun r = CliRun.of("explain", "--index", dir.toString(), "--layer", "4", "--resume", "--no-substitutions", "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode j = r.json();
        assertEquals(1500, j.get("already_stored").asInt());
        assertEquals(36, j.get("explained").asInt() + j.get("dead").asInt() + j.get("skipped").asInt());
        var all = org.neuronworkbench.analysis.explain.ExplanationStore.open(dir).all();
        assertEquals(1500 + j.get("explained").asInt(), all.size());
        assertEquals("stored before", all.get(0).text(), "resume keeps what was stored");
        assertFalse(all.get(all.size() - 1).text().equals("stored before"));
        JsonNode sorted = CliRun.of("explanations", "--index", dir.toString(), "--sort", "score", "--limit", "5", "--json").json();
        assertEquals(5, sorted.get("explanations").size());
        for (int i = 1; i < 5; i++) {
            assertTrue(sorted.get("explanations").get(i - 1).get("score").asDouble()
                    >= sorted.get("explanations").get(i).get("score").asDouble());
        }
    }

    @Test
    void badInputIsOneErrorLineAndExitTwo() {
        NeuronSummary dead = null;
        try (CorpusIndex index = CorpusIndex.open(idx)) {
            for (NeuronSummary s : index.neurons(OptionalInt.empty(), NeuronSort.MAX, 0)) {
                if (s.dead()) {
                    dead = s;
                    break;
                }
            }
        }
        assertTrue(dead != null, "the sample index has a dead neuron");
        String[][] cases = {
            {"is dead", "explain", "--index", idx.toString(), "--layer", "" + dead.layer(), "--neuron", "" + dead.neuron(), "--no-substitutions"},
            {"out of range", "explain", "--index", idx.toString(), "--layer", "2", "--neuron", "99999", "--no-substitutions"},
            {"was built with model 'default'", "explain", "--index", idx.toString(), "--layer", "0", "--neuron", "1",
                "--model", Fixtures.dir(Fixtures.GPT2).toString()},
            {"malformed", "explain", "--index", idx.toString(), "--layer", "1", "--neuron", "5", "--llm-url", "htp:/nowhere",
                "--llm-model", "m"},
            {"--llm-url needs --llm-model", "explain", "--index", idx.toString(), "--layer", "1", "--neuron", "5", "--llm-url",
                "http://127.0.0.1:9/v1"},
            {"not an environment variable name", "explain", "--index", idx.toString(), "--layer", "1", "--neuron", "5", "--llm-url",
                "http://127.0.0.1:9/v1", "--llm-model", "m", "--llm-key-env", "sk-live-123"},
            {"need --llm-url", "explain", "--index", idx.toString(), "--layer", "1", "--neuron", "5", "--llm-model", "m"},
            {"not a layer number", "explain", "--index", idx.toString(), "--layer", "three"},
            {"out of range", "explain", "--index", idx.toString(), "--layer", "6", "--no-substitutions"},
            {"needs one --layer", "explain", "--index", idx.toString(), "--layer", "all", "--neuron", "3"},
            {"--resume is for whole layers", "explain", "--index", idx.toString(), "--layer", "1", "--neuron", "3", "--resume"},
            {"not a corpus index", "explain", "--index", "sample-data", "--layer", "1", "--neuron", "1"},
            {"unknown sort", "explanations", "--index", idx.toString(), "--sort", "loudness"},
        };
        for (String[] c : cases) {
            String[] args = java.util.Arrays.copyOfRange(c, 1, c.length);
            CliRun r = CliRun.of(args);
            assertEquals(2, r.code(), String.join(" ", args) + ": " + r.err());
            assertEquals("", r.out(), String.join(" ", args));
            assertTrue(r.err().startsWith("error: ") && r.err().contains(c[0]), String.join(" ", args) + ": " + r.err());
            assertEquals(1, r.err().strip().lines().count(), r.err());
        }
    }
}
