package org.neuronworkbench.analysis.explain;

import java.util.ArrayList;
import java.util.List;
import org.neuronworkbench.index.CorpusIndex;
import org.neuronworkbench.index.Excerpt;
import org.neuronworkbench.index.ExcerptToken;
import org.neuronworkbench.index.QuantileSample;
import org.neuronworkbench.index.TokenScore;
import org.neuronworkbench.model.MlpNeuron;

/**
 * Everything an explanation of one neuron rests on, read from a corpus index: the top excerpts
 * used to explain (their max tokens with a little context), the neuron's top AMAP tokens and NeuroX
 * top words, and the held-out excerpts the explanation is scored on (the remaining top excerpts
 * plus the random windows of every quantile band).
 */
public record Evidence(MlpNeuron neuron, List<Excerpt> explained, List<TopToken> maxTokens, List<TokenScore> amapTokens,
                       List<TokenScore> topWords, List<Excerpt> heldOut) {
    /** Top excerpts used to explain; the rest of the index's top-k is held out for scoring. */
    public static final int EXPLAIN_EXCERPTS = 10;
    public static final int CONTEXT_TOKENS = 3;
    public static final int LISTED_TOKENS = 10;

    /** The max token of one top excerpt, with {@link #CONTEXT_TOKENS} tokens each side. */
    public record TopToken(int rank, ShownToken token, double activation, String before, String after) {
    }

    public Evidence {
        explained = List.copyOf(explained);
        maxTokens = List.copyOf(maxTokens);
        amapTokens = List.copyOf(amapTokens);
        topWords = List.copyOf(topWords);
        heldOut = List.copyOf(heldOut);
    }

    /**
     * @throws IllegalArgumentException for a neuron out of range, a dead neuron or one without excerpts
     */
    public static Evidence from(CorpusIndex index, MlpNeuron n) {
        if (index.isDead(n.layer(), n.index())) {
            throw new IllegalArgumentException(n + " is dead in this index (it never fires noticeably on its corpus):"
                    + " there is nothing to explain");
        }
        List<Excerpt> top = index.topExcerpts(n.layer(), n.index(), index.info().topK());
        if (top.isEmpty()) {
            throw new IllegalArgumentException(n + " has no excerpts in this index: there is nothing to explain");
        }
        int k = Math.min(EXPLAIN_EXCERPTS, Math.max(1, (top.size() + 1) / 2));
        List<Excerpt> explained = top.subList(0, k);
        List<Excerpt> heldOut = new ArrayList<>(top.subList(k, top.size()));
        for (QuantileSample s : index.quantileSamples(n.layer(), n.index())) {
            heldOut.add(s.excerpt());
        }
        List<TopToken> maxTokens = new ArrayList<>();
        for (Excerpt e : explained) {
            maxTokens.add(topToken(e));
        }
        return new Evidence(n, explained, maxTokens, index.amapTopTokens(n.layer(), n.index(), LISTED_TOKENS),
                index.topWords(n.layer(), n.index(), LISTED_TOKENS, 0), heldOut);
    }

    static TopToken topToken(Excerpt e) {
        int m = e.maxTokenIndex();
        List<ExcerptToken> t = e.tokens();
        return new TopToken(e.rank(), ShownToken.at(e, m), t.get(m).activation(), span(e, Math.max(0, m - CONTEXT_TOKENS), m),
                span(e, m + 1, Math.min(t.size(), m + 1 + CONTEXT_TOKENS)));
    }

    /** The window text from token {@code from} to before token {@code to} (specials shown by name). */
    private static String span(Excerpt e, int from, int to) {
        StringBuilder sb = new StringBuilder();
        int lastEnd = -1;
        for (int i = from; i < to; i++) {
            ExcerptToken t = e.tokens().get(i);
            if (t.start() < 0) {
                sb.append(sb.length() == 0 ? "" : " ").append(t.text());
                lastEnd = -1;
                continue;
            }
            if (lastEnd >= 0 && t.start() > lastEnd) {
                sb.append(e.text(), lastEnd, t.start());
            } else if (lastEnd < 0 && sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(e.text(), t.start(), t.end());
            lastEnd = t.end();
        }
        return sb.toString();
    }

    /** The max tokens as the rule explainer reads them. */
    public List<ShownToken> topTokens() {
        return maxTokens.stream().map(TopToken::token).toList();
    }

    public List<List<ShownToken>> heldOutTokens() {
        return heldOut.stream().map(ShownToken::of).toList();
    }

    public double[][] heldOutActivations() {
        double[][] out = new double[heldOut.size()][];
        for (int e = 0; e < out.length; e++) {
            List<ExcerptToken> t = heldOut.get(e).tokens();
            out[e] = new double[t.size()];
            for (int i = 0; i < t.size(); i++) {
                out[e][i] = t.get(i).activation();
            }
        }
        return out;
    }
}
