package org.neuronworkbench.analysis.explain;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.neuronworkbench.analysis.NeuronRuns;
import org.neuronworkbench.model.TokenBudgetBatches;
import org.neuronworkbench.index.Excerpt;
import org.neuronworkbench.index.ExcerptToken;
import org.neuronworkbench.model.MlpNeuron;
import org.neuronworkbench.model.ModelRunner;
import org.neuronworkbench.model.Token;
import org.neuronworkbench.model.TokenizedText;
import org.neuronworkbench.work.Cancel;
import org.neuronworkbench.work.Progress;
import org.neuronworkbench.work.Step;

/**
 * Falsification by substitution: in each top excerpt the word holding the max token is replaced by
 * WordNet relatives (synonyms, antonyms, hypernyms, co-hyponyms) and the encoder's nearest
 * vocabulary words, and the neuron is measured again at the new word (max over its tokens).
 * Every variant of an excerpt, the unchanged excerpt and the word put back in its own place
 * ("self") go through the model in one batched forward; forwards are filled with whole excerpts,
 * so a layer's worth of excerpts costs a few forwards, not one per variant.
 */
public final class Substitutions {

    /**
     * @param wordnet   WordNet candidates per excerpt
     * @param nearest   encoder nearest words per excerpt (0, or no {@code encoderWords}, for none)
     * @param keep      a substitute "keeps" the concept at this share of the original activation
     */
    public record Request(ModelRunner runner, MlpNeuron neuron, List<Excerpt> excerpts, NearestWords encoderWords,
                          int wordnet, int nearest, double keep) {
        public Request {
            excerpts = List.copyOf(excerpts);
        }

        public static Request defaults(ModelRunner runner, MlpNeuron neuron, List<Excerpt> excerpts, NearestWords words) {
            return new Request(runner, neuron, excerpts, words, 8, 4, 0.5);
        }
    }

    /** One substitute in one excerpt; {@code ratio} is activation / the unchanged excerpt's. */
    public record Row(int excerpt, String original, String substitute, String source, double activation,
                      double originalActivation, double ratio, boolean kept) {
    }

    /**
     * @param extendedTokens the original words plus every kept substitute, lower-cased
     * @param meanActivation mean activation over every substitute checked (self excluded)
     */
    public record Result(List<Row> rows, Set<String> extendedTokens, double meanActivation, int forwards,
                         int excerptsDone, boolean cancelled) {
        public Result {
            rows = List.copyOf(rows);
            extendedTokens = Set.copyOf(extendedTokens);
        }

        public List<Row> kept() {
            return rows.stream().filter(r -> r.kept() && !"self".equals(r.source())).toList();
        }

        public List<Row> killed() {
            return rows.stream().filter(r -> !r.kept()).toList();
        }
    }

    /** The variants of one excerpt: row 0 is the unchanged text, then "self", then substitutes. */
    record Group(Excerpt excerpt, String original, List<String> words, List<String> sources, List<int[]> ids,
                         List<int[]> spans) {
    }

    private Substitutions() {
    }

    public static Result run(Request r, Progress progress, Cancel cancel) {
        return run(r, progress, cancel, Integer.MAX_VALUE);
    }

    /**
     * As {@link #run(Request, Progress, Cancel)} with at most {@code maxRows} rows per forward; the
     * benchmark's peer uses 1 (one forward per variant, the unbatched way).
     */
    static Result run(Request r, Progress progress, Cancel cancel, int maxRows) {
        List<Group> groups = groups(r);
        NeuronRuns runs = new NeuronRuns();
        List<Row> rows = new ArrayList<>();
        Set<String> extended = new LinkedHashSet<>();
        int done = 0;
        boolean cancelled = false;
        int i = 0;
        while (i < groups.size()) {
            if (cancel.isCancelled()) {
                cancelled = true;
                break;
            }
            // Fill one forward with whole excerpts, within the runner's per-forward budget.
            int j = i;
            int rowsIn = 0;
            int longest = 0;
            while (j < groups.size()) {
                Group g = groups.get(j);
                int len = Math.max(longest, g.ids().stream().mapToInt(a -> a.length).max().orElse(1));
                if (j > i && rowsIn + g.ids().size() > TokenBudgetBatches.rowsPerForward(len)) {
                    break;
                }
                rowsIn += g.ids().size();
                longest = len;
                j++;
            }
            List<int[]> batch = new ArrayList<>();
            for (Group g : groups.subList(i, j)) {
                batch.addAll(g.ids());
            }
            float[][] acts = new float[batch.size()][];
            for (int from = 0; from < batch.size(); from += maxRows) {
                List<int[]> chunk = batch.subList(from, (int) Math.min(batch.size(), (long) from + maxRows));
                System.arraycopy(runs.activations(r.runner(), chunk, r.neuron()), 0, acts, from, chunk.size());
            }
            int at = 0;
            for (Group g : groups.subList(i, j)) {
                double[] values = new double[g.ids().size()];
                for (int v = 0; v < values.length; v++) {
                    values[v] = at(acts[at + v], g.spans().get(v));
                }
                addRows(r, g, values, rows, extended);
                at += g.ids().size();
            }
            done += j - i;
            i = j;
            progress.report(new Step("substitutions", done, groups.size(), runs.forwards() + " forwards"));
        }
        return result(rows, extended, runs.forwards(), done, cancelled);
    }

