package org.neuronworkbench.analysis.semantic;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.neuronworkbench.index.CorpusIndex;
import org.neuronworkbench.model.ActivationCache;
import org.neuronworkbench.model.ModelRunner;
import org.neuronworkbench.model.TokenBudgetBatches;
import org.neuronworkbench.model.Token;
import org.neuronworkbench.model.TokenizedText;
import org.neuronworkbench.model.hooks.HookName;
import org.neuronworkbench.model.tokenizer.Tokenizer;
import org.neuronworkbench.work.Cancel;
import org.neuronworkbench.work.Progress;
import org.neuronworkbench.work.Step;

/**
 * Lemma vectors at a layer: one row of d_mlp neuron values per kept lemma.
 * <ul>
 *   <li>{@link VectorSource#AMAP}: the mean, over the lemma's tokens ({@link LemmaTokens}), of the
 *       index's activation-map rows of that layer. A lemma needs every one of its tokens in the
 *       map; rows are read from the memory-mapped map on demand, one layer at a time.</li>
 *   <li>{@link VectorSource#ISOLATED}: the lemma, as the same token ids wrapped in the model's
 *       special tokens, run through the model as its own text; the mean of {@code mlp.hook_post}
 *       over the lemma's tokens. Computed up front for the layers asked for, so it holds
 *       layers x lemmas x d_mlp floats.</li>
 * </ul>
 * With more lemmas than {@code maxPoints}, those whose rarest token the corpus showed most often
 * are kept (their map rows average the most occurrences), ties in WordNet order; kept lemmas stay
 * in WordNet order.
 */
public final class LemmaVectors {
    private final VectorSource source;
    private final List<Lemma> lemmas;
    private final List<int[]> tokens;
    private final LemmaCounts counts;
    private final int dMlp;
    private final CorpusIndex index;
    private final int[][] rows;
    private final float[][][] isolated;
    private final boolean cancelled;

    private LemmaVectors(VectorSource source, List<Candidate> kept, LemmaCounts counts, int dMlp, CorpusIndex index,
                         int[][] rows, float[][][] isolated, boolean cancelled) {
        this.source = source;
        this.lemmas = kept.stream().map(Candidate::lemma).toList();
        this.tokens = kept.stream().map(Candidate::ids).toList();
        this.counts = counts;
        this.dMlp = dMlp;
        this.index = index;
        this.rows = rows;
        this.isolated = isolated;
        this.cancelled = cancelled;
    }

    private record Candidate(Lemma lemma, int[] ids, long evidence, int order) {
    }

    /** AMAP vectors: needs only the index and the model's tokenizer. */
    public static LemmaVectors fromAmap(CorpusIndex index, Tokenizer tokenizer, WordNetLemmas wn, int maxPoints) {
        Map<String, Integer> leftOut = emptyReasons();
        List<Candidate> candidates = candidates(tokenizer, index, wn, leftOut);
        List<Candidate> seen = new ArrayList<>();
        for (Candidate c : candidates) {
            if (c.evidence() > 0) {
                seen.add(c);
            } else {
                leftOut.merge(LemmaCounts.NOT_IN_INDEX, 1, Integer::sum);
            }
        }
        List<Candidate> kept = limit(seen, maxPoints, leftOut);
        int[][] rows = new int[kept.size()][];
        for (int i = 0; i < rows.length; i++) {
            int[] ids = kept.get(i).ids();
            rows[i] = new int[ids.length];
            for (int t = 0; t < ids.length; t++) {
                rows[i][t] = index.amapRow(ids[t]);
            }
        }
        LemmaCounts counts = new LemmaCounts(wn.synsets(), wn.lemmas().size(), kept.size(), leftOut);
        return new LemmaVectors(VectorSource.AMAP, kept, counts, index.info().dMlp(), index, rows, null, false);
    }

    /**
     * Vectors computed elsewhere (a benchmark's cache of lemmas run alone): {@code byLayer[l]} holds
     * one row of {@code dMlp} values per lemma, or null for a layer not computed. Counted as
     * isolated vectors with every lemma kept.
     */
    public static LemmaVectors precomputed(List<Lemma> lemmas, float[][][] byLayer, int dMlp) {
        List<Candidate> kept = new ArrayList<>();
        for (int i = 0; i < lemmas.size(); i++) {
            kept.add(new Candidate(lemmas.get(i), new int[0], 0, i));
        }
        for (float[][] layer : byLayer) {
            if (layer != null && layer.length != lemmas.size()) {
                throw new IllegalArgumentException(layer.length + " vectors for " + lemmas.size() + " lemmas");
            }
        }
        LemmaCounts counts = new LemmaCounts(lemmas.size(), lemmas.size(), lemmas.size(), emptyReasons());
        return new LemmaVectors(VectorSource.ISOLATED, kept, counts, dMlp, null, null, byLayer, false);
    }

