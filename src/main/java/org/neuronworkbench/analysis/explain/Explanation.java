package org.neuronworkbench.analysis.explain;

import java.util.Set;

/**
 * What a neuron responds to, as text plus what the offline simulator needs to apply it: the
 * tokens it names, and either a character class or a WordNet noun class (offset, -1 for none).
 *
 * @param text      one line for people ("the token ‘ each’", "national capital: 8 of 10 top tokens")
 * @param method    how it was made
 * @param rule      which offline rule made it (empty for LLM explanations)
 * @param tokens    lower-cased token texts the explanation names
 * @param charClass a character class, or null
 * @param nounClass a WordNet noun class, or null
 */
public record Explanation(String text, Method method, String rule, Set<String> tokens, CharClass charClass,
                          WordNetLexicon.NounClass nounClass) {
    public enum Method { OFFLINE, LLM }

    public Explanation {
        tokens = Set.copyOf(tokens);
        rule = rule == null ? "" : rule;
    }

    /** An explanation that names a set of tokens and nothing else. */
    public static Explanation ofTokens(String text, Method method, String rule, Set<String> tokens) {
        return new Explanation(text, method, rule, tokens, null, null);
    }

    /** Whether the explanation covers one token: it names it, or it is in its character or noun class. */
    public boolean covers(ShownToken t) {
        String k = t.key();
        if (tokens.contains(k)) {
            return true;
        }
        if (charClass != null) {
            return charClass.matches(t);
        }
        return nounClass != null && !k.isEmpty() && !t.piece()
                && WordNetLexicon.shared().isA(k, nounClass.offset());
    }
}
