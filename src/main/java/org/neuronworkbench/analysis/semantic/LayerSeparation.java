package org.neuronworkbench.analysis.semantic;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.neuronworkbench.analysis.semantic.KnnAgreement.Metric;

/**
 * How well one layer's lemma vectors themselves (not the 2-D map) separate the classes:
 * k-nearest-neighbour label agreement (k = {@value #K}, cosine) for domain and for part of
 * speech, each beside the same score with the labels shuffled (fixed seed) as a baseline.
 * Domain agreement is measured over the lemmas that have a domain only: nearly all lemmas have
 * none, and "none" next to "none" would say nothing about domains. A score is NaN when fewer than
 * k + 1 lemmas carry the labels.
 */
public record LayerSeparation(int layer, int domainPoints, double knnDomain, double knnDomainShuffled,
                              double knnPos, double knnPosShuffled) {
    public static final int K = 10;

    public static LayerSeparation measure(LemmaVectors vectors, int layer, long seed) {
        float[][] all = vectors.layer(layer);
        List<Lemma> lemmas = vectors.lemmas();
        int[] pos = labels(lemmas.stream().map(Lemma::pos).toList());
        int withDomain = (int) lemmas.stream().filter(l -> !l.domain().equals(Lemma.NO_DOMAIN)).count();
        float[][] domainPoints = new float[withDomain][];
        String[] domainNames = new String[withDomain];
        int at = 0;
        for (int i = 0; i < lemmas.size(); i++) {
            if (!lemmas.get(i).domain().equals(Lemma.NO_DOMAIN)) {
                domainPoints[at] = all[i];
                domainNames[at++] = lemmas.get(i).domain();
            }
        }
        int[] domain = labels(List.of(domainNames));
        double d = Double.NaN;
        double ds = Double.NaN;
        if (withDomain > K) {
            d = KnnAgreement.score(domainPoints, domain, K, Metric.COSINE);
            ds = KnnAgreement.shuffledBaseline(domainPoints, domain, K, Metric.COSINE, seed);
        }
        double p = Double.NaN;
        double ps = Double.NaN;
        if (all.length > K) {
            p = KnnAgreement.score(all, pos, K, Metric.COSINE);
            ps = KnnAgreement.shuffledBaseline(all, pos, K, Metric.COSINE, seed);
        }
        return new LayerSeparation(layer, withDomain, d, ds, p, ps);
    }

    private static int[] labels(List<String> names) {
        Map<String, Integer> ids = new HashMap<>();
        int[] out = new int[names.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = ids.computeIfAbsent(names.get(i), k -> ids.size());
        }
        return out;
    }
}
