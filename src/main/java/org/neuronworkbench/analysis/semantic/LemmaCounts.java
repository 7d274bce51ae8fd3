package org.neuronworkbench.analysis.semantic;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What happened to WordNet's lemmas on the way to a map: {@code kept + sum(leftOut) == lemmas}.
 *
 * @param synsets synsets read
 * @param lemmas  distinct first lemmas
 * @param kept    lemmas that became points
 * @param leftOut count per reason: {@value #UNKNOWN_TOKENS} (the tokenizer gives only unknown
 *                tokens), {@value #NOT_IN_INDEX} (a token of the lemma was never seen in the index,
 *                so it has no activation-map row), {@value #OVER_MAX_POINTS} (past the point limit)
 */
public record LemmaCounts(int synsets, int lemmas, int kept, Map<String, Integer> leftOut) {
    public static final String UNKNOWN_TOKENS = "unknown_tokens";
    public static final String NOT_IN_INDEX = "not_in_index";
    public static final String OVER_MAX_POINTS = "over_max_points";

    public LemmaCounts {
        leftOut = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(leftOut));
    }

    /** The reasons that left any lemma out, e.g. "not_in_index 86813, over_max_points 40". */
    public String leftOutText() {
        StringBuilder b = new StringBuilder();
        leftOut.forEach((reason, n) -> {
            if (n > 0) {
                b.append(b.length() == 0 ? "" : ", ").append(reason).append(' ').append(n);
            }
        });
        return b.length() == 0 ? "none" : b.toString();
    }

    public int leftOutTotal() {
        return leftOut.values().stream().mapToInt(Integer::intValue).sum();
    }
}
