package org.neuronworkbench.analysis.explain;

import java.util.ArrayList;
import java.util.List;
import org.neuronworkbench.index.Excerpt;
import org.neuronworkbench.index.ExcerptToken;

/**
 * A token as the explainers see it: its surface text and whether it continues the previous token
 * inside one word (a subword piece such as "ital" in "cap|ital").
 */
public record ShownToken(String text, boolean piece) {

    /** The tokens of an excerpt; a piece starts exactly where a letter or digit ends. */
    public static List<ShownToken> of(Excerpt e) {
        List<ShownToken> out = new ArrayList<>(e.tokens().size());
        for (int i = 0; i < e.tokens().size(); i++) {
            out.add(at(e, i));
        }
        return out;
    }

    public static ShownToken at(Excerpt e, int i) {
        ExcerptToken t = e.tokens().get(i);
        boolean piece = i > 0 && t.start() > 0 && e.tokens().get(i - 1).end() == t.start()
                && Character.isLetterOrDigit(e.text().charAt(t.start() - 1))
                && !t.text().isEmpty() && Character.isLetterOrDigit(t.text().charAt(0));
        return new ShownToken(t.text(), piece);
    }

    /** Lower-cased and trimmed, the form token sets compare. */
    public String key() {
        return WordNetLexicon.key(text);
    }
}
