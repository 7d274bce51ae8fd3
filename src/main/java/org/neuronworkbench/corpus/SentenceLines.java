package org.neuronworkbench.corpus;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Whether a corpus looks like one sentence per line (NeuroX style), judged from its first
 * documents, so the corpus pane can preselect sentence windows instead of token windows. Token
 * windows would glue neighbouring sentences together, which is not what such a file means.
 */
public final class SentenceLines {
    /** A line this long is a paragraph or a document, not a sentence. */
    public static final int MAX_SENTENCE_CHARS = 300;
    /** Share of the looked-at lines that must be short and end like a sentence. */
    public static final double MIN_SHARE = 0.8;
    /** Fewer lines than this say nothing either way. */
    public static final int MIN_LINES = 3;

    // Sentence punctuation, optionally followed by closing quotes or brackets.
    private static final Pattern ENDS_LIKE_A_SENTENCE = Pattern.compile(".*[.!?…][\"'”’)\\]]*$");

    private SentenceLines() {
    }

    /** True when at least {@link #MIN_LINES} non-blank texts and most of them are short sentences. */
    public static boolean looksLikeOneSentencePerLine(List<String> texts) {
        int lines = 0;
        int sentences = 0;
        for (String t : texts) {
            String s = t == null ? "" : t.strip();
            if (s.isEmpty()) {
                continue;
            }
            lines++;
            if (isSentence(s)) {
                sentences++;
            }
        }
        return lines >= MIN_LINES && sentences >= MIN_SHARE * lines;
    }

    /** One short line ending in sentence punctuation, without a line break inside. */
    static boolean isSentence(String s) {
        return s.length() <= MAX_SENTENCE_CHARS && s.indexOf('\n') < 0 && ENDS_LIKE_A_SENTENCE.matcher(s).matches();
    }
}
