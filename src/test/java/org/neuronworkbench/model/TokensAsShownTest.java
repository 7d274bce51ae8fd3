package org.neuronworkbench.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** The one set of edge rules for tokens as shown, on hand-made spans, random texts and a real tokenizer. */
class TokensAsShownTest {

    private static Token tok(int i, String own, int start, int end) {
        return new Token(i, own, i, start, end, start < 0);
    }

    @Test
    void eachTokenTakesTheWhitespaceBeforeIt() {
        String text = "  The cat\t\tsat";
        List<Token> t = List.of(tok(0, "The", 2, 5), tok(1, "cat", 6, 9), tok(2, "sat", 11, 14));
        assertEquals(List.of("  The", " cat", "\t\tsat"), TokensAsShown.of(text, t));
    }

    @Test
    void specialTokensShowTheirOwnTextAndDoNotMoveThePreviousEnd() {
        String text = "a b";
        List<Token> t = List.of(tok(0, "[CLS]", -1, -1), tok(1, "a", 0, 1), tok(2, "<mid>", -1, -1),
                tok(3, "b", 2, 3), tok(4, "[SEP]", -1, -1));
        assertEquals(List.of("[CLS]", "a", "<mid>", " b", "[SEP]"), TokensAsShown.of(text, t));
    }

    @Test
    void overlappingByteTokensShowTheCharacterOnce() {
        // Byte-level BPE: the four bytes of one emoji come as tokens sharing the emoji's span.
        String text = "x \uD83D\uDE42!";
        List<Token> t = List.of(tok(0, "x", 0, 1), tok(1, "b1", 1, 4), tok(2, "b2", 1, 4), tok(3, "b3", 2, 4),
                tok(4, "!", 4, 5));
        assertEquals(List.of("x", " \uD83D\uDE42", "", "", "!"), TokensAsShown.of(text, t));
    }

    @Test
    void skippedTextThatIsNotWhitespaceIsNotShownAndRemovedTokensLeaveNoTrace() {
        String text = "one \u0000two three four";
        // "two" was skipped by the tokenizer's normaliser in one case, removed by simplification in the other.
        assertEquals(List.of("one", " three", " four"),
                TokensAsShown.of(text, List.of(tok(0, "one", 0, 3), tok(1, "three", 9, 14), tok(2, "four", 15, 19))));
        assertEquals(List.of("one", "two"), TokensAsShown.of(text, List.of(tok(0, "one", 0, 3), tok(1, "two", 5, 8))));
    }

    @Test
    void spansOutsideTheTextCountAsNoChars() {
        assertEquals(List.of("own", "a"), TokensAsShown.of("a", List.of(tok(0, "own", 0, 5), tok(1, "a", 0, 1))));
    }

    @Test
    void aRealTokenizerGivesBackTheTextWhenJoined() {
        Offline.enforce();
        try (ModelRunner miniLm = ModelLoader.loadEmbedded()) {
            for (String text : List.of("The cat sat on the mat.", "  don't   stop\tbelieving ", "Café naïve — 東京 42%")) {
                TokenizedText t = miniLm.tokenize(text);
                List<Token> content = t.tokens().stream().filter(x -> !x.special()).toList();
                int lastEnd = content.get(content.size() - 1).end();
                assertEquals(text.substring(0, lastEnd), String.join("", TokensAsShown.of(text, content)), text);
                List<String> all = TokensAsShown.of(text, t.tokens());
                assertEquals("[CLS]", all.get(0));
                assertEquals("[SEP]", all.get(all.size() - 1));
            }
        }
    }

    /** Words and whitespace runs; tokens are the words, a random subset kept, specials sprinkled in. */
    @Property(tries = 300)
    void shownIsWhitespaceThenTheTokenAndAllKeptJoinToTheText(@ForAll @Size(max = 12) List<@IntRange(min = 0, max = 3) Integer> gaps,
                                                             @ForAll long keepBits) {
        StringBuilder sb = new StringBuilder();
        List<Token> words = new ArrayList<>();
        String[] ws = {"", " ", "\n", " \t "};
        for (int i = 0; i < gaps.size(); i++) {
            // A word never directly follows another (gap "" only before the first), so spans do not touch.
            sb.append(i == 0 ? ws[gaps.get(i)] : ws[Math.max(1, gaps.get(i))]);
            int start = sb.length();
            sb.append("w").append(i);
            words.add(tok(i, "w" + i, start, sb.length()));
        }
        String text = sb.toString();
        List<String> allShown = TokensAsShown.of(text, words);
        if (!words.isEmpty()) {
            assertEquals(text, String.join("", allShown));
        }
        List<Token> kept = new ArrayList<>();
        for (int i = 0; i < words.size(); i++) {
            if ((keepBits >>> i & 1) == 1) {
                kept.add(words.get(i));
                kept.add(tok(-1, "[S]", -1, -1));
            }
        }
        List<String> shown = TokensAsShown.of(text, kept);
        for (int i = 0; i < kept.size(); i++) {
            Token k = kept.get(i);
            String s = shown.get(i);
            if (k.start() < 0) {
                assertEquals("[S]", s);
            } else {
                String own = text.substring(k.start(), k.end());
                assertTrue(s.endsWith(own) && s.substring(0, s.length() - own.length()).isBlank(), s);
                // The whitespace is the run right before the token, whole.
                int before = k.start() - (s.length() - own.length());
                assertTrue(before == 0 || !Character.isWhitespace(text.charAt(before - 1)), s);
            }
        }
    }
}
