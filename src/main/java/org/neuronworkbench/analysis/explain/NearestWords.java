package org.neuronworkbench.analysis.explain;

import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import org.neuronworkbench.model.Token;
import org.neuronworkbench.model.TokenizedText;

/**
 * The encoder's nearest vocabulary words: cosine similarity of all-MiniLM-L6-v2's input token
 * embeddings (W_E), over the vocabulary entries that are whole alphabetic words. A word of several
 * tokens is the mean of its tokens' rows. Static embeddings, not the pooled sentence embedding,
 * because ranking a word against all 30k vocabulary entries with full forwards would cost seconds
 * per query; the sentence encoder is used where a handful of texts is compared (coherence).
 */
public final class NearestWords {
    private final SentenceEncoder encoder;
    private final int d;
    private final float[] wE;
    private final int[] ids;
    private final String[] words;
    private final float[][] unit;

    public NearestWords(SentenceEncoder encoder) {
        this.encoder = encoder;
        var runner = encoder.runner();
        this.d = runner.config().dModel();
        this.wE = runner.weights().wE();
        List<Integer> keep = new ArrayList<>();
        List<String> text = new ArrayList<>();
        for (int id = 0; id < runner.config().vocabSize(); id++) {
            String s = runner.tokenizer().vocabString(id);
            if (s.length() >= 2 && s.chars().allMatch(Character::isLetter)) {
                keep.add(id);
                text.add(s);
            }
        }
        ids = keep.stream().mapToInt(Integer::intValue).toArray();
        words = text.toArray(new String[0]);
        unit = new float[ids.length][];
        for (int i = 0; i < ids.length; i++) {
            unit[i] = normalised(row(ids[i]));
        }
    }

    /** Up to {@code k} vocabulary words nearest to {@code word}, best first, the word itself excluded. */
    public List<String> nearest(String word, int k) {
        String key = WordNetLexicon.key(word);
        if (key.isEmpty() || k <= 0) {
            return List.of();
        }
        TokenizedText t = encoder.runner().tokenizer().encode(key, encoder.runner().config().maxPositions());
        float[] q = new float[d];
        int n = 0;
        for (Token tok : t.tokens()) {
            if (!tok.special()) {
                float[] r = row(tok.id());
                for (int i = 0; i < d; i++) {
                    q[i] += r[i];
                }
                n++;
            }
        }
        if (n == 0) {
            return List.of();
        }
        q = normalised(q);
        PriorityQueue<double[]> best = new PriorityQueue<>((a, b) -> Double.compare(a[0], b[0]));
        for (int i = 0; i < unit.length; i++) {
            if (words[i].equalsIgnoreCase(key)) {
                continue;
            }
            double s = SentenceEncoder.dot(q, unit[i]);
            if (best.size() < k) {
                best.add(new double[] {s, i});
            } else if (s > best.peek()[0]) {
                best.poll();
                best.add(new double[] {s, i});
            }
        }
        List<double[]> sorted = new ArrayList<>(best);
        sorted.sort((a, b) -> Double.compare(b[0], a[0]));
        List<String> out = new ArrayList<>();
        for (double[] s : sorted) {
            out.add(words[(int) s[1]]);
        }
        return out;
    }

    private float[] row(int id) {
        float[] r = new float[d];
        System.arraycopy(wE, id * d, r, 0, d);
        return r;
    }

    private static float[] normalised(float[] v) {
        double n = 0;
        for (float x : v) {
            n += (double) x * x;
        }
        float inv = (float) (1 / Math.max(Math.sqrt(n), 1e-12));
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i] * inv;
        }
        return out;
    }
}