    /**
     * Isolated vectors for {@code layers}; {@code index} (may be null) only ranks lemmas for the
     * point limit. A cancel returns the lemmas finished so far, marked cancelled.
     */
    public static LemmaVectors isolated(ModelRunner runner, CorpusIndex index, WordNetLemmas wn, int maxPoints,
                                        int[] layers, Progress progress, Cancel cancel) {
        Tokenizer tokenizer = runner.tokenizer();
        Map<String, Integer> leftOut = emptyReasons();
        List<Candidate> kept = limit(candidates(tokenizer, index, wn, leftOut), maxPoints, leftOut);
        int layerCount = runner.config().layers();
        int dMlp = runner.config().dMlp();
        float[][][] vectors = new float[layerCount][][];
        for (int layer : layers) {
            vectors[layer] = new float[kept.size()][];
        }
        boolean[] done = new boolean[kept.size()];
        boolean cancelled = runIsolated(runner, kept, layers, vectors, done, progress, cancel);
        if (cancelled) {
            List<Candidate> finished = new ArrayList<>();
            float[][][] partial = new float[layerCount][][];
            for (int layer : layers) {
                List<float[]> rowsDone = new ArrayList<>();
                for (int i = 0; i < done.length; i++) {
                    if (done[i]) {
                        rowsDone.add(vectors[layer][i]);
                    }
                }
                partial[layer] = rowsDone.toArray(new float[0][]);
            }
            for (int i = 0; i < done.length; i++) {
                if (done[i]) {
                    finished.add(kept.get(i));
                }
            }
            kept = finished;
            vectors = partial;
        }
        LemmaCounts counts = new LemmaCounts(wn.synsets(), wn.lemmas().size(), kept.size(), leftOut);
        return new LemmaVectors(VectorSource.ISOLATED, kept, counts, dMlp, null, null, vectors, cancelled);
    }

    /**
     * The one place isolated lemmas are batched: sorted by token count (so short lemmas are not
     * padded to long ones), then consecutive runs of at most {@link IndexOptions#FORWARD_TOKENS}
     * padded tokens through {@link ModelRunner#runTokens}.
     */
    private static boolean runIsolated(ModelRunner runner, List<Candidate> kept, int[] layers, float[][][] vectors,
                                       boolean[] done, Progress progress, Cancel cancel) {
        Tokenizer tokenizer = runner.tokenizer();
        List<int[]> sequences = new ArrayList<>(kept.size());
        int[] firstLemmaToken = new int[kept.size()];
        for (int i = 0; i < kept.size(); i++) {
            TokenizedText alone = tokenizer.encode(kept.get(i).lemma().lemma(), runner.config().maxPositions());
            List<Integer> before = new ArrayList<>();
            List<Integer> after = new ArrayList<>();
            List<Token> t = alone.tokens();
            for (int p = 0; p < t.size() && t.get(p).special(); p++) {
                before.add(t.get(p).id());
            }
            for (int p = t.size() - 1; p >= before.size() && t.get(p).special(); p--) {
                after.add(0, t.get(p).id());
            }
            int[] ids = kept.get(i).ids();
            int[] seq = new int[before.size() + ids.length + after.size()];
            for (int p = 0; p < before.size(); p++) {
                seq[p] = before.get(p);
            }
            System.arraycopy(ids, 0, seq, before.size(), ids.length);
            for (int p = 0; p < after.size(); p++) {
                seq[before.size() + ids.length + p] = after.get(p);
            }
            sequences.add(seq);
            firstLemmaToken[i] = before.size();
        }
        // Length-sorted forwards packed to the token budget, as the index runs its windows.
        int[] lengths = new int[kept.size()];
        for (int i = 0; i < lengths.length; i++) {
            lengths[i] = sequences.get(i).length;
        }
        java.util.Set<HookName> hooks = new java.util.HashSet<>();
        for (int layer : layers) {
            hooks.add(HookName.mlpPost(layer));
        }
        int finished = 0;
        for (int[] group : TokenBudgetBatches.plan(lengths)) {
            if (cancel.isCancelled()) {
                return true;
            }
            List<int[]> batch = new ArrayList<>(group.length);
            for (int lemma : group) {
                batch.add(sequences.get(lemma));
            }
            ActivationCache cache = runner.runTokens(batch, org.neuronworkbench.model.hooks.HookSet.caching(hooks::contains));
            for (int b = 0; b < group.length; b++) {
                int lemma = group[b];
                int from = firstLemmaToken[lemma];
                int count = kept.get(lemma).ids().length;
                for (int layer : layers) {
                    float[][] acts = cache.rows(HookName.mlpPost(layer), b);
                    float[] mean = new float[acts[0].length];
                    for (int p = from; p < from + count; p++) {
                        for (int n = 0; n < mean.length; n++) {
                            mean[n] += acts[p][n] / count;
                        }
                    }
                    vectors[layer][lemma] = mean;
                }
                done[lemma] = true;
            }
            finished += group.length;
            progress.report(new Step("lemmas run alone", finished, lengths.length, finished + " of " + lengths.length + " lemmas"));
        }
        return false;
    }

