package org.neuronworkbench.cli;

/**
 * Makes text from corpora, inputs, tokenizers and file names safe to print in a terminal table or
 * message. Text a command did not write itself could otherwise drive the terminal: ESC starts
 * control sequences (colours, cursor moves, window titles, even clipboard writes), BEL rings,
 * C1 controls act like ESC on some terminals, and bidi overrides or isolates reorder the rest of
 * the line so a table shows something other than its data.
 *
 * <p>Every such character is shown as a visible escape that says which code point it was:
 * {@code \n}, {@code \r}, {@code \t}, otherwise {@code \xHH} for C0 controls and DEL and a
 * backslash, {@code u} and four hex digits for C1 controls, bidi controls (U+061C, U+200E, U+200F, U+202A..U+202E,
 * U+2066..U+2069), line and paragraph separators and lone surrogates. A backslash is doubled, so
 * the escaped form is unambiguous. Everything else, emoji and right-to-left letters included, is
 * printed as it is. JSON output needs none of this: its string escaping already covers controls.
 */
public final class TerminalText {
    private TerminalText() {
    }

    /** The terminal-safe form of {@code text}; {@code null} prints as {@code null}. */
    public static String safe(String text) {
        if (text == null) {
            return "null";
        }
        StringBuilder sb = null; // allocate only when something changes
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            String escape = escape(text, i);
            if (escape == null) {
                if (sb != null) {
                    sb.append(c);
                }
                if (Character.isHighSurrogate(c)) { // a valid pair: keep both halves
                    i++;
                    if (sb != null) {
                        sb.append(text.charAt(i));
                    }
                }
                continue;
            }
            if (sb == null) {
                sb = new StringBuilder(n + 16).append(text, 0, i);
            }
            sb.append(escape);
        }
        return sb == null ? text : sb.toString();
    }

    /** {@code safe(text)} in single quotes, for a token in a table column. */
    public static String quote(String text) {
        return "'" + safe(text) + "'";
    }

    /** The escape for the char at {@code i}, or null if it prints as it is. */
    private static String escape(String text, int i) {
        char c = text.charAt(i);
        switch (c) {
            case '\n':
                return "\\n";
            case '\r':
                return "\\r";
            case '\t':
                return "\\t";
            case '\\':
                return "\\\\";
            default:
                break;
        }
        if (c < 0x20 || c == 0x7F) {
            return String.format("\\x%02x", (int) c);
        }
        if ((c >= 0x80 && c <= 0x9F) || isBidiControl(c) || c == '\u2028' || c == '\u2029') {
            return String.format("\\u%04x", (int) c);
        }
        if (Character.isHighSurrogate(c)) {
            return i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1)) ? null : String.format("\\u%04x", (int) c);
        }
        if (Character.isLowSurrogate(c)) {
            return String.format("\\u%04x", (int) c); // a low half whose high half was not right before it
        }
        return null;
    }

    private static boolean isBidiControl(char c) {
        return c == '\u061C' || c == '\u200E' || c == '\u200F'
                || (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069');
    }
}
