package org.neuronworkbench.analysis.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuronworkbench.model.MlpNeuron;

class ExplanationStoreTest {
    @TempDir
    Path dir;

    @Test
    void everyFieldSurvivesTheFileAndNoTemporaryFileStays() throws Exception {
        StoredExplanation a = new StoredExplanation(new MlpNeuron(3, 42), "national capital: 8 of 10 top tokens", "offline",
                "WordNet class", 0.61, "national capital: 8 of 10 top tokens", 0.61, 0.47, Set.of("paris", "rome"), null,
                new WordNetLexicon.NounClass(8675309L, "national_capital", 9), List.of("Paris", " Rome"),
                List.of(new Substitutions.Row(0, "Paris", "Paris", "self", 2.5, 2.5, 1.0, true),
                        new Substitutions.Row(0, "Paris", "Lyon", "co-hyponym", 0.5, 2.5, 0.2, false)),
                Set.of("paris"), 0.5, null, null, Instant.parse("2026-11-29T19:00:00.123456Z"));
        StoredExplanation b = new StoredExplanation(new MlpNeuron(0, 7), "the sky", "llm", "", Double.NaN, "the token ‘ each’",
                0.2, Double.NaN, Set.of(), CharClass.DIGITS, null, List.of(), List.of(), Set.of(), Double.NaN,
                "http://127.0.0.1:8080/v1/chat/completions", "local", Instant.parse("2026-11-29T19:01:00Z"));
        ExplanationStore s = ExplanationStore.open(dir);
        s.put(a);
        s.put(b);
        s.save();
        ExplanationStore again = ExplanationStore.open(dir);
        assertEquals(List.of(b, a), again.all(), "ordered by layer and neuron");
        assertEquals(1, again.get(new MlpNeuron(3, 42)).kept().size() + again.get(new MlpNeuron(3, 42)).killed().size());
        assertTrue(again.has(new MlpNeuron(0, 7)));
        try (var files = Files.list(dir)) {
            assertEquals(List.of(ExplanationStore.FILE), files.map(f -> f.getFileName().toString()).toList());
        }
        assertFalse(again.get(new MlpNeuron(3, 42)).explanation().covers(new ShownToken("table", false)));
    }

    @Test
    void aCutOffFileIsRefusedInPlainWordsAndKept() throws Exception {
        Path file = dir.resolve(ExplanationStore.FILE);
        String cut = "{\"format\": 1, \"explanations\": [";
        Files.writeString(file, cut);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> ExplanationStore.open(dir));
        assertTrue(e.getMessage().startsWith(file + " is not valid JSON: Unexpected end-of-input"), e.getMessage());
        assertTrue(e.getMessage().endsWith("(it is left as it is: repair it from a copy, or delete it to explain again)"),
                e.getMessage());
        assertFalse(e.getMessage().contains("REDACTED"), "no parser internals: " + e.getMessage());
        assertEquals(cut, Files.readString(file), "the file is kept as it was");
    }
}
