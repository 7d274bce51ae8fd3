package org.neuronworkbench.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuronworkbench.corpus.Corpora;
import org.neuronworkbench.corpus.CorpusDocument;
import org.neuronworkbench.corpus.CorpusOptions;
import org.neuronworkbench.corpus.CorpusReader;
import org.neuronworkbench.corpus.TokenSplitter;
import org.neuronworkbench.corpus.Window;
import org.neuronworkbench.corpus.WindowOptions;
import org.neuronworkbench.corpus.Windower;
import org.neuronworkbench.model.Fixtures;
import org.neuronworkbench.model.Offline;
import org.neuronworkbench.model.tokenizer.HfTokenizer;
import org.neuronworkbench.work.Step;

/**
 * A document far longer than one tokenizer piece, through GPT-2's real byte-level BPE tokenizer:
 * the windows streamed piece by piece are exactly those of tokenizing the whole document at once
 * (same token spans, so every excerpt shows the right chars), and progress comes from inside it.
 */
class LongDocumentTest {
    @TempDir
    Path dir;

    @Test
    void piecesOfARealTokenizerGiveTheWindowsOfTheWholeDocument() throws Exception {
        Offline.enforce();
        // Hostile for span bookkeeping: emoji (surrogate pairs, several byte tokens per char), CJK,
        // runs of spaces and tabs, and words glued to punctuation.
        String[] parts = {"ab ", "the cat sat. ", "\u3053\u3093\u306b\u3061\u306f ", "\uD83D\uDE00\uD83D\uDE00 ",
                "x  y   z\t\tw ", "don't! ", "caf\u00e9 ", "1234567 "};
        StringBuilder text = new StringBuilder();
        for (int i = 0; text.length() < 3 * Windower.PIECE_CHARS + 1234; i++) {
            text.append(parts[(i * 7 + i / 5) % parts.length]);
        }
        Path file = Files.writeString(dir.resolve("long.txt"), "short line\n" + text + "\nlast line\n");
        WindowOptions options = WindowOptions.tokens(32, 24);
        try (HfTokenizer tok = HfTokenizer.open(Fixtures.dir("gpt2-tokenizer").resolve("tokenizer.json"))) {
            int[] longestPiece = {0};
            TokenSplitter production = IndexBuilder.splitterFor(tok);
            TokenSplitter measured = piece -> {
                longestPiece[0] = Math.max(longestPiece[0], piece.length());
                return production.spans(piece);
            };
            List<Window> streamed = new ArrayList<>();
            List<Step> steps = new ArrayList<>();
            try (CorpusReader reader = Corpora.open(file, CorpusOptions.defaults())) {
                new Windower(reader, measured, options, steps::add).forEachRemaining(streamed::add);
            }
            List<Window> whole = new ArrayList<>();
            for (CorpusDocument d : List.of(new CorpusDocument("long.txt:1", "short line"),
                    new CorpusDocument("long.txt:2", text.toString()), new CorpusDocument("long.txt:3", "last line"))) {
                whole.addAll(Windower.windowsOf(d, production.spans(d.text()), options));
            }
            assertEquals(whole.size(), streamed.size());
            for (int i = 0; i < whole.size(); i++) {
                assertEquals(whole.get(i), streamed.get(i), "window " + i);
            }
            assertTrue(longestPiece[0] <= Windower.PIECE_CHARS, "the tokenizer saw " + longestPiece[0] + " chars at once");
            assertTrue(steps.size() >= 4, "progress per piece of the long line: " + steps.size());
            assertEquals(new Step("tokenizing", text.length(), text.length(), "long.txt:2"), steps.get(steps.size() - 1));
        }
    }
}
