package org.neuronworkbench.index;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.Collection;
import org.neuronworkbench.corpus.WindowOptions;
import org.neuronworkbench.model.MlpNeuron;
import org.neuronworkbench.model.ModelConfig;
import org.neuronworkbench.model.ModelRunner;

/**
 * Read access to a finished corpus index: neuron table and stats are held in memory, excerpts come
 * from the database, the activation map and top-word scores are read from memory-mapped
 * safetensors. Needs no model. Methods are synchronized (one DuckDB connection).
 */
public final class CorpusIndex implements AutoCloseable {
    /** Token types rarer than this are not eligible as a neuron's top token (unless none is). */
    public static final int SELECTIVITY_MIN_COUNT = 5;

    private final Path dir;
    private final IndexStore store;
    private final IndexInfo info;
    private final NeuronTable neurons;
    private final SafetensorsIn amap;
    private final SafetensorsIn topWords;
    /** Null for an index built before histograms were kept. */
    private final SafetensorsIn histogram;
    private final int[] tokenIds;
    private final String[] tokens;
    private final long[] tokenCounts;
    private final Map<String, Integer> rowByToken = new HashMap<>();
    private final Map<Integer, Integer> rowByTokenId = new HashMap<>();

    private CorpusIndex(Path dir, IndexStore store) throws IOException {
        this.dir = dir;
        this.store = store;
        Map<String, String> m = store.meta();
        this.info = infoOf(m);
        this.neurons = NeuronTable.load(store, info.layers(), info.dMlp());
        this.amap = new SafetensorsIn(dir.resolve(FirstPassWriter.AMAP_FILE));
        this.topWords = new SafetensorsIn(dir.resolve(SecondPassWriter.TOPWORDS_FILE));
        this.histogram = openHistogram(dir.resolve(ActivationHistogram.FILE), info.layers() * info.dMlp());
        List<Object[]> rows = new ArrayList<>();
        store.query(Schema.SELECT_AMAP_TOKENS,
                rs -> rows.add(new Object[] {rs.getInt(1), rs.getString(2), rs.getLong(3)}));
        tokenIds = new int[rows.size()];
        tokens = new String[rows.size()];
        tokenCounts = new long[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            tokenIds[i] = (Integer) rows.get(i)[0];
            tokens[i] = (String) rows.get(i)[1];
            tokenCounts[i] = (Long) rows.get(i)[2];
            rowByToken.putIfAbsent(tokens[i], i);
            rowByTokenId.put(tokenIds[i], i);
        }
    }

