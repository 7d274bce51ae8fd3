package org.neuronworkbench.index;

import org.neuronworkbench.corpus.CorpusList;

import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.neuronworkbench.corpus.Corpora;
import org.neuronworkbench.corpus.CorpusReader;
import org.neuronworkbench.corpus.Window;
import org.neuronworkbench.corpus.Windower;
import org.neuronworkbench.model.ModelConfig;
import org.neuronworkbench.model.ModelRunner;
import org.neuronworkbench.work.Cancel;

/**
 * The two passes of a build run over one {@link IndexShard}, giving parts with an associative
 * {@code merge}: merging the parts of all shards, in any grouping, gives the aggregates of the
 * single-process build (see {@link FirstPass#merge} and {@link SecondPass#merge}). Used by
 * {@code index --workers} and by the Spark job; {@link PartsBuild} writes the merged parts.
 */
public final class IndexParts {
    private IndexParts() {
    }

    /** Pass 1 aggregates of some windows, and how many of them the model truncated. */
    public static final class PassOne implements Serializable {
        private static final long serialVersionUID = 1L;
        final FirstPass pass;
        long truncated;

        PassOne(FirstPass pass) {
            this.pass = pass;
        }

        /** Folds {@code other} into this part and returns this part. */
        public PassOne merge(PassOne other) {
            pass.merge(other.pass);
            truncated += other.truncated;
            return this;
        }

        public long tokens() {
            return pass.tokens;
        }

        /**
         * The activation-map rows of this part, one per token type seen: (token id, count, sums over
         * every neuron), so a cluster can reduce them by token type instead of shipping a
         * vocabulary x neurons matrix with every part (see {@link #clearTokenRows}).
         */
        public void forEachTokenRow(TokenRowSink sink) {
            TokenRows rows = pass.amap;
            for (int id : rows.seenKeys()) {
                sink.accept(id, rows.count(id), rows.row(id));
            }
        }

        /** Drops the activation-map rows (after they went their own way), keeping the rest of the part. */
        public PassOne clearTokenRows() {
            pass.amap.clear();
            return this;
        }

        /** Adds activation-map rows (as drained from parts) back into this part. */
        public void addTokenRow(int tokenId, long count, double[] sums) {
            pass.amap.add(tokenId, count, sums);
        }
    }

    /** Pass 2 |z| sums per token type and the per-token activations of the chosen windows. */
    public static final class PassTwo implements Serializable {
        private static final long serialVersionUID = 1L;
        final SecondPass pass;

        PassTwo(SecondPass pass) {
            this.pass = pass;
        }

        public PassTwo merge(PassTwo other) {
            pass.merge(other.pass);
            return this;
        }

        /** The |z| rows, as {@link PassOne#forEachTokenRow} gives the activation map's. */
        public void forEachTokenRow(TokenRowSink sink) {
            TokenRows rows = pass.zSums;
            for (int id : rows.seenKeys()) {
                sink.accept(id, rows.count(id), rows.row(id));
            }
        }

        public PassTwo clearTokenRows() {
            pass.zSums.clear();
            return this;
        }

        public void addTokenRow(int tokenId, long count, double[] sums) {
            pass.zSums.add(tokenId, count, sums);
        }
    }

    /** Receives one token type's row: its count and its sums over every neuron. */
    @FunctionalInterface
    public interface TokenRowSink {
        void accept(int tokenId, long count, double[] sums);
    }

    /** What pass 2 needs from pass 1: every neuron's mean and std and the windows to capture. */
    public record PassTwoInputs(double[] mean, double[] std, Map<Long, List<SecondPass.Want>> wanted)
            implements Serializable {
    }

    /** An empty pass 1 part for the model, to merge parts into. */
    public static PassOne emptyPassOne(ModelConfig c, IndexOptions o) {
        return new PassOne(new FirstPass(c.layers(), c.dMlp(), c.vocabSize(), c.maxPositions(), o.topK()));
    }

    public static PassTwo emptyPassTwo(ModelConfig c, PassTwoInputs in) {
        return new PassTwo(new SecondPass(c.layers(), c.dMlp(), c.vocabSize(), in.mean(), in.std(), Map.of()));
    }

    /** Pass 1 over the shard's windows of one local corpus. */
    public static PassOne passOne(ModelRunner runner, String corpusSpec, IndexOptions o, IndexShard shard, Cancel cancel) {
        return passOne(runner, CorpusList.local(corpusSpec), o, shard, cancel);
    }

    public static PassTwo passTwo(ModelRunner runner, String corpusSpec, IndexOptions o, IndexShard shard,
                                  PassTwoInputs in, Cancel cancel) {
        return passTwo(runner, CorpusList.local(corpusSpec), o, shard, in, cancel);
    }

