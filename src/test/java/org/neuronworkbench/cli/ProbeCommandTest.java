package org.neuronworkbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.neuronworkbench.model.ActivationCache;
import org.neuronworkbench.model.Fixtures;
import org.neuronworkbench.model.ModelLoader;
import org.neuronworkbench.model.ModelRunner;
import org.neuronworkbench.model.Offline;
import org.neuronworkbench.model.TokenizedText;
import org.neuronworkbench.model.hooks.HookName;
import org.neuronworkbench.model.weights.SafetensorsFile;

class ProbeCommandTest {
    private static final String TEXT = "Paris is the capital of France 🇫🇷.";

    @BeforeAll
    static void offline() {
        Offline.enforce();
    }

    @Test
    void jsonCarriesTokensAndTheNeuronsValuesFromTheRunner() throws Exception {
        CliRun run = CliRun.of("probe", "--text", TEXT, "--layer", "3", "--neuron", "42", "--json");
        assertEquals(0, run.code(), run.err());
        JsonNode root = new ObjectMapper().readTree(run.out());
        assertEquals("bert", root.get("model").get("architecture").asText());
        assertEquals(1536, root.get("model").get("d_mlp").asInt());
        JsonNode rows = root.get("activations").get("blocks.3.mlp.hook_post");
        try (ModelRunner runner = ModelLoader.loadEmbedded()) {
            TokenizedText t = runner.tokenize(TEXT);
            ActivationCache cache = runner.runWithCache(List.of(t), HookName.mlpPost(3)::equals);
            float[] want = cache.column(HookName.mlpPost(3), 0, 42);
            assertEquals(want.length, rows.size());
            assertEquals(t.length(), root.get("tokens").size());
            for (int i = 0; i < want.length; i++) {
                assertEquals(want[i], rows.get(i).get(0).floatValue(), 1e-6);
                JsonNode tok = root.get("tokens").get(i);
                if (!tok.get("special").asBoolean()) {
                    assertEquals(tok.get("text").asText(),
                            TEXT.substring(tok.get("start").asInt(), tok.get("end").asInt()));
                }
            }
        }
    }

    @Test
    void wholeHooksGiveOneRowPerTokenOfFullWidth() throws Exception {
        CliRun run = CliRun.of("probe", "--text", "hello world", "--hook", "blocks.0.hook_resid_post", "--json");
        assertEquals(0, run.code(), run.err());
        JsonNode rows = new ObjectMapper().readTree(run.out()).get("activations").get("blocks.0.hook_resid_post");
        assertEquals(4, rows.size());
        assertEquals(384, rows.get(0).size());
    }

    @Test
    void tableOutputIsReadable() {
        CliRun run = CliRun.of("probe", "--text", "hello world", "--layer", "0", "--neuron", "7");
        assertEquals(0, run.code(), run.err());
        assertTrue(run.out().contains("'hello'") && run.out().contains("unit 7"), run.out());
    }

    @Test
    void badInputsGiveOneClearLineAndExitCode2() {
        CliRun layer = CliRun.of("probe", "--text", "hi", "--layer", "9", "--neuron", "1");
        assertEquals(2, layer.code());
        assertTrue(layer.err().contains("Layer 9 is out of range"), layer.err());
        CliRun neuron = CliRun.of("probe", "--text", "hi", "--layer", "1", "--neuron", "5000");
        assertEquals(2, neuron.code());
        assertTrue(neuron.err().contains("out of range"), neuron.err());
        CliRun hook = CliRun.of("probe", "--text", "hi", "--hook", "blocks.0.mlp.hook_nope");
        assertEquals(2, hook.code());
        assertTrue(hook.err().contains("Unknown hook"), hook.err());
        CliRun empty = CliRun.of("probe", "--text", "");
        assertEquals(2, empty.code());
        assertTrue(empty.err().contains("empty"), empty.err());
        CliRun model = CliRun.of("probe", "--model", "/no/such/folder", "--text", "hi");
        assertEquals(2, model.code());
        assertTrue(model.err().contains("does not exist"), model.err());
    }

