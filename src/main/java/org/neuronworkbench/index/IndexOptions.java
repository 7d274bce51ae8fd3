package org.neuronworkbench.index;

import java.util.Objects;
import org.neuronworkbench.corpus.CorpusOptions;
import org.neuronworkbench.corpus.WindowOptions;

/**
 * How an index is built. Everything here except {@code checkpointEvery} is recorded in the index,
 * and resuming requires the same values (batch boundaries must match for a bit-identical result).
 *
 * @param window          how documents are cut into windows (token count excludes special tokens)
 * @param topK            excerpts kept per neuron
 * @param includeSpecial  rank, count and map special tokens ([CLS], [SEP], BOS/EOS) too
 * @param batchSize       windows read together, sorted by length and run as forwards of at most
 *                        {@code TokenBudgetBatches.BUDGET} padded tokens
 * @param checkpointEvery at least this many batches between checkpoints (more when checkpoints are slow:
 *                        they are kept to about a twentieth of the build time)
 * @param corpus          reader options (jsonl text field)
 * @param deadMax         a unit whose max is below this is dead
 * @param deadVariance    a unit whose variance is below this is dead
 */
public record IndexOptions(WindowOptions window, int topK, boolean includeSpecial, int batchSize,
                           int checkpointEvery, CorpusOptions corpus, double deadMax, double deadVariance)
        implements java.io.Serializable {
    public static final int DEFAULT_TOP_K = 20;
    /** Most excerpts an index keeps per neuron, so also the most {@code top} can show. */
    public static final int MAX_TOP_K = 1000;
    public static final int DEFAULT_BATCH = 512;
    public static final int DEFAULT_CHECKPOINT_EVERY = 4;

    public IndexOptions {
        Objects.requireNonNull(window, "window options");
        Objects.requireNonNull(corpus, "corpus options");
        if (topK < 1 || topK > MAX_TOP_K) {
            throw new IllegalArgumentException("top-k must be between 1 and " + MAX_TOP_K + " (got " + topK + ")");
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1 (got " + batchSize + ")");
        }
        if (checkpointEvery < 1) {
            throw new IllegalArgumentException("checkpoint interval must be at least 1 batch (got " + checkpointEvery + ")");
        }
    }

    /** 64-token windows, stride 64, top 20, specials left out, batches of 512 windows. */
    public static IndexOptions defaults() {
        return new IndexOptions(WindowOptions.tokens(64, 64), DEFAULT_TOP_K, false, DEFAULT_BATCH,
                DEFAULT_CHECKPOINT_EVERY, CorpusOptions.defaults(), 0.1, 1e-3);
    }

    public IndexOptions withWindow(WindowOptions w) {
        return new IndexOptions(w, topK, includeSpecial, batchSize, checkpointEvery, corpus, deadMax, deadVariance);
    }

    public IndexOptions withTopK(int k) {
        return new IndexOptions(window, k, includeSpecial, batchSize, checkpointEvery, corpus, deadMax, deadVariance);
    }

    public IndexOptions withIncludeSpecial(boolean include) {
        return new IndexOptions(window, topK, include, batchSize, checkpointEvery, corpus, deadMax, deadVariance);
    }

    public IndexOptions withBatchSize(int size) {
        return new IndexOptions(window, topK, includeSpecial, size, checkpointEvery, corpus, deadMax, deadVariance);
    }

    public IndexOptions withCheckpointEvery(int batches) {
        return new IndexOptions(window, topK, includeSpecial, batchSize, batches, corpus, deadMax, deadVariance);
    }

    public IndexOptions withCorpus(CorpusOptions c) {
        return new IndexOptions(window, topK, includeSpecial, batchSize, checkpointEvery, c, deadMax, deadVariance);
    }

    public IndexOptions withDeadThresholds(double max, double variance) {
        return new IndexOptions(window, topK, includeSpecial, batchSize, checkpointEvery, corpus, max, variance);
    }
}