    /** Pass 1 over the shard's windows. */
    public static PassOne passOne(ModelRunner runner, CorpusList corpus, IndexOptions o, IndexShard shard, Cancel cancel) {
        return passOne(runner, corpus, o, shard, cancel, Long.MAX_VALUE);
    }

    /**
     * Pass 1 over the shard's windows, refusing to hold more than {@code maxRowBytes} of
     * activation-map rows: a part's memory grows with the token types its windows hold (one row
     * of every neuron per type), so a worker with too little memory fails with the numbers and the
     * remedy (smaller shards) instead of running out of memory.
     */
    public static PassOne passOne(ModelRunner runner, CorpusList corpus, IndexOptions o, IndexShard shard, Cancel cancel,
                                  long maxRowBytes) {
        PassOne part = emptyPassOne(runner.config(), o);
        stream(runner, corpus, o, shard, cancel, fb -> {
            part.pass.add(fb, cancel);
            part.truncated += fb.truncated;
            long rows = part.pass.amap.seenCount() + part.pass.positions.seenCount();
            long bytes = rows * part.pass.neurons * 8L;
            if (bytes > maxRowBytes) {
                throw new PartTooLargeException(shard, rows, bytes, maxRowBytes);
            }
        });
        return part;
    }

    /** A shard whose part would not fit the memory a worker allows for it. */
    public static final class PartTooLargeException extends IndexException {
        PartTooLargeException(IndexShard shard, long rows, long bytes, long limit) {
            super("part " + shard.number() + " (windows " + shard.firstWindow() + " to " + shard.endWindow()
                    + ") reached " + rows + " activation-map rows, " + (bytes >> 20) + " MiB, more than the "
                    + (limit >> 20) + " MiB a worker allows for one part: raise the number of partitions so each"
                    + " holds fewer windows and token types, or give the executors more memory", null);
        }
    }

    /** Pass 2 over the shard's windows. */
    public static PassTwo passTwo(ModelRunner runner, CorpusList corpus, IndexOptions o, IndexShard shard,
                                  PassTwoInputs in, Cancel cancel) {
        ModelConfig c = runner.config();
        SecondPass sp = new SecondPass(c.layers(), c.dMlp(), c.vocabSize(), in.mean(), in.std(), in.wanted());
        stream(runner, corpus, o, shard, cancel, fb -> sp.add(fb, cancel));
        return new PassTwo(sp);
    }

    /** The shard's windows in whole batches of the corpus, run as the single process runs them. */
    private static void stream(ModelRunner runner, CorpusList corpus, IndexOptions o, IndexShard shard, Cancel cancel,
                               Consumer<ForwardBatch> fold) {
        if (shard.firstWindow() % o.batchSize() != 0) {
            throw new IllegalArgumentException("shard " + shard.number() + " does not start on a batch boundary");
        }
        try (CorpusReader reader = Corpora.open(corpus, o.corpus())) {
            Windower w = CorpusWindows.openAt(reader, CorpusWindows.splitterFor(runner.tokenizer()), o,
                    shard.documentsBefore(), shard.windowInDocument());
            long seq = shard.firstWindow();
            while (seq < shard.endWindow()) {
                if (cancel.isCancelled()) {
                    throw new ForwardBatch.Cancelled();
                }
                List<Window> batch = CorpusWindows.nextBatch(w, (int) Math.min(o.batchSize(), shard.endWindow() - seq));
                if (batch.isEmpty()) {
                    throw new IndexException("the corpus " + corpus.display() + " ended at window " + seq + " of shard "
                            + shard.number() + ", which should reach " + shard.endWindow() + ": it changed since it was counted");
                }
                ForwardBatch.runSorted(runner, batch, seq, o.includeSpecial(), cancel, fold);
                seq += batch.size();
            }
        }
    }

    /** Whole batches of the counted corpus cut into at most {@code shards} runs of about equal length. */
    static List<IndexShard> plan(CorpusWindows.Count count, IndexOptions o, int shards) {
        if (shards < 1) {
            throw new IllegalArgumentException("at least one shard is needed (got " + shards + ")");
        }
        CorpusWindows.BatchStarts starts = count.starts();
        int batches = starts.batches();
        int perShard = Math.max(1, (batches + shards - 1) / shards);
        List<IndexShard> out = new java.util.ArrayList<>();
        for (int b = 0, i = 0; b < batches; b += perShard, i++) {
            long first = (long) b * o.batchSize();
            long end = Math.min(count.windows(), (long) Math.min(batches, b + perShard) * o.batchSize());
            out.add(new IndexShard(i, first, end, starts.documentsBefore()[b], starts.windowInDocument()[b]));
        }
        return out;
    }
}
