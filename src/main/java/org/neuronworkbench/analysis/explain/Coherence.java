package org.neuronworkbench.analysis.explain;

import java.util.List;

/**
 * How alike a neuron's max-activating tokens are: the mean pairwise cosine similarity of their
 * sentence-encoder embeddings (each token's text encoded on its own).
 *
 * @param value   mean cosine over all pairs, or NaN with fewer than two tokens
 * @param encoder which encoder produced the embeddings
 */
public record Coherence(double value, int tokens, String encoder) {

    public static Coherence of(SentenceEncoder encoder, List<String> tokens) {
        if (tokens.size() < 2) {
            return new Coherence(Double.NaN, tokens.size(), SentenceEncoder.NAME);
        }
        float[][] v = encoder.embed(tokens.stream().map(String::strip).toList());
        double sum = 0;
        int pairs = 0;
        for (int i = 0; i < v.length; i++) {
            for (int j = i + 1; j < v.length; j++) {
                sum += SentenceEncoder.dot(v[i], v[j]);
                pairs++;
            }
        }
        return new Coherence(sum / pairs, tokens.size(), SentenceEncoder.NAME);
    }
}
