package org.neuronworkbench.index;

import java.util.Arrays;

/**
 * One neuron's activation histogram over every counted token of an index: bin i holds the tokens
 * with edges[i] &lt;= a &lt; edges[i + 1] (see {@link ActivationHistogram} for the bins). Immutable:
 * the arrays are copied in and out.
 */
public record NeuronHistogram(double[] edges, long[] counts) {
    public NeuronHistogram {
        if (edges.length != counts.length + 1) {
            throw new IllegalArgumentException(counts.length + " bins need " + (counts.length + 1) + " edges, not " + edges.length);
        }
        edges = edges.clone();
        counts = counts.clone();
    }

    @Override
    public double[] edges() {
        return edges.clone();
    }

    @Override
    public long[] counts() {
        return counts.clone();
    }

    public int bins() {
        return counts.length;
    }

    public double lower(int bin) {
        return edges[bin];
    }

    public double upper(int bin) {
        return edges[bin + 1];
    }

    public long count(int bin) {
        return counts[bin];
    }

    /** The number of tokens counted, the index's token count. */
    public long total() {
        return Arrays.stream(counts).sum();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NeuronHistogram h && Arrays.equals(edges, h.edges) && Arrays.equals(counts, h.counts);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(edges) + Arrays.hashCode(counts);
    }

    @Override
    public String toString() {
        return "NeuronHistogram[" + total() + " tokens in " + counts.length + " bins]";
    }
}
