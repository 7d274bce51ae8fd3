package org.neuronworkbench.corpus;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SentenceLinesTest {

    @Test
    void theSampleSentencesFileIsOneSentencePerLine() throws Exception {
        List<String> lines = Files.readAllLines(Path.of("sample-data", "sentences.txt"));
        assertTrue(SentenceLines.looksLikeOneSentencePerLine(lines.subList(0, Math.min(50, lines.size()))));
    }

    @Test
    void sentencesEndInPunctuationOptionallyClosedByQuotesOrBrackets() {
        assertTrue(SentenceLines.looksLikeOneSentencePerLine(List.of("It rained.", "Did it?", "\"Yes!\"", "(Quite so.)")));
        assertTrue(SentenceLines.looksLikeOneSentencePerLine(List.of("One.", "", "  Two.  ", "Three…")), "blank lines do not count");
    }

    @Test
    void paragraphsWordListsAndTooFewLinesAreNot() {
        String paragraph = "This is a long paragraph. ".repeat(20).strip();
        assertFalse(SentenceLines.looksLikeOneSentencePerLine(List.of(paragraph, paragraph, paragraph)), "lines over 300 chars");
        assertFalse(SentenceLines.looksLikeOneSentencePerLine(List.of("apple", "banana", "cherry", "damson")), "a word list");
        assertFalse(SentenceLines.looksLikeOneSentencePerLine(List.of("One.", "Two.")), "two lines say nothing");
        assertFalse(SentenceLines.looksLikeOneSentencePerLine(List.of()));
        assertFalse(SentenceLines.looksLikeOneSentencePerLine(List.of("First line.\nSecond line.", "a.\nb.", "c.\nd.")),
                "documents with line breaks inside are not one line each");
    }

    @Test
    void theShareThresholdIsFourInFive() {
        List<String> lines = new ArrayList<>(List.of("A.", "B.", "C.", "D.", "no end"));
        assertTrue(SentenceLines.looksLikeOneSentencePerLine(lines), "4 of 5");
        lines.add("no end either");
        assertFalse(SentenceLines.looksLikeOneSentencePerLine(lines), "4 of 6");
    }
}
