package org.neuronworkbench.analysis.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RuleExplainerTest {
    static List<ShownToken> words(String... w) {
        List<ShownToken> out = new ArrayList<>();
        for (String s : w) {
            out.add(new ShownToken(s, false));
        }
        return out;
    }

    @Test
    void oneRepeatedTokenIsNamedWithItsSpace() {
        Explanation x = RuleExplainer.explain(words(" each", " each", " every", " each", " each", " all"));
        assertEquals("the token ‘ each’", x.text());
        assertEquals(Set.of("each"), x.tokens());
        assertTrue(x.covers(new ShownToken("Each", false)));
        assertTrue(!x.covers(new ShownToken("every", false)));
    }

    @Test
    void characterClassesWin() {
        assertEquals(CharClass.DIGITS, RuleExplainer.explain(words("1", "42", "1999", "7", "3.5", "the", "12", "8", "60", "5")).charClass());
        assertEquals(CharClass.PUNCTUATION, RuleExplainer.explain(words(",", ".", ";", ":", "!", "?", "-", ",", ".", "word")).charClass());
        assertEquals(CharClass.CODE_SYMBOLS, RuleExplainer.explain(words("{", "}", "=", "<", ">", "[", "]", "_", "/", "x")).charClass());
        assertEquals(CharClass.CAPITALISED, RuleExplainer.explain(words("Alice", "Bob", "Paris", "Monday", "The", "Zeus", "Kant", "Nile", "Rome", "dog")).charClass());
        List<ShownToken> pieces = new ArrayList<>();
        for (String s : List.of("ing", "tion", "ed", "ly", "ness", "ment", "er", "est", "ful", "ous")) {
            pieces.add(new ShownToken(s, true));
        }
        Explanation x = RuleExplainer.explain(pieces);
        assertEquals(CharClass.SUBWORD_PIECES, x.charClass());
        assertTrue(x.text().contains("10 of 10"), x.text());
    }

    @Test
    void capitalsGetTheirLowestCommonHypernymWithCoverage() {
        Explanation x = RuleExplainer.explain(words("paris", "london", "berlin", "rome", "madrid", "tokyo", "vienna",
                "oslo", "table", "quickly"));
        assertEquals("WordNet class", x.rule());
        assertEquals("national capital: 8 of 10 top tokens", x.text());
        assertTrue(x.covers(new ShownToken("Lisbon", false)), "another capital is covered");
        assertTrue(!x.covers(new ShownToken("table", false)));
    }

    @Test
    void otherwiseTheMostFrequentTokens() {
        Explanation x = RuleExplainer.explain(words("of", "quickly", "of", "and", "quickly", "so", "very"));
        assertEquals("most frequent tokens", x.rule());
        assertTrue(x.text().startsWith("the tokens ‘of’, ‘quickly’"), x.text());
    }

    @Test
    void noTokensIsAClearError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RuleExplainer.explain(words(" ", "")));
        assertTrue(e.getMessage().contains("no max-activating tokens"));
    }
}
