package org.neuronworkbench.analysis.explain;

import java.util.ArrayList;
import java.util.List;
import org.neuronworkbench.model.ActivationCache;
import org.neuronworkbench.model.ModelLoader;
import org.neuronworkbench.model.ModelRunner;
import org.neuronworkbench.model.TokenizedText;
import org.neuronworkbench.model.hooks.HookName;

/**
 * The embedded all-MiniLM-L6-v2 used as the sentence encoder it was trained to be: the mean over
 * every token (specials included, as sentence-transformers pools with the attention mask) of the
 * last hidden state {@code blocks.5.hook_resid_post}, L2-normalised. Used for coherence and for
 * nearest vocabulary words whatever model is being studied.
 */
public final class SentenceEncoder {
    public static final String NAME = "all-MiniLM-L6-v2 (mean-pooled, L2-normalised last hidden state)";
    private static final int BATCH = 64;

    /** Max tokens repeat across neurons (" the", digits): embeddings are kept, up to this many texts. */
    private static final int CACHE = 20_000;

    private final ModelRunner minilm;
    private final java.util.Map<String, float[]> cache = new java.util.HashMap<>();

    /** @param minilm a runner of the embedded model ({@link ModelLoader#DEFAULT}) */
    public SentenceEncoder(ModelRunner minilm) {
        if (!ModelLoader.DEFAULT.equals(minilm.source())) {
            throw new IllegalArgumentException("the sentence encoder is the embedded all-MiniLM-L6-v2, not " + minilm.source());
        }
        this.minilm = minilm;
    }

    public ModelRunner runner() {
        return minilm;
    }

    /** One unit vector per text, in order. */
    public synchronized float[][] embed(List<String> texts) {
        List<String> missing = texts.stream().filter(t -> !cache.containsKey(t)).distinct().toList();
        float[][] fresh = encode(missing);
        if (cache.size() + missing.size() > CACHE) {
            cache.clear();
        }
        for (int i = 0; i < fresh.length; i++) {
            cache.put(missing.get(i), fresh[i]);
        }
        float[][] out = new float[texts.size()][];
        for (int i = 0; i < out.length; i++) {
            float[] v = cache.get(texts.get(i));
            out[i] = v != null ? v : fresh[missing.indexOf(texts.get(i))];
        }
        return out;
    }

    private float[][] encode(List<String> texts) {
        HookName last = HookName.residPost(minilm.config().layers() - 1);
        List<float[]> out = new ArrayList<>(texts.size());
        for (List<String> chunk : ModelRunner.batches(texts, BATCH)) {
            List<TokenizedText> tok = new ArrayList<>(chunk.size());
            for (String s : chunk) {
                // A blank token (a lone space) still gets an embedding: [CLS] [SEP] pooled.
                tok.add(minilm.tokenizer().encode(s, minilm.config().maxPositions()));
            }
            ActivationCache c = minilm.runWithCache(tok, last::equals);
            for (int s = 0; s < chunk.size(); s++) {
                out.add(pool(c.rows(last, s)));
            }
        }
        return out.toArray(new float[0][]);
    }

    static float[] pool(float[][] rows) {
        float[] v = new float[rows[0].length];
        for (float[] r : rows) {
            for (int i = 0; i < v.length; i++) {
                v[i] += r[i];
            }
        }
        double norm = 0;
        for (int i = 0; i < v.length; i++) {
            v[i] /= rows.length;
            norm += (double) v[i] * v[i];
        }
        float inv = (float) (1 / Math.max(Math.sqrt(norm), 1e-12));
        for (int i = 0; i < v.length; i++) {
            v[i] *= inv;
        }
        return v;
    }

    static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (double) a[i] * b[i];
        }
        return s;
    }
}
