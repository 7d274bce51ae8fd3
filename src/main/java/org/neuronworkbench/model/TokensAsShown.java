package org.neuronworkbench.model;

import java.util.ArrayList;
import java.util.List;

/**
 * The one "tokens as shown" function: what the editor, the excerpts, the replay and every export
 * draw for each token, so a row of tokens reads like the text. One set of edge rules:
 * <ol>
 *   <li>A token with chars in the text ({@code 0 <= start < end <= text.length()}) shows its chars
 *       widened to the left over the whitespace right before it, never past the previous shown
 *       token's end: "The cat" gives "The", " cat". Text the tokenizer skipped that is not
 *       whitespace is not shown.</li>
 *   <li>A token that overlaps the previous one (byte-level tokens of one character share its span)
 *       shows only chars after the previous end, often none: the character is shown once.</li>
 *   <li>A token without chars (special tokens, spans of -1) shows its own {@code text()} and does
 *       not move the previous end.</li>
 * </ol>
 * So the shown texts of the tokens with chars, joined, are the text from the first token's
 * leading whitespace to the last token's end, less any skipped non-whitespace.
 */
public final class TokensAsShown {
    private TokensAsShown() {
    }

    /** One shown string per token, in order. */
    public static List<String> of(String text, List<Token> tokens) {
        List<String> out = new ArrayList<>(tokens.size());
        int prevEnd = 0;
        for (Token t : tokens) {
            boolean hasChars = t.start() >= 0 && t.end() > t.start() && t.end() <= text.length();
            if (!hasChars) {
                out.add(t.text());
                continue;
            }
            int from = Math.max(prevEnd, t.start());
            while (from > prevEnd && Character.isWhitespace(text.charAt(from - 1))) {
                from--;
            }
            int end = Math.max(from, t.end());
            out.add(text.substring(from, end));
            prevEnd = end;
        }
        return out;
    }
}
