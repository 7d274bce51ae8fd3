package org.neuronworkbench.index;

/** One token of an excerpt: chars [start, end) of the window text (-1 for special tokens). */
public record ExcerptToken(String text, int start, int end, double activation) implements java.io.Serializable {
}
