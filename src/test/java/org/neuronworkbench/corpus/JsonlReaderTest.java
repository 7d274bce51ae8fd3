package org.neuronworkbench.corpus;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JsonlReaderTest {
    @TempDir
    Path dir;

    @Test
    void readsTheTextFieldAndKeepsLineIds() throws IOException {
        Path file = dir.resolve("data.jsonl");
        Files.writeString(file, """
                {"text": "Hello there.", "label": 1}

                {"id": 7, "text": "Line \\"quoted\\" \\u00e9"}
                """);
        try (CorpusReader reader = Corpora.open(file, CorpusOptions.defaults())) {
            assertEquals(List.of(
                    new CorpusDocument("data.jsonl:1", "Hello there."),
                    new CorpusDocument("data.jsonl:3", "Line \"quoted\" é")), Docs.readAll(reader));
            assertEquals(1, reader.report().blankLines());
            assertEquals(0, reader.report().linesSkipped());
        }
    }

    @Test
    void badLinesAreSkippedCountedAndLocated() throws IOException {
        Path file = dir.resolve("mixed.jsonl");
        Files.writeString(file, String.join("\n",
                "{\"text\": \"good one\"}",
                "this is not json",
                "{\"other\": \"no text field\"}",
                "{\"text\": 42}",
                "[\"an\", \"array\"]",
                "{\"text\": \"trailing\"} garbage",
                "{\"text\": null}",
                "{\"text\": \"   \"}",
                "{\"text\": \"good two\"}",
                "{\"text\": \"unterminated"));
        try (CorpusReader reader = Corpora.open(file, CorpusOptions.defaults())) {
            List<CorpusDocument> docs = Docs.readAll(reader);
            assertEquals(List.of("mixed.jsonl:1", "mixed.jsonl:9"), docs.stream().map(CorpusDocument::id).toList());
            CorpusReport report = reader.report();
            assertEquals(2, report.documents());
            assertEquals(8, report.linesSkipped());
            assertEquals(Map.of("not JSON", 3L, "no 'text' field", 1L, "'text' is not a string", 2L,
                    "not a JSON object", 1L, "'text' is blank", 1L), report.skipReasons());
            assertEquals(CorpusReport.MAX_REMEMBERED_SKIPS, report.firstSkipped().size());
            assertEquals("mixed.jsonl:2 (not JSON)", report.firstSkipped().get(0));
            assertEquals("mixed.jsonl:3 (no 'text' field)", report.firstSkipped().get(1));
            assertTrue(report.summary().contains("8 lines skipped (not JSON: 3, no 'text' field: 1"),
                    report.summary());
            assertTrue(report.summary().endsWith(", ..."), report.summary());
        }
    }

    @Test
    void anotherFieldCanHoldTheText() throws IOException {
        Path file = dir.resolve("alt.jsonl");
        Files.writeString(file, "{\"sentence\": \"from another field\", \"text\": \"ignored\"}\n{\"text\": \"x\"}\n");
        try (CorpusReader reader = Corpora.open(file, new CorpusOptions("sentence"))) {
            assertEquals(List.of(new CorpusDocument("alt.jsonl:1", "from another field")), Docs.readAll(reader));
            assertEquals(Map.of("no 'sentence' field", 1L), reader.report().skipReasons());
        }
    }
}
