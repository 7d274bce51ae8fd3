package org.neuronworkbench.model.tokenizer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuronworkbench.model.Fixtures;
import org.neuronworkbench.model.Offline;
import org.neuronworkbench.model.Token;
import org.neuronworkbench.model.TokenizedText;

/**
 * Byte-level BPE (GPT-2's real vocabulary, the scheme of Llama 3 and Qwen2) against ids and offsets
 * from Hugging Face tokenizers: leading spaces, an emoji, CJK characters split across byte tokens
 * (overlapping offsets), newlines, a special token inside the text (kept as text, with its span).
 */
class HfTokenizerTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void offline() {
        Offline.enforce();
    }

    private static Path dir() {
        return Fixtures.dir("gpt2-tokenizer");
    }

    @Test
    void idsAndSpansMatchTheReferenceTokenizer() throws Exception {
        JsonNode cases = JSON.readTree(dir().resolve("expected.json").toFile()).get("cases");
        int overlapping = 0;
        try (HfTokenizer tok = HfTokenizer.open(dir().resolve("tokenizer.json"))) {
            for (JsonNode c : cases) {
                String text = c.get("text").asText();
                TokenizedText got = tok.encode(text, 1000);
                assertEquals(c.get("ids").size(), got.length(), text);
                for (int i = 0; i < got.length(); i++) {
                    Token t = got.tokens().get(i);
                    assertEquals(c.get("ids").get(i).asInt(), t.id(), text + " token " + i);
                    JsonNode span = c.get("offsets_code_points").get(i);
                    // A special token typed in the text is part of the text, as in Hugging Face's
                    // special_tokens_mask: it keeps its span; only post-processor tokens are flagged.
                    assertFalse(t.special(), text + " token " + i);
                    // Reference offsets count code points; the app's spans are Java string indices.
                    assertEquals(text.offsetByCodePoints(0, span.get(0).asInt()), t.start(), text + " token " + i);
                    assertEquals(text.offsetByCodePoints(0, span.get(1).asInt()), t.end(), text + " token " + i);
                    assertEquals(text.substring(t.start(), t.end()), t.text());
                    if (i > 0 && t.start() < got.tokens().get(i - 1).end()) {
                        overlapping++;
                    }
                }
            }
        }
        assertTrue(overlapping > 0, "the CJK case splits characters across byte tokens");
        try (HfTokenizer tok = HfTokenizer.open(dir().resolve("tokenizer.json"))) {
            Token eot = tok.encode("<|endoftext|>The end", 10).tokens().get(0);
            assertEquals(50256, eot.id());
            assertEquals("<|endoftext|>", eot.text());
        }
    }

    @Test
    void emojiSpansAreJavaCharIndices() {
        String text = "naïve café 🙂 東京";
        try (HfTokenizer tok = HfTokenizer.open(dir().resolve("tokenizer.json"))) {
            Token emoji = tok.encode(text, 100).tokens().get(3);
            assertEquals(" 🙂", emoji.text());
            assertEquals(text.indexOf(" 🙂"), emoji.start());
            assertEquals(text.indexOf(" 🙂") + 3, emoji.end(), "the emoji is two Java chars");
            Token tokyo = tok.encode(text, 100).tokens().get(7);
            assertEquals("京", tokyo.text());
        }
    }

    /**
     * Llama 3's tokenizer.json adds its BOS through a TemplateProcessing post-processor; the same on
     * GPT-2's vocabulary puts a special, span-less first token before the text.
     */
    @Test
    void aBosFromThePostProcessorIsAFlaggedSpecialToken(@TempDir Path tmp) throws Exception {
        ObjectNode json = (ObjectNode) JSON.readTree(dir().resolve("tokenizer.json").toFile());
        JsonNode byteLevel = json.get("post_processor");
        JsonNode template = JSON.readTree("{\"type\":\"TemplateProcessing\","
                + "\"single\":[{\"SpecialToken\":{\"id\":\"<|endoftext|>\",\"type_id\":0}},{\"Sequence\":{\"id\":\"A\",\"type_id\":0}}],"
                + "\"pair\":[{\"Sequence\":{\"id\":\"A\",\"type_id\":0}},{\"Sequence\":{\"id\":\"B\",\"type_id\":1}}],"
                + "\"special_tokens\":{\"<|endoftext|>\":{\"id\":\"<|endoftext|>\",\"ids\":[50256],\"tokens\":[\"<|endoftext|>\"]}}}");
        ObjectNode sequence = JSON.createObjectNode().put("type", "Sequence");
        sequence.putArray("processors").add(byteLevel).add(template);
        json.set("post_processor", sequence);
        Path file = tmp.resolve("tokenizer.json");
        Files.writeString(file, JSON.writeValueAsString(json));
        try (HfTokenizer tok = HfTokenizer.open(file)) {
            List<Token> t = tok.encode(" The cat", 100).tokens();
            assertEquals(List.of(50256, 383, 3797), t.stream().map(Token::id).toList());
            assertTrue(t.get(0).special());
            assertEquals(-1, t.get(0).start());
            assertEquals(" The", t.get(1).text());
            assertEquals(0, t.get(1).start());
            assertFalse(t.get(1).special());
        }
    }
}