    /** @throws IndexException if the folder is missing, not an index, or unfinished */
    public static CorpusIndex open(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new IndexException("no index at " + dir + ": "
                    + (Files.exists(dir) ? "it is a file, not an index folder" : "the folder does not exist"));
        }
        if (!IndexStore.exists(dir)) {
            throw new IndexException(dir + " is not a corpus index (it has no " + IndexStore.DB_FILE + ")");
        }
        IndexStore store = IndexStore.open(dir, true);
        try {
            Map<String, String> m = store.meta();
            if (!Integer.toString(Schema.FORMAT).equals(m.get("format"))) {
                throw new IndexException(dir + " is an index of format " + m.get("format") + "; this version reads format "
                        + Schema.FORMAT + ": rebuild it");
            }
            if (!"true".equals(m.get("complete"))) {
                throw new IndexException(dir + " holds an unfinished index of " + IndexIdentity.describe(m)
                        + ": run the index command again with the same settings to resume it");
            }
            // Checked after "unfinished", which explains a missing map of a build still under way.
            if (!Files.isRegularFile(dir.resolve(FirstPassWriter.AMAP_FILE))) {
                throw new IndexException(dir + " has no activation map (" + FirstPassWriter.AMAP_FILE
                        + " is missing): build the index again");
            }
            return new CorpusIndex(dir, store);
        } catch (IOException | RuntimeException e) {
            store.close();
            if (e instanceof IndexException ie) {
                throw ie;
            }
            throw new IndexException("could not read the index in " + dir + ": " + e.getMessage(), e);
        }
    }

    private static SafetensorsIn openHistogram(Path file, int neurons) throws IOException {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        SafetensorsIn in = new SafetensorsIn(file);
        SafetensorsIn.Tensor c = in.tensor("counts");
        SafetensorsIn.Tensor e = in.tensor("edges");
        double[] edges = ActivationHistogram.edges();
        boolean same = "I64".equals(c.dtype()) && c.shape().length == 2 && c.rows() == neurons
                && c.cols() == ActivationHistogram.BINS && "F64".equals(e.dtype()) && e.rows() == edges.length;
        for (int i = 0; same && i < edges.length; i++) {
            same = Double.compare(e.f64(i), edges[i]) == 0;
        }
        if (!same) {
            in.close();
            throw new IndexException(file + " is not a histogram of this index's " + neurons + " neurons in this version's "
                    + ActivationHistogram.BINS + " bins: build the index again");
        }
        return in;
    }

    private static IndexInfo infoOf(Map<String, String> m) {
        int size = Integer.parseInt(m.get("window_size"));
        WindowOptions w = "sentence".equals(m.get("window_mode")) ? WindowOptions.sentences(size)
                : WindowOptions.tokens(size, Integer.parseInt(m.get("window_stride")));
        return new IndexInfo(m.get("model_source"), m.get("model_name"), m.get("corpus_spec"), w,
                Integer.parseInt(m.get("layers")), Integer.parseInt(m.get("d_mlp")), Long.parseLong(m.get("tokens")),
                Long.parseLong(m.get("windows")), Boolean.parseBoolean(m.get("include_special")),
                Integer.parseInt(m.get("top_k")), true);
    }

    public Path dir() {
        return dir;
    }

    public IndexInfo info() {
        return info;
    }

    /** The corpus report and other build facts recorded in the index, for display. */
    public synchronized Map<String, String> metadata() {
        return store.meta();
    }

    /**
     * Throws a clear message when the model is not the one the index was built with (callers that
     * combine index numbers with a loaded model, e.g. mean ablation, check this first).
     */
    public void requireModel(String source, String name, int layers, int dMlp) {
        if (!builtWith(source, name, layers, dMlp)) {
            throw new IndexException("the index in " + dir + " was built with model '" + info.modelSource() + "' ("
                    + info.modelName() + ", " + info.layers() + " layers x " + info.dMlp() + " neurons), not '" + source
                    + "' (" + name + ", " + layers + " x " + dMlp + "): load that model or build an index for this one");
        }
    }

    /** Whether this index was built with the model so described (see {@link #requireModel}). */
    public boolean builtWith(String source, String name, int layers, int dMlp) {
        return info.modelSource().equals(source) && info.modelName().equals(name) && info.layers() == layers
                && info.dMlp() == dMlp;
    }

    public NeuronStats stats(int layer, int neuron) {
        return neurons.stats(neurons.flat(layer, neuron));
    }

    public boolean isDead(int layer, int neuron) {
        return neurons.dead(neurons.flat(layer, neuron));
    }

    /** Every neuron's mean activation in one layer, for mean ablation. */
    public float[] neuronMeans(int layer) {
        return neurons.means(layer);
    }

    /**
     * The means of every layer that holds one of {@code neurons}, for mean ablation with this
     * model, after checking that the index was built from the same model (the one place the CLI
     * and the app read ablation means from an index).
     */
    public Map<Integer, float[]> layerMeans(ModelRunner runner, Collection<MlpNeuron> neurons) {
        ModelConfig c = runner.config();
        requireModel(runner.source(), c.name(), c.layers(), c.dMlp());
        Map<Integer, float[]> out = new TreeMap<>();
        for (MlpNeuron n : neurons) {
            n.checkedAgainst(c);
            out.computeIfAbsent(n.layer(), this::neuronMeans);
        }
        return out;
    }

    public List<NeuronSummary> neurons(OptionalInt layer, NeuronSort sort, int limit) {
        return neurons.summaries(layer, sort, limit);
    }

    /** Whether the index holds activation histograms (indexes built before they were kept do not). */
    public boolean hasHistograms() {
        return histogram != null;
    }

    /**
     * One neuron's activation histogram over every counted token, or empty for an index built
     * before histograms were kept (rebuild it to get them).
     */
    public Optional<NeuronHistogram> histogram(int layer, int neuron) {
        int n = neurons.flat(layer, neuron);
        if (histogram == null) {
            return Optional.empty();
        }
        SafetensorsIn.Tensor t = histogram.tensor("counts");
        long[] counts = new long[ActivationHistogram.BINS];
        for (int b = 0; b < counts.length; b++) {
            counts[b] = t.i64(n * counts.length + b);
        }
        return Optional.of(new NeuronHistogram(ActivationHistogram.edges(), counts));
    }

    public synchronized List<Excerpt> topExcerpts(int layer, int neuron, int k) {
        neurons.flat(layer, neuron);
        List<Excerpt> out = new ArrayList<>();
        store.query(Schema.SELECT_TOP_EXCERPTS, rs -> out.add(new Excerpt(
                        rs.getInt(1), rs.getDouble(2), rs.getString(3), rs.getInt(4), rs.getString(5),
                        SecondPassWriter.tokens(rs.getString(6), SecondPassWriter.floats(rs.getArray(7))))),
                layer, neuron, k);
        return out;
    }

    public synchronized List<QuantileSample> quantileSamples(int layer, int neuron) {
        neurons.flat(layer, neuron);
        List<QuantileSample> out = new ArrayList<>();
        store.query(Schema.SELECT_QUANTILE_SAMPLES, rs -> out.add(new QuantileSample(
                        rs.getInt(1), rs.getDouble(2), rs.getDouble(3), new Excerpt(rs.getInt(4), rs.getDouble(5),
                        rs.getString(6), rs.getInt(7), rs.getString(8),
                        SecondPassWriter.tokens(rs.getString(9), SecondPassWriter.floats(rs.getArray(10)))))),
                layer, neuron);
        return out;
    }

    /**
     * NeuroX get_top_words: per token type the mean over its occurrences of |a - mean| / std (the
     * neuron's corpus mean and population std), divided by the largest such value, kept if above
     * {@code minThreshold}, best first (ties by token id), the first {@code numTokens} (0 = all).
     */
    public List<TokenScore> topWords(int layer, int neuron, int numTokens, double minThreshold) {
        int n = neurons.flat(layer, neuron);
        SafetensorsIn.Tensor t = topWords.tensor("mean_abs_z");
        double max = 0;
        for (int r = 0; r < t.rows(); r++) {
            max = Math.max(max, t.f32(r, n));
        }
        List<TokenScore> out = new ArrayList<>();
        for (int r = 0; r < t.rows(); r++) {
            double score = max > 0 ? t.f32(r, n) / max : 0;
            if (score > minThreshold) {
                out.add(new TokenScore(tokens[r], tokenIds[r], score, tokenCounts[r]));
            }
        }
        return best(out, numTokens);
    }

    /** The token types with the highest mean activation of one neuron (activation map column). */
    public List<TokenScore> amapTopTokens(int layer, int neuron, int n) {
        int flat = neurons.flat(layer, neuron);
        SafetensorsIn.Tensor t = amap.tensor("token_means");
        List<TokenScore> out = new ArrayList<>(t.rows());
        for (int r = 0; r < t.rows(); r++) {
            out.add(new TokenScore(tokens[r], tokenIds[r], t.f32(r, flat), tokenCounts[r]));
        }
        return best(out, n);
    }

    /** The neurons with the highest mean activation on one token type (activation map row). */
    public List<NeuronScore> amapTopNeurons(String token, int n) {
        Integer row = rowByToken.get(token);
        if (row == null) {
            row = rowByToken.get(token.toLowerCase(Locale.ROOT));
        }
        if (row == null) {
            throw new IndexException("token '" + token + "' does not occur in the indexed corpus as one vocabulary token"
                    + " (" + tokens.length + " token types were seen)");
        }
        SafetensorsIn.Tensor t = amap.tensor("token_means");
        List<NeuronScore> out = new ArrayList<>(t.cols());
        for (int c = 0; c < t.cols(); c++) {
            out.add(new NeuronScore(c / info.dMlp(), c % info.dMlp(), t.f32(row, c)));
        }
        out.sort(Comparator.comparingDouble(NeuronScore::score).reversed());
        return List.copyOf(out.subList(0, Math.min(Math.max(n, 0), out.size())));
    }

    /** The activation-map row of a token id, or -1 when the corpus never showed that token. */
    public int amapRow(int tokenId) {
        Integer row = rowByTokenId.get(tokenId);
        return row == null ? -1 : row;
    }

    /** How often the token type of an activation-map row was counted. */
    public long amapRowCount(int row) {
        return tokenCounts[row];
    }

    /** One layer's part of an activation-map row: each neuron's mean activation on that token type. */
    public float[] amapRowValues(int row, int layer) {
        if (layer < 0 || layer >= info.layers()) {
            throw new IndexException("layer " + layer + " is out of range: the index has layers 0.." + (info.layers() - 1));
        }
        SafetensorsIn.Tensor t = amap.tensor("token_means");
        float[] out = new float[info.dMlp()];
        int base = layer * info.dMlp();
        for (int n = 0; n < out.length; n++) {
            out[n] = t.f32(row, base + n);
        }
        return out;
    }

    /** Token count of one type in the index (0 if never seen). */
    public long tokenCount(String token) {
        Integer row = rowByToken.get(token);
        return row == null ? 0 : tokenCounts[row];
    }

    private static List<TokenScore> best(List<TokenScore> scores, int limit) {
        scores.sort(Comparator.comparingDouble(TokenScore::score).reversed().thenComparingInt(TokenScore::tokenId));
        return List.copyOf(limit > 0 ? scores.subList(0, Math.min(limit, scores.size())) : scores);
    }

    @Override
    public synchronized void close() {
        store.close();
        try {
            amap.close();
            topWords.close();
            if (histogram != null) {
                histogram.close();
            }
        } catch (IOException e) {
            // Read-only mappings: nothing to lose.
        }
    }
}
