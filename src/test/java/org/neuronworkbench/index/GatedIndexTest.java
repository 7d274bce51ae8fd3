package org.neuronworkbench.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuronworkbench.cli.CliRun;
import org.neuronworkbench.model.Fixtures;
import org.neuronworkbench.model.ModelLoader;
import org.neuronworkbench.model.ModelRunner;
import org.neuronworkbench.model.Offline;
import org.neuronworkbench.model.Token;

/**
 * Index and top on the llama-tiny weights, given a character-level tokenizer.json (vocabulary
 * within the fixture's 96 ids, BOS {@code <s>} = 0 added by a TemplateProcessing post-processor as
 * Llama 2 files do): statistics and the top excerpts against brute force over the same windows.
 */
class GatedIndexTest {
    private static final String CHARS = " abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.,;:!?'\"-()";

    @TempDir
    Path tmp;

    /** llama-tiny's config and weights with a generated character tokenizer. */
    private Path llamaWithTokenizer() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("llama-chars"));
        for (String f : List.of("config.json", "model.safetensors")) {
            Files.copy(Fixtures.dir(Fixtures.LLAMA).resolve(f), dir.resolve(f));
        }
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = json.createObjectNode();
        root.put("version", "1.0");
        ArrayNode added = root.putArray("added_tokens");
        String[] specials = {"<s>", "</s>", "<unk>"};
        for (int i = 0; i < specials.length; i++) {
            added.addObject().put("id", i).put("content", specials[i]).put("single_word", false).put("lstrip", false)
                    .put("rstrip", false).put("normalized", false).put("special", true);
        }
        ObjectNode model = root.putObject("model");
        model.put("type", "BPE").put("unk_token", "<unk>");
        ObjectNode vocab = model.putObject("vocab");
        for (int i = 0; i < specials.length; i++) {
            vocab.put(specials[i], i);
        }
        for (int i = 0; i < CHARS.length(); i++) {
            vocab.put(String.valueOf(CHARS.charAt(i)), specials.length + i);
        }
        model.putArray("merges");
        root.set("post_processor", json.readTree("{\"type\":\"TemplateProcessing\","
                + "\"single\":[{\"SpecialToken\":{\"id\":\"<s>\",\"type_id\":0}},{\"Sequence\":{\"id\":\"A\",\"type_id\":0}}],"
                + "\"pair\":[{\"Sequence\":{\"id\":\"A\",\"type_id\":0}},{\"Sequence\":{\"id\":\"B\",\"type_id\":1}}],"
                + "\"special_tokens\":{\"<s>\":{\"id\":\"<s>\",\"ids\":[0],\"tokens\":[\"<s>\"]}}}"));
        assertTrue(specials.length + CHARS.length() <= 96);
        Files.writeString(dir.resolve("tokenizer.json"), json.writeValueAsString(root));
        return dir;
    }

    @Test
    void indexAndTopOnTheGatedFixtureMatchBruteForce() throws Exception {
        Offline.enforce();
        Path model = llamaWithTokenizer();
        Path corpus = IndexTestSupport.sentences(tmp, 12);
        IndexOptions options = IndexTestSupport.smallOptions();
        BruteForceTest.BruteForce brute;
        try (ModelRunner runner = ModelLoader.load(model.toString())) {
            List<Token> t = runner.tokenize("Hi!").tokens();
            assertEquals(List.of(0, 3 + CHARS.indexOf('H'), 3 + CHARS.indexOf('i'), 3 + CHARS.indexOf('!')),
                    t.stream().map(Token::id).toList());
            assertTrue(t.get(0).special() && t.get(0).start() == -1, "the BOS is the post-processor's, flagged special");
            assertFalse(t.get(1).special());
            IndexBuildResult r = new IndexBuilder(options).build(runner, corpus.toString(), tmp.resolve("idx"), null, null);
            assertFalse(r.cancelled());
            brute = BruteForceTest.BruteForce.of(runner, corpus.toString(), options);
        }
        int width = 192;
        int layer = 1;
        int neuron = 150;
        double[] v = brute.column(layer * width + neuron);
        double mean = Arrays.stream(v).average().orElseThrow();
        List<Double> windowMax = new ArrayList<>();
        for (float[][] a : brute.acts()) {
            windowMax.add(Arrays.stream(a).mapToDouble(row -> row[layer * width + neuron]).max().orElseThrow());
        }
        windowMax.sort((x, y) -> Double.compare(y, x));

        CliRun top = CliRun.of("top", "--index", tmp.resolve("idx").toString(), "--layer", "1", "--neuron", "150",
                "--k", "3", "--json");
        assertEquals(0, top.code(), top.err());
        JsonNode root = top.json();
        assertEquals(mean, root.get("neuron").get("mean").asDouble(), 1e-5);
        assertEquals(windowMax.get(0), root.get("neuron").get("max").asDouble(), 1e-6);
        JsonNode excerpts = root.get("excerpts");
        assertEquals(3, excerpts.size());
        for (int rank = 0; rank < 3; rank++) {
            assertEquals(windowMax.get(rank), excerpts.get(rank).get("activation").asDouble(), 1e-6, "rank " + rank);
        }
        // Character tokens: each excerpt token is one character of the excerpt's text.
        for (JsonNode tok : excerpts.get(0).get("tokens")) {
            assertEquals(1, tok.get("end").asInt() - tok.get("start").asInt(), tok.toString());
        }
    }
}
