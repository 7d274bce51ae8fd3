package org.neuronworkbench.analysis.explain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The offline explainer: rules over a neuron's max-activating tokens, first match wins.
 * <ol>
 *   <li>one repeated token: at least {@link #REPEAT_SHARE} of the top tokens are the same word;</li>
 *   <li>a character class ({@link CharClass}) shared by at least {@link #CLASS_SHARE} of them;</li>
 *   <li>the lowest common WordNet hypernym: the noun class covering the most top tokens (at least
 *       half), the deepest of those, never one of the near-root classes ("entity", "object");</li>
 *   <li>otherwise the most frequent top tokens.</li>
 * </ol>
 */
public final class RuleExplainer {
    static final double REPEAT_SHARE = 0.5;
    static final double CLASS_SHARE = 0.7;
    static final double NOUN_CLASS_SHARE = 0.5;
    /** WordNet 3.1 depth: entity 0, physical entity 1, object 2, whole 3; from 4 a class says something. */
    static final int MIN_CLASS_DEPTH = 4;
    static final int FREQUENT = 5;

    private RuleExplainer() {
    }

    /** @throws IllegalArgumentException when there are no top tokens (a neuron without excerpts) */
    public static Explanation explain(List<ShownToken> top) {
        List<ShownToken> tokens = top.stream().filter(t -> !t.key().isEmpty()).toList();
        if (tokens.isEmpty()) {
            throw new IllegalArgumentException("there are no max-activating tokens to explain");
        }
        int n = tokens.size();
        Map<String, Integer> counts = new LinkedHashMap<>();
        Map<String, String> shown = new HashMap<>();
        for (ShownToken t : tokens) {
            counts.merge(t.key(), 1, Integer::sum);
            shown.putIfAbsent(t.key(), t.text());
        }
        List<String> byCount = new ArrayList<>(counts.keySet());
        byCount.sort(Comparator.comparingInt((String k) -> -counts.get(k)));
        String first = byCount.get(0);
        if (counts.get(first) >= REPEAT_SHARE * n) {
            return Explanation.ofTokens("the token " + quote(shown.get(first)), Explanation.Method.OFFLINE,
                    "repeated token", Set.of(first));
        }
        for (CharClass c : CharClass.values()) {
            long hits = tokens.stream().filter(c::matches).count();
            if (hits >= CLASS_SHARE * n) {
                return new Explanation(c.description() + ": " + hits + " of " + n + " top tokens", Explanation.Method.OFFLINE,
                        "character class", Set.of(), c, null);
            }
        }
        Explanation noun = nounClass(tokens);
        if (noun != null) {
            return noun;
        }
        List<String> frequent = byCount.subList(0, Math.min(FREQUENT, byCount.size()));
        StringBuilder text = new StringBuilder("the tokens ");
        for (int i = 0; i < frequent.size(); i++) {
            text.append(i == 0 ? "" : ", ").append(quote(shown.get(frequent.get(i))));
        }
        return Explanation.ofTokens(text.toString(), Explanation.Method.OFFLINE, "most frequent tokens", Set.copyOf(frequent));
    }

    private static Explanation nounClass(List<ShownToken> tokens) {
        WordNetLexicon wn = WordNetLexicon.shared();
        Map<WordNetLexicon.NounClass, Integer> coverage = new HashMap<>();
        Map<WordNetLexicon.NounClass, Set<String>> words = new HashMap<>();
        for (ShownToken t : tokens) {
            if (t.piece()) {
                continue;
            }
            for (WordNetLexicon.NounClass c : wn.nounClasses(t.key())) {
                if (c.depth() >= MIN_CLASS_DEPTH) {
                    coverage.merge(c, 1, Integer::sum);
                    words.computeIfAbsent(c, x -> new LinkedHashSet<>()).add(t.key());
                }
            }
        }
        WordNetLexicon.NounClass best = null;
        for (Map.Entry<WordNetLexicon.NounClass, Integer> e : coverage.entrySet()) {
            WordNetLexicon.NounClass c = e.getKey();
            if (e.getValue() < NOUN_CLASS_SHARE * tokens.size() || words.get(c).size() < 2) {
                continue;
            }
            if (best == null || better(c, e.getValue(), best, coverage.get(best))) {
                best = c;
            }
        }
        if (best == null) {
            return null;
        }
        return new Explanation(best.lemma().replace('_', ' ') + ": " + coverage.get(best) + " of " + tokens.size()
                + " top tokens", Explanation.Method.OFFLINE, "WordNet class", words.get(best), null, best);
    }

    /** More coverage first, then the deeper (more specific) class, then a fixed order. */
    private static boolean better(WordNetLexicon.NounClass a, int covA, WordNetLexicon.NounClass b, int covB) {
        if (covA != covB) {
            return covA > covB;
        }
        if (a.depth() != b.depth()) {
            return a.depth() > b.depth();
        }
        return a.offset() < b.offset();
    }

    /** Token text in typographic quotes, leading spaces kept (GPT-2's ‘ each’ differs from ‘each’). */
    static String quote(String token) {
        return "‘" + token + "’";
    }
}
