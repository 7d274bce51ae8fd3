package org.neuronworkbench.corpus;

import org.junit.jupiter.api.Test;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The shipped sample corpora must stay clean: every line a document, nothing skipped. */
class SampleDataTest {
    private static final Path SAMPLES = Path.of("sample-data");

    @Test
    void sentencesAreCleanAndBetween300And400() {
        try (CorpusReader reader = Corpora.open(SAMPLES.resolve("sentences.txt"), CorpusOptions.defaults())) {
            List<CorpusDocument> docs = Docs.readAll(reader);
            assertTrue(docs.size() >= 300 && docs.size() <= 400, "sentences: " + docs.size());
            assertEquals(new CorpusReport("sample-data/sentences.txt".replace('/', File.separatorChar),
                    docs.size(), 0, 0, 0, Map.of(), List.of(), 0, List.of()), reader.report());
            assertEquals(docs.size(), docs.stream().map(CorpusDocument::text).distinct().count(), "no duplicates");
        }
    }

    @Test
    void jsonlIsAllValid() {
        try (CorpusReader reader = Corpora.open(SAMPLES.resolve("sample.jsonl"), CorpusOptions.defaults())) {
            List<CorpusDocument> docs = Docs.readAll(reader);
            assertEquals(50, docs.size());
            assertEquals(0, reader.report().linesSkipped());
            assertEquals(0, reader.report().malformedSequences());
            assertTrue(docs.get(24).text().contains("\n"), "the escaped newline survives: " + docs.get(24));
        }
    }
}