    private static Map<String, Integer> emptyReasons() {
        Map<String, Integer> m = new LinkedHashMap<>();
        m.put(LemmaCounts.UNKNOWN_TOKENS, 0);
        m.put(LemmaCounts.NOT_IN_INDEX, 0);
        m.put(LemmaCounts.OVER_MAX_POINTS, 0);
        return m;
    }

    /** Tokenizes every lemma; those of only unknown tokens are counted out. */
    private static List<Candidate> candidates(Tokenizer tokenizer, CorpusIndex index, WordNetLemmas wn,
                                              Map<String, Integer> leftOut) {
        List<Candidate> out = new ArrayList<>();
        List<Lemma> all = wn.lemmas();
        for (int i = 0; i < all.size(); i++) {
            int[] ids = LemmaTokens.of(tokenizer, all.get(i).lemma());
            if (ids.length == 0 || LemmaTokens.onlyUnknown(tokenizer, ids)) {
                leftOut.merge(LemmaCounts.UNKNOWN_TOKENS, 1, Integer::sum);
                continue;
            }
            out.add(new Candidate(all.get(i), ids, index == null ? 0 : evidence(index, ids), i));
        }
        return out;
    }

    /** How often the rarest of the lemma's tokens was seen (0 if one never was). */
    private static long evidence(CorpusIndex index, int[] ids) {
        long min = Long.MAX_VALUE;
        for (int id : ids) {
            int row = index.amapRow(id);
            min = Math.min(min, row < 0 ? 0 : index.amapRowCount(row));
        }
        return min;
    }

    private static List<Candidate> limit(List<Candidate> candidates, int maxPoints, Map<String, Integer> leftOut) {
        if (maxPoints <= 0 || candidates.size() <= maxPoints) {
            return candidates;
        }
        List<Candidate> ranked = new ArrayList<>(candidates);
        ranked.sort(Comparator.comparingLong(Candidate::evidence).reversed().thenComparingInt(Candidate::order));
        List<Candidate> kept = new ArrayList<>(ranked.subList(0, maxPoints));
        kept.sort(Comparator.comparingInt(Candidate::order));
        leftOut.merge(LemmaCounts.OVER_MAX_POINTS, candidates.size() - maxPoints, Integer::sum);
        return kept;
    }

    public VectorSource source() {
        return source;
    }

    public List<Lemma> lemmas() {
        return lemmas;
    }

    /** The kept lemmas' token ids, in the same order as {@link #lemmas()}. */
    public List<int[]> tokens() {
        return tokens;
    }

    public LemmaCounts counts() {
        return counts;
    }

    public int size() {
        return lemmas.size();
    }

    public int dMlp() {
        return dMlp;
    }

    /** True when an isolated run was cancelled: only the lemmas finished by then are here. */
    public boolean cancelled() {
        return cancelled;
    }

    /** Lemma {@code i}'s vector at {@code layer}: d_mlp neuron values. */
    public float[] vector(int i, int layer) {
        if (isolated != null) {
            if (layer < 0 || layer >= isolated.length || isolated[layer] == null) {
                throw new IllegalArgumentException("layer " + layer + " was not computed for the isolated source");
            }
            return isolated[layer][i];
        }
        float[] mean = new float[dMlp];
        for (int row : rows[i]) {
            float[] values = index.amapRowValues(row, layer);
            for (int n = 0; n < dMlp; n++) {
                mean[n] += values[n];
            }
        }
        for (int n = 0; n < dMlp; n++) {
            mean[n] /= rows[i].length;
        }
        return mean;
    }

    /** Every kept lemma's vector at {@code layer}. */
    public float[][] layer(int layer) {
        float[][] out = new float[size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = vector(i, layer);
        }
        return out;
    }

    /** Index of a lemma among the kept ones (exact text, then case-insensitive), or -1. */
    public int find(String lemma) {
        String wanted = lemma.strip();
        for (int i = 0; i < lemmas.size(); i++) {
            if (lemmas.get(i).lemma().equals(wanted)) {
                return i;
            }
        }
        for (int i = 0; i < lemmas.size(); i++) {
            if (lemmas.get(i).lemma().equalsIgnoreCase(wanted)) {
                return i;
            }
        }
        return -1;
    }
}
