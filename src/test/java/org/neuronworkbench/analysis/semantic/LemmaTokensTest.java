package org.neuronworkbench.analysis.semantic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.neuronworkbench.model.Offline;
import org.neuronworkbench.model.tokenizer.HfTokenizer;

/** The leading-space rule against the real GPT-2 vocabulary (ids looked up in tokenizer.json itself). */
class LemmaTokensTest {
    private static final Path GPT2 = Path.of("src/test/resources/fixtures/gpt2-tokenizer/tokenizer.json");
    private static HfTokenizer gpt2;
    private static JsonNode vocab;

    @BeforeAll
    static void open() throws Exception {
        Offline.enforce();
        gpt2 = HfTokenizer.open(GPT2);
        vocab = new ObjectMapper().readTree(GPT2.toFile()).get("model").get("vocab");
    }

    @AfterAll
    static void close() {
        gpt2.close();
    }

    private static int id(String piece) {
        return vocab.get(piece).asInt();
    }

    @Test
    void byteLevelBpeSpellsALemmaWithItsLeadingSpace() {
        assertArrayEquals(new int[] {id("Ġcat")}, LemmaTokens.of(gpt2, "cat"));
        assertArrayEquals(new int[] {id("Ġhot"), id("Ġdog")}, LemmaTokens.of(gpt2, "hot dog"));
        assertArrayEquals(new int[] {id("Ġalgorithm")}, LemmaTokens.of(gpt2, "algorithm"));
        // the text-initial spelling is a different token: the rule matters
        assertTrue(id("cat") != id("Ġcat"));
        assertFalse(LemmaTokens.onlyUnknown(gpt2, LemmaTokens.of(gpt2, "cat")));
    }

    @Test
    void aWordSplitIntoPiecesKeepsEveryPieceAndNoContext() {
        int[] ids = LemmaTokens.of(gpt2, "physical entity");
        assertArrayEquals(new int[] {id("Ġphysical"), id("Ġentity")}, ids);
        int[] rare = LemmaTokens.of(gpt2, "Xanthorrhoeaceae");
        assertTrue(rare.length > 1, "a rare word is several byte-level pieces");
        assertTrue(vocab.has("Ġ" + gpt2.vocabString(rare[0]).strip()) || gpt2.vocabString(rare[0]).startsWith(" "),
                "the first piece carries the space: '" + gpt2.vocabString(rare[0]) + "'");
    }
}
