package org.neuronworkbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class TerminalTextTest {

    @Test
    void escapeBelAndC0ControlsBecomeVisibleHexEscapes() {
        assertEquals("\\x1b[31mred\\x1b[0m", TerminalText.safe("\u001b[31mred\u001b[0m"));
        assertEquals("\\x1b]0;title\\x07", TerminalText.safe("\u001b]0;title\u0007"));
        assertEquals("a\\x00b\\x7f", TerminalText.safe("a\u0000b\u007f"));
        assertEquals("line\\nnext\\r\\tend", TerminalText.safe("line\nnext\r\tend"));
    }

    @Test
    void c1ControlsBidiControlsAndSeparatorsAreEscaped() {
        assertEquals("\\u009b31m", TerminalText.safe("\u009b31m")); // CSI as one C1 char
        assertEquals("evil\\u202etxt.exe", TerminalText.safe("evil\u202etxt.exe"));
        for (char c : "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c\u2028\u2029".toCharArray()) {
            assertEquals(String.format("\\u%04x", (int) c), TerminalText.safe(String.valueOf(c)));
        }
    }

    @Test
    void ordinaryTextEmojiAndRightToLeftLettersAreKept() {
        String plain = "The cat sat. ##ing Ġthe 🧠 مرحبا שלום 日本語";
        assertSame(plain, TerminalText.safe(plain));
    }

    @Test
    void backslashesAndLoneSurrogatesCannotForgeOrHideAnEscape() {
        assertEquals("\\\\x1b", TerminalText.safe("\\x1b"));
        assertEquals("\\ud83e!", TerminalText.safe("\ud83e!"));
        assertEquals("!\\udde0", TerminalText.safe("!\udde0"));
        assertEquals("'a\\nb'", TerminalText.quote("a\nb"));
    }

    @Provide
    Arbitrary<String> anyText() {
        Arbitrary<String> units = Arbitraries.strings().all().ofMaxLength(30);
        Arbitrary<String> awkward = Arbitraries.of("\u001b", "\u0007", "\u009b", "\u202e", "\u2067", "\\", "\ud83e", "🧠", "\n")
                .list().ofMaxSize(10).map(l -> String.join("", l));
        return Arbitraries.oneOf(units, awkward);
    }

    @Property(tries = 500)
    void outputNeverHoldsACharacterThatDrivesTheTerminal(@ForAll("anyText") String text) {
        String safe = TerminalText.safe(text);
        for (int i = 0; i < safe.length(); i++) {
            char c = safe.charAt(i);
            assertTrue(c >= 0x20 && c != 0x7f && !(c >= 0x80 && c <= 0x9f), "control char at " + i + " of " + safe);
            assertTrue(!(c >= '\u202a' && c <= '\u202e') && !(c >= '\u2066' && c <= '\u2069')
                    && c != '\u200e' && c != '\u200f' && c != '\u061c', "bidi control at " + i);
            if (Character.isHighSurrogate(c)) {
                assertTrue(i + 1 < safe.length() && Character.isLowSurrogate(safe.charAt(i + 1)), "lone surrogate");
                i++;
            } else {
                assertTrue(!Character.isLowSurrogate(c), "lone surrogate");
            }
        }
        assertEquals(text, unescape(safe), "the escaped form is unambiguous");
    }

    /** An independent reader of the escape syntax, to show nothing is lost or ambiguous. */
    private static String unescape(String s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\') {
                sb.append(c);
                continue;
            }
            char k = s.charAt(++i);
            switch (k) {
                case 'n' -> sb.append('\n');
                case 'r' -> sb.append('\r');
                case 't' -> sb.append('\t');
                case '\\' -> sb.append('\\');
                case 'x' -> {
                    sb.append((char) Integer.parseInt(s.substring(i + 1, i + 3), 16));
                    i += 2;
                }
                case 'u' -> {
                    sb.append((char) Integer.parseInt(s.substring(i + 1, i + 5), 16));
                    i += 4;
                }
                default -> throw new AssertionError("unknown escape \\" + k);
            }
        }
        return sb.toString();
    }
}
