package org.neuronworkbench.model.tokenizer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuronworkbench.model.ModelLoadException;
import org.neuronworkbench.model.Offline;

/**
 * tokenizer.json files that made the native tokenizer library abort the JVM (a Rust panic inside
 * its component parser, found by HostileBytesPropertyTest) are refused in Java first, with a message.
 */
class HfTokenizerHostileTest {
    private static final String VALID = "{\"version\":\"1.0\",\"truncation\":null,\"padding\":null,\"added_tokens\":[],"
            + "\"normalizer\":null,\"pre_tokenizer\":{\"type\":\"Whitespace\"},\"post_processor\":null,\"decoder\":null,"
            + "\"model\":{\"type\":\"WordLevel\",\"unk_token\":\"[UNK]\",\"vocab\":{\"[UNK]\":0,\"the\":1,\"cat\":2}}}";

    @TempDir
    Path dir;

    @BeforeAll
    static void offline() {
        Offline.enforce();
    }

    @Test
    void theValidBaseReads() throws Exception {
        try (HfTokenizer tok = HfTokenizer.open(Files.writeString(dir.resolve("tokenizer.json"), VALID))) {
            assertEquals(2, tok.encode("the cat", 8).tokens().size());
        }
    }

    @Test
    void jsonTheNativeParserWouldPanicOnIsRefusedWithTheReason() throws Exception {
        Map<String, String> cases = Map.of(
                VALID.replace("\"decoder\":null", "\"decoder\":nul"), "not valid JSON",
                VALID.replace("\"decoder\":null", "\"decoder\":{\"type\":\"\\ud800\"}"), "lone surrogate",
                VALID.replace("\"decoder\":null", "\"decoder\":" + "[".repeat(100) + "]".repeat(100)), "nests deeper",
                VALID.replace("\"decoder\":null", "\"decoder\":{\"x\":1e999}"), "out of range",
                VALID + " {}", "not valid JSON",
                "[1, 2]", "not a JSON object");
        for (Map.Entry<String, String> c : cases.entrySet()) {
            Path file = Files.writeString(dir.resolve("tokenizer.json"), c.getKey());
            ModelLoadException e = assertThrows(ModelLoadException.class, () -> HfTokenizer.open(file), c.getKey());
            assertTrue(e.getMessage().startsWith("Cannot read tokenizer " + file) && e.getMessage().contains(c.getValue()),
                    e.getMessage());
        }
    }

    /** Found by HostileBytesPropertyTest: one flipped byte in the vocabulary's "[UNK]" key. */
    @Test
    void aWordPieceVocabularyWithoutItsUnknownTokenFailsWhenOpenedNotOnTheFirstOddWord() throws Exception {
        String wordPiece = VALID.replace("\"type\":\"WordLevel\"", "\"type\":\"WordPiece\",\"continuing_subword_prefix\":\"##\","
                + "\"max_input_chars_per_word\":100").replace("{\"[UNK]\":0,", "{\"[UNJ]\":0,");
        Path file = Files.writeString(dir.resolve("tokenizer.json"), wordPiece);
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> HfTokenizer.open(file));
        assertTrue(e.getMessage().startsWith("Tokenizer " + file + " cannot encode text") && e.getMessage().contains("[UNK]"),
                e.getMessage());
    }
}
