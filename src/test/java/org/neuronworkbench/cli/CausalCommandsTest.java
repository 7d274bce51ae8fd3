package org.neuronworkbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuronworkbench.model.Fixtures;
import org.neuronworkbench.model.Offline;

/** The causal commands end to end: JSON on stdout only, one error line for bad input. */
class CausalCommandsTest {
    private static final String GPT2 = Fixtures.dir(Fixtures.GPT2).toString();

    @BeforeAll
    static void offline() {
        Offline.enforce();
    }

    private static CliRun run(String... args) {
        return CliRun.of(args);
    }

    private static void assertOneErrorLine(CliRun r, String contains) {
        assertEquals(2, r.code(), r.err());
        assertEquals("", r.out());
        String[] lines = r.err().strip().split("\n");
        assertEquals(1, lines.length, r.err());
        assertTrue(lines[0].startsWith("error: ") && lines[0].contains(contains), lines[0]);
    }

    @Test
    void simplifyPrintsTheStepsAsJsonOnMiniLm() throws Exception {
        CliRun r = run("simplify", "--layer", "3", "--neuron", "17", "--text", "the cat sat on the mat", "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode j = r.json();
        JsonNode steps = j.get("steps");
        assertEquals(6, steps.size());
        assertEquals(5, j.get("forwards").asInt());
        assertTrue(steps.get(0).get("removed").isNull());
        assertEquals(8, steps.get(0).get("tokens").size());
        assertEquals(8, steps.get(0).get("activations").size());
        JsonNode last = steps.get(5);
        assertEquals("[CLS]", last.get("tokens").get(0).asText());
        assertEquals("mat", last.get("tokens").get(1).asText());
        assertTrue(last.get("target_activation").isNumber());
        assertFalse(last.get("removed").asText().isEmpty());
    }

    @Test
    void simplifyAndPruneWorkOnIdsForAFixtureDecoder() {
        CliRun r = run("simplify", "--model", GPT2, "--layer", "1", "--neuron", "5", "--ids", "5,63,22,87,13");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("5 steps, 4 forwards"), r.out());
        assertTrue(r.out().contains("(original)"));
    }

    @Test
    void noiseAblateDlaAndOptimizeOnTheGpt2Fixture() throws Exception {
        CliRun noise = run("noise", "--model", GPT2, "--layer", "1", "--neuron", "5", "--ids", "5,63,22,87",
                "--sigma", "0.5", "--samples", "4", "--json");
        assertEquals(0, noise.code(), noise.err());
        assertEquals(4, noise.json().get("tokens").size());

        CliRun ablate = run("ablate", "--model", GPT2, "--neuron", "1:3", "--neuron", "1:17", "--ids", "5,63,22,87", "--json");
        assertEquals(0, ablate.code(), ablate.err());
        JsonNode a = ablate.json();
        assertTrue(a.get("has_lm_head").asBoolean());
        assertEquals(4, a.get("positions").size());
        assertTrue(a.get("positions").get(0).get("change").isNumber());
        assertTrue(a.get("positions").get(3).get("next_token").isNull());

        CliRun dla = run("dla", "--model", GPT2, "--layer", "1", "--neuron", "5", "--top", "3", "--json");
        assertEquals(0, dla.code(), dla.err());
        assertEquals(3, dla.json().get("top").size());
        assertFalse(dla.json().get("approximate").asBoolean());

        CliRun byId = run("dla", "--model", GPT2, "--token-id", "42", "--top", "2");
        assertEquals(0, byId.code(), byId.err());
        assertTrue(byId.out().contains("neurons that push it up"));

        CliRun opt = run("optimize", "--model", GPT2, "--layer", "1", "--neuron", "5", "--length", "4", "--outputs", "2",
                "--steps", "5", "--fix", "1:#17", "--json");
        assertEquals(0, opt.code(), opt.err());
        JsonNode o = opt.json();
        assertEquals(2, o.get("continuous").size());
        assertEquals(17, o.get("discrete").get(0).get("ids").get(1).asInt());
        assertTrue(opt.err().contains("continuous"), "progress goes to stderr");
    }

    @Test
    void meanAblationReadsAMeansFile(@TempDir Path dir) throws Exception {
        StringBuilder sb = new StringBuilder("{\"1\": [");
        for (int i = 0; i < 256; i++) {
            sb.append(i == 0 ? "" : ",").append(i == 3 ? "0.75" : "0");
        }
        Path means = Files.writeString(dir.resolve("means.json"), sb.append("]}").toString());
        CliRun r = run("ablate", "--model", GPT2, "--neuron", "1:3", "--pin", "1:3", "--mode", "mean",
                "--means-file", means.toString(), "--ids", "5,63,22", "--json");
        assertEquals(0, r.code(), r.err());
        for (JsonNode v : r.json().get("pinned").get(0).get("ablated")) {
            assertEquals(0.75, v.asDouble(), 1e-6);
        }
        assertOneErrorLine(run("ablate", "--model", GPT2, "--neuron", "1:3", "--mode", "mean", "--ids", "5"), "--means-file");
    }

