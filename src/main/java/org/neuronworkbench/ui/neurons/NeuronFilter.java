package org.neuronworkbench.ui.neurons;

import java.util.Comparator;
import java.util.Locale;
import java.util.function.Function;
import org.neuronworkbench.index.NeuronSummary;

/**
 * The neuron table's text filter without a window: a row matches by its name ("L3N42"), its top
 * token or its stored explanation; whole-token matches rank before tokens that merely contain the
 * text, so "rain" lists the neurons whose top token is "rain" before those of "train", and
 * explanation matches ("capital") come last.
 */
record NeuronFilter(String text) {
    static final int NAME_OR_WHOLE_TOKEN = 0;
    static final int TOKEN_PREFIX = 1;
    static final int TOKEN_CONTAINS = 2;
    static final int EXPLANATION = 3;
    static final int NO_MATCH = 4;

    NeuronFilter {
        text = text == null ? "" : normal(text);
    }

    boolean matches(NeuronSummary s) {
        return matches(s, null);
    }

    /** @param explanation the neuron's stored explanation text, null when it has none */
    boolean matches(NeuronSummary s, String explanation) {
        return text.isEmpty() || rank(s, explanation) < NO_MATCH;
    }

    int rank(NeuronSummary s, String explanation) {
        int byToken = rank(s);
        if (byToken < NO_MATCH || explanation == null) {
            return byToken;
        }
        return explanation.toLowerCase(Locale.ROOT).contains(text) ? EXPLANATION : NO_MATCH;
    }

    int rank(NeuronSummary s) {
        if (text.isEmpty()) {
            return NAME_OR_WHOLE_TOKEN;
        }
        if (("l" + s.layer() + "n" + s.neuron()).equals(text)) {
            return NAME_OR_WHOLE_TOKEN;
        }
        if (s.topToken() == null) {
            return NO_MATCH;
        }
        String token = normal(s.topToken());
        if (token.equals(text)) {
            return NAME_OR_WHOLE_TOKEN;
        }
        if (token.startsWith(text)) {
            return TOKEN_PREFIX;
        }
        return token.contains(text) ? TOKEN_CONTAINS : NO_MATCH;
    }

    /** Better matches first; the table's own column order decides within a rank. */
    Comparator<NeuronSummary> byRank() {
        return Comparator.comparingInt(this::rank);
    }

    /** As {@link #byRank()}, with each row's explanation text (null for none). */
    Comparator<NeuronSummary> byRank(Function<NeuronSummary, String> explanation) {
        return Comparator.comparingInt(s -> rank(s, explanation.apply(s)));
    }

    /**
     * Lower case without the marks tokenizers put on a word's edge: a leading space, GPT-2's "Ġ",
     * SentencePiece's "▁", WordPiece's "##".
     */
    static String normal(String s) {
        String t = s.strip().toLowerCase(Locale.ROOT);
        if (t.startsWith("##")) {
            t = t.substring(2);
        } else if (t.startsWith("ġ") || t.startsWith("▁")) {
            t = t.substring(1);
        }
        return t.strip();
    }
}
