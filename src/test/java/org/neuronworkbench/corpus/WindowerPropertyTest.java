package org.neuronworkbench.corpus;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.StringLength;
import org.neuronworkbench.work.Progress;
import org.neuronworkbench.work.Step;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WindowerPropertyTest {

    /** A document of {@code n} tokens "t0 t1 ..." so token i can be recovered from char offsets. */
    private static CorpusDocument doc(int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append(i == 0 ? "" : " ").append('t').append(i);
        }
        return new CorpusDocument("p", sb.toString());
    }

    @Property(tries = 300)
    void everyTokenIsCoveredAndWindowsAreInOrder(@ForAll @IntRange(min = 0, max = 60) int tokens,
                                                 @ForAll @IntRange(min = 1, max = 12) int size,
                                                 @ForAll @IntRange(min = 1, max = 12) int strideSeed,
                                                 @ForAll boolean sentenceMode) {
        int stride = 1 + (strideSeed - 1) % size;
        WindowOptions options = sentenceMode ? WindowOptions.sentences(size) : WindowOptions.tokens(size, stride);
        CorpusDocument doc = doc(tokens);
        List<Span> spans = new Whitespace().spans(doc.text());
        List<Window> windows = Windower.windowsOf(doc, spans, options);

        int[] covered = new int[tokens];
        int previousStart = -1;
        int previousEnd = -1;
        for (int w = 0; w < windows.size(); w++) {
            Window window = windows.get(w);
            assertEquals(w, window.windowIndex());
            assertEquals(doc.text().substring(window.charStart(), window.charEnd()), window.text());
            assertTrue(window.charStart() > previousStart && window.charEnd() > previousEnd, "windows go forward");
            previousStart = window.charStart();
            previousEnd = window.charEnd();
            int inWindow = 0;
            for (int t = 0; t < tokens; t++) {
                Span s = spans.get(t);
                if (s.start() >= window.charStart() && s.end() <= window.charEnd()) {
                    covered[t]++;
                    inWindow++;
                }
            }
            assertTrue(inWindow >= 1 && inWindow <= options.size(), "window holds 1..size tokens: " + inWindow);
        }
        for (int t = 0; t < tokens; t++) {
            assertTrue(covered[t] >= 1, "token " + t + " not covered");
            if (options.stride() == options.size()) {
                assertEquals(1, covered[t], "tiling covers each token once");
            }
        }
        assertEquals(tokens == 0 ? 0 : Math.max(1, (int) Math.ceil((tokens - options.size()) / (double) options.stride()) + 1),
                windows.size());
    }

    /** Words of 1-3 chars (an emoji is a surrogate pair) between runs of 1-3 whitespace chars. */
    @Provide
    Arbitrary<String> shortWordText() {
        Arbitrary<String> word = Arbitraries.of("a", "b", "\uD83D\uDE00", "\u00E9").list().ofMinSize(1).ofMaxSize(3)
                .map(parts -> String.join("", parts)).filter(w -> w.length() <= 3);
        Arbitrary<String> gap = Arbitraries.of(" ", "\n", "\t", "\u2003").list().ofMinSize(1).ofMaxSize(3)
                .map(parts -> String.join("", parts));
        return Combinators.combine(gap.optional(), Combinators.combine(word, gap).as((w, g) -> w + g).list().ofMaxSize(80))
                .as((lead, rest) -> lead.orElse("") + String.join("", rest));
    }

    /**
     * Streaming a document in pieces gives exactly the windows of tokenizing it whole, as long as
     * a word and the gap after it fit half a piece (6 <= 12 / 2 here: a piece ends where whitespace
     * starts, looked for in its second half), and the splitter never sees
     * more than one piece.
     */
    @Property(tries = 400)
    void piecesGiveTheWindowsOfTheWholeDocument(@ForAll("shortWordText") String text,
                                                @ForAll @IntRange(min = 12, max = 40) int pieceChars,
                                                @ForAll @IntRange(min = 1, max = 9) int size,
                                                @ForAll @IntRange(min = 1, max = 9) int strideSeed) {
        WindowOptions options = WindowOptions.tokens(size, 1 + (strideSeed - 1) % size);
        CorpusDocument doc = new CorpusDocument("d", text);
        int[] longest = {0};
        TokenSplitter splitter = piece -> {
            longest[0] = Math.max(longest[0], piece.length());
            return new Whitespace().spans(piece);
        };
        List<Window> streamed = new ArrayList<>();
        List<Step> steps = new ArrayList<>();
        new Windower(new ListReader(doc), splitter, options, steps::add, pieceChars).forEachRemaining(streamed::add);
        assertEquals(Windower.windowsOf(doc, new Whitespace().spans(text), options), streamed);
        assertTrue(longest[0] <= pieceChars, "the tokenizer saw " + longest[0] + " chars at once");
        if (text.length() > pieceChars) {
            assertFalse(steps.isEmpty(), "a document of several pieces reports progress");
            assertEquals(text.length(), steps.get(steps.size() - 1).done());
            assertTrue(steps.stream().allMatch(st -> st.total() == text.length() && st.detail().equals("d")));
        }
    }

    /** Any text, any piece size: every window is its document's text at its span, and windows go forward. */
    @Property(tries = 300)
    void anyTextInPiecesGivesConsistentWindows(@ForAll @StringLength(max = 200) String text,
                                               @ForAll @IntRange(min = 2, max = 30) int pieceChars,
                                               @ForAll @IntRange(min = 1, max = 9) int size) {
        CorpusDocument doc = new CorpusDocument("d", text);
        List<Window> windows = new ArrayList<>();
        new Windower(new ListReader(doc), new Whitespace(), WindowOptions.sentences(size), Progress.NONE, pieceChars)
                .forEachRemaining(windows::add);
        int previousEnd = 0;
        for (int i = 0; i < windows.size(); i++) {
            Window w = windows.get(i);
            assertEquals(i, w.windowIndex());
            assertEquals(text.substring(w.charStart(), w.charEnd()), w.text());
            assertTrue(w.charStart() >= previousEnd, "sentence windows tile the document");
            assertTrue(text.substring(previousEnd, w.charStart()).isBlank(), "nothing but whitespace is left out");
            previousEnd = w.charEnd();
        }
        assertTrue(text.substring(previousEnd).isBlank(), "the end of the document is covered");
    }

    /** A reader over documents in memory. */
    private static final class ListReader implements CorpusReader {
        private final Iterator<CorpusDocument> docs;

        ListReader(CorpusDocument... docs) {
            this.docs = List.of(docs).iterator();
        }

        @Override
        public Optional<CorpusDocument> next() {
            return docs.hasNext() ? Optional.of(docs.next()) : Optional.empty();
        }

        @Override
        public CorpusReport report() {
            return new CorpusReport("memory", 0, 0, 0, 0, Map.of(), List.of(), 0, List.of());
        }

        @Override
        public String source() {
            return "memory";
        }

        @Override
        public void close() {
        }
    }
}