    @Test
    void encoderAblationSaysItHasNoLmHeadAndDlaIsApproximate() throws Exception {
        CliRun r = run("ablate", "--neuron", "1:10", "--pin", "4:100", "--text", "the budget was approved", "--json");
        assertEquals(0, r.code(), r.err());
        assertFalse(r.json().get("has_lm_head").asBoolean());
        assertTrue(r.json().get("note").asText().contains("no LM head"));
        CliRun dla = run("dla", "--token", "paris", "--top", "3", "--json");
        assertEquals(0, dla.code(), dla.err());
        assertTrue(dla.json().get("approximate").asBoolean());
        assertTrue(dla.json().get("note").asText().contains("input embeddings used as unembedding"));
    }

    @Test
    void badInputGivesOneClearErrorLine() {
        assertOneErrorLine(run("simplify", "--layer", "3", "--neuron", "17", "--text", "the cat", "--position", "40"),
                "Position 40 is beyond the text");
        assertOneErrorLine(run("simplify", "--layer", "3", "--neuron", "1536", "--text", "the cat"), "Neuron 1536 is out of range");
        assertOneErrorLine(run("noise", "--layer", "9", "--neuron", "1", "--text", "the cat"), "Layer 9 is out of range");
        assertOneErrorLine(run("simplify", "--layer", "3", "--neuron", "17", "--text", ""), "Text is empty");
        assertOneErrorLine(run("dla", "--token", "unbelievableness"), "is not one token");
        assertOneErrorLine(run("dla", "--model", GPT2, "--token", "x"), "no tokenizer");
        assertOneErrorLine(run("ablate", "--model", GPT2, "--neuron", "1-3", "--ids", "5"), "is not a neuron");
        assertOneErrorLine(run("simplify", "--model", GPT2, "--layer", "1", "--neuron", "5", "--ids", "5,96"), "outside the vocabulary");
        assertOneErrorLine(run("simplify", "--model", GPT2, "--layer", "1", "--neuron", "5", "--position", "middle", "--ids", "5"), "not last, max");
    }

    /** Every causal command on llama-tiny by ids; the numbers are the reference fixture's. */
    @Test
    void everyCausalCommandRunsOnTheGatedFixture() throws Exception {
        String llama = Fixtures.dir(Fixtures.LLAMA).toString();
        String seq1 = "5,63,22,87,5,63,22,87,13,40,71,94";
        CliRun ablate = run("ablate", "--model", llama, "--neuron", "1:3", "--neuron", "1:17", "--neuron", "1:150",
                "--ids", seq1, "--json");
        assertEquals(0, ablate.code(), ablate.err());
        JsonNode p0 = ablate.json().get("positions").get(0);
        try (org.neuronworkbench.model.weights.SafetensorsFile expected = Fixtures.expected(Fixtures.LLAMA)) {
            float[] row = java.util.Arrays.copyOf(expected.read("seq1.ablate_l1_3_17_150.logits"), 96);
            double max = Double.NEGATIVE_INFINITY;
            for (float v : row) {
                max = Math.max(max, v);
            }
            double sum = 0;
            for (float v : row) {
                sum += Math.exp(v - max);
            }
            double want = row[63] - max - Math.log(sum); // log p(next token 63) after the ablation
            assertEquals(want, p0.get("ablated_logprob").asDouble(), 1e-4, p0.toString());
        }
        CliRun dla = run("dla", "--model", llama, "--layer", "1", "--neuron", "150", "--top", "3", "--json");
        assertEquals(0, dla.code(), dla.err());
        assertFalse(dla.json().get("approximate").asBoolean());
        CliRun simplify = run("simplify", "--model", llama, "--layer", "1", "--neuron", "150", "--ids", "5,63,22,87,13");
        assertEquals(0, simplify.code(), simplify.err());
        assertTrue(simplify.out().contains("5 steps, 4 forwards"), simplify.out());
        CliRun noise = run("noise", "--model", llama, "--layer", "1", "--neuron", "150", "--ids", "5,63,22,87",
                "--sigma", "0.5", "--samples", "4", "--json");
        assertEquals(0, noise.code(), noise.err());
        assertEquals(4, noise.json().get("tokens").size());
        CliRun opt = run("optimize", "--model", llama, "--layer", "1", "--neuron", "150", "--length", "4", "--outputs", "2",
                "--steps", "5", "--json");
        assertEquals(0, opt.code(), opt.err());
        assertEquals(2, opt.json().get("discrete").size());
    }
}