    /** Every excerpt's variants; refuses a model without a tokenizer or a neuron outside it. */
    static List<Group> groups(Request r) {
        if (!r.runner().hasTokenizer()) {
            throw new IllegalArgumentException("model " + r.runner().source() + " has no tokenizer: substitutions edit text");
        }
        r.neuron().checkedAgainst(r.runner().config());
        List<Group> groups = new ArrayList<>();
        for (Excerpt e : r.excerpts()) {
            Group g = group(r, e);
            if (g != null) {
                groups.add(g);
            }
        }
        return groups;
    }

    /**
     * The rows of one excerpt from the neuron's value at each variant (index 0 the unchanged text,
     * max over the tokens of the new word), in variant order; kept words join {@code extended}.
     */
    static void addRows(Request r, Group g, double[] values, List<Row> rows, Set<String> extended) {
        double original = values[0];
        extended.add(WordNetLexicon.key(g.original()));
        for (int v = 1; v < values.length; v++) {
            double a = values[v];
            double ratio = original != 0 ? a / original : (a == 0 ? 1 : 0);
            boolean kept = ratio >= r.keep();
            rows.add(new Row(g.excerpt().rank(), g.original(), g.words().get(v), g.sources().get(v), a, original, ratio, kept));
            if (kept) {
                extended.add(WordNetLexicon.key(g.words().get(v)));
            }
        }
    }

    static Result result(List<Row> rows, Set<String> extended, int forwards, int excerptsDone, boolean cancelled) {
        double sum = 0;
        int n = 0;
        for (Row row : rows) {
            if (!"self".equals(row.source())) {
                sum += row.activation();
                n++;
            }
        }
        return new Result(rows, extended, n == 0 ? Double.NaN : sum / n, forwards, excerptsDone, cancelled);
    }

    /** The variants of one excerpt, or null when its max token is a special token (nothing to replace). */
    private static Group group(Request r, Excerpt e) {
        ExcerptToken max = e.tokens().get(e.maxTokenIndex());
        if (max.start() < 0) {
            return null;
        }
        String text = e.text();
        int ws = max.start();
        int we = max.end();
        while (ws > 0 && Character.isLetterOrDigit(text.charAt(ws - 1))) {
            ws--;
        }
        while (we < text.length() && Character.isLetterOrDigit(text.charAt(we))) {
            we++;
        }
        String word = text.substring(ws, we).strip();
        if (word.isEmpty()) {
            return null;
        }
        ws = text.indexOf(word, ws);
        we = ws + word.length();
        Map<String, String> candidates = new LinkedHashMap<>();
        candidates.put(word, "self");
        for (WordNetLexicon.Related rel : WordNetLexicon.shared().related(word, r.wordnet())) {
            candidates.putIfAbsent(cased(rel.word(), word), rel.relation());
        }
        if (r.encoderWords() != null && r.nearest() > 0) {
            for (String w : r.encoderWords().nearest(word, r.nearest() + 1)) {
                if (candidates.size() < 1 + r.wordnet() + r.nearest()) {
                    candidates.putIfAbsent(cased(w, word), "encoder");
                }
            }
        }
        List<String> words = new ArrayList<>(List.of(word));
        List<String> sources = new ArrayList<>(List.of("original"));
        List<int[]> ids = new ArrayList<>();
        List<int[]> spans = new ArrayList<>();
        if (!add(r.runner(), text, ws, we, word, ids, spans)) {
            return null;
        }
        for (Map.Entry<String, String> c : candidates.entrySet()) {
            if (add(r.runner(), text.substring(0, ws) + c.getKey() + text.substring(we), ws, ws + c.getKey().length(),
                    c.getKey(), ids, spans)) {
                words.add(c.getKey());
                sources.add(c.getValue());
            }
        }
        return new Group(e, word, words, sources, ids, spans);
    }

    /** Tokenizes a variant and records which tokens cover [from, to); false if none does. */
    private static boolean add(ModelRunner runner, String text, int from, int to, String word, List<int[]> ids,
                               List<int[]> spans) {
        TokenizedText t = runner.tokenize(text);
        List<Integer> covered = new ArrayList<>();
        for (Token tok : t.tokens()) {
            if (!tok.special() && tok.start() < to && tok.end() > from) {
                covered.add(tok.index());
            }
        }
        if (covered.isEmpty()) {
            return false;
        }
        ids.add(t.ids());
        spans.add(covered.stream().mapToInt(Integer::intValue).toArray());
        return true;
    }

    static double at(float[] acts, int[] span) {
        double m = Double.NEGATIVE_INFINITY;
        for (int i : span) {
            m = Math.max(m, acts[i]);
        }
        return m;
    }

    /** Keeps the original's capital: "Paris" replaced by "london" reads "London". */
    private static String cased(String candidate, String original) {
        if (!original.isEmpty() && Character.isUpperCase(original.charAt(0)) && !candidate.isEmpty()) {
            return candidate.substring(0, 1).toUpperCase(Locale.ROOT) + candidate.substring(1);
        }
        return candidate;
    }
}
