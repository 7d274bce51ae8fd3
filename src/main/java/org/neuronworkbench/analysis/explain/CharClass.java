package org.neuronworkbench.analysis.explain;

import java.util.function.Predicate;

/** Character classes a neuron may respond to, checked in this order by the rule-based explainer. */
public enum CharClass {
    DIGITS("numbers (digit tokens)", t -> t.text().strip().chars().anyMatch(Character::isDigit)
            && t.text().strip().chars().allMatch(c -> Character.isDigit(c) || c == '.' || c == ',')),
    CODE_SYMBOLS("code symbols ({ } [ ] < > = _ / \\ | # $ % & * ^ ~ @ `)",
            t -> !t.text().isBlank() && t.text().strip().chars().allMatch(c -> "{}[]<>=_/\\|#$%&*^~@`+".indexOf(c) >= 0)),
    PUNCTUATION("punctuation", t -> !t.text().isBlank()
            && t.text().strip().chars().allMatch(c -> !Character.isLetterOrDigit(c) && !Character.isWhitespace(c))),
    SUBWORD_PIECES("subword pieces (tokens inside a longer word)", ShownToken::piece),
    CAPITALISED("capitalised words", t -> {
        String s = t.text().strip();
        return !t.piece() && s.length() > 1 && Character.isUpperCase(s.charAt(0)) && s.chars().skip(1).anyMatch(Character::isLowerCase);
    });

    private final String description;
    private final Predicate<ShownToken> test;

    CharClass(String description, Predicate<ShownToken> test) {
        this.description = description;
        this.test = test;
    }

    public String description() {
        return description;
    }

    public boolean matches(ShownToken t) {
        return test.test(t);
    }
}
