package org.neuronworkbench.analysis.semantic;

/**
 * One point of a semantic map: a WordNet synset's first lemma.
 *
 * @param lemma  the first lemma, underscores shown as spaces ("hot dog")
 * @param synset the synset id, part-of-speech key and 8-digit offset ("n:02086723")
 * @param pos    the part of speech: noun, verb, adjective or adverb
 * @param domain the label of the synset's first topic domain ("computer science"), or "none"
 * @param gloss  the synset's gloss as WordNet writes it (definition and examples)
 */
public record Lemma(String lemma, String synset, String pos, String domain, String gloss) {
    public static final String NO_DOMAIN = "none";
}
