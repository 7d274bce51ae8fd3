package org.neuronworkbench.analysis.semantic;

import java.util.Locale;

/** Where a lemma's vector comes from. */
public enum VectorSource {
    /** The mean of the index's activation-map rows of the lemma's tokens (what the corpus showed). */
    AMAP,
    /** The lemma run through the model as its own text, mean over its tokens (needs no corpus). */
    ISOLATED;

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static VectorSource parse(String text) {
        for (VectorSource s : values()) {
            if (s.key().equalsIgnoreCase(text.strip())) {
                return s;
            }
        }
        throw new IllegalArgumentException("source '" + text + "' is not one of amap, isolated");
    }
}