    @Test
    void overlongTextIsTruncatedWithAWarningOnStderr() {
        CliRun run = CliRun.of("probe", "--text", "word ".repeat(600), "--layer", "0", "--neuron", "0", "--json");
        assertEquals(0, run.code(), run.err());
        assertTrue(run.err().contains("truncated"), run.err());
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {Fixtures.LLAMA, Fixtures.QWEN2})
    void idsOnAGatedFixtureGiveTheReferenceNeurons(String fixture) throws Exception {
        int[] seq = Fixtures.SEQS[1];
        String ids = java.util.Arrays.stream(seq).mapToObj(String::valueOf).collect(java.util.stream.Collectors.joining(","));
        CliRun run = CliRun.of("probe", "--model", Fixtures.dir(fixture).toString(), "--ids", ids,
                "--hook", "blocks.1.mlp.hook_post", "--hook", "blocks.0.mlp.hook_pre_linear", "--json");
        assertEquals(0, run.code(), run.err());
        assertEquals("", run.err().strip(), "nothing but JSON, and no warnings");
        JsonNode root = run.json();
        assertEquals(192, root.get("model").get("d_mlp").asInt());
        assertEquals(seq.length, root.get("tokens").size());
        for (int i = 0; i < seq.length; i++) {
            JsonNode tok = root.get("tokens").get(i);
            assertEquals(seq[i], tok.get("id").asInt());
            assertEquals("#" + seq[i], tok.get("text").asText());
            assertEquals(-1, tok.get("start").asInt());
            assertFalse(tok.get("special").asBoolean());
        }
        try (SafetensorsFile expected = Fixtures.expected(fixture)) {
            for (String hook : List.of("blocks.1.mlp.hook_post", "blocks.0.mlp.hook_pre_linear")) {
                float[] want = expected.read("seq1." + hook);
                JsonNode rows = root.get("activations").get(hook);
                int width = want.length / seq.length;
                assertEquals(seq.length, rows.size());
                double worst = 0;
                for (int p = 0; p < seq.length; p++) {
                    assertEquals(width, rows.get(p).size());
                    for (int u = 0; u < width; u++) {
                        worst = Math.max(worst, Math.abs(rows.get(p).get(u).floatValue() - want[p * width + u]));
                    }
                }
                assertTrue(worst < 1e-4, hook + " differs from the reference by " + worst);
            }
        }
    }

    @Test
    void badIdsGiveOneClearLineAndExitCode2() {
        String llama = Fixtures.dir(Fixtures.LLAMA).toString();
        CliRun outside = CliRun.of("probe", "--model", llama, "--ids", "1,96", "--json");
        assertEquals(2, outside.code());
        assertTrue(outside.err().startsWith("error: ") && outside.err().contains("Token id 96 is outside the vocabulary"),
                outside.err());
        assertEquals("", outside.out());
        CliRun noTokenizer = CliRun.of("probe", "--model", llama, "--text", "hello");
        assertEquals(2, noTokenizer.code());
        assertTrue(noTokenizer.err().contains("tokenizer"), noTokenizer.err());
        CliRun both = CliRun.of("probe", "--model", llama, "--text", "hello", "--ids", "1");
        assertEquals(2, both.code());
        assertTrue(both.err().contains("not both"), both.err());
        CliRun tooLong = CliRun.of("probe", "--model", llama, "--ids", "1,".repeat(33) + "1");
        assertEquals(2, tooLong.code());
        assertTrue(tooLong.err().contains("32 positions"), tooLong.err());
        CliRun notGated = CliRun.of("probe", "--model", Fixtures.dir(Fixtures.GPT2).toString(), "--ids", "1",
                "--hook", "blocks.0.mlp.hook_pre_linear");
        assertEquals(2, notGated.code());
        assertTrue(notGated.err().contains("Unknown hook"), notGated.err());
        for (CliRun r : List.of(outside, noTokenizer, both, tooLong, notGated)) {
            assertEquals(1, r.err().strip().lines().count(), r.err());
        }
    }
}
