package org.neuronworkbench.export;

/** One point of a semantic map as exported: a CSV row, an SVG circle. */
public record MapPoint(String lemma, String synset, String pos, String domain, int layer, float x, float y) {
}
