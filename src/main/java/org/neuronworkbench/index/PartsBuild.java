package org.neuronworkbench.index;

import org.neuronworkbench.corpus.CorpusList;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.neuronworkbench.model.ModelConfig;
import org.neuronworkbench.model.ModelRunner;
import org.neuronworkbench.work.Cancel;
import org.neuronworkbench.work.Progress;

/**
 * The coordinator's side of a build whose passes run elsewhere ({@code index --workers}, Spark):
 * it checks the folder and counts the corpus as {@link IndexBuilder} does, cuts the corpus into
 * {@link IndexShard}s, and writes the merged parts into the same index folder through the same
 * writers, so the desktop opens the result like any other index. Resumes at pass granularity:
 * a folder whose pass 1 is written goes straight to pass 2.
 */
public final class PartsBuild implements AutoCloseable {
    private final ModelRunner runner;
    private final IndexOptions options;
    private final IndexStore store;
    private final CorpusWindows.Count count;
    private final boolean resuming;
    private final boolean createdDir;
    private IndexStore.Progress last;

    private PartsBuild(ModelRunner runner, IndexOptions options, IndexStore store, CorpusWindows.Count count,
                       boolean resuming, boolean createdDir) {
        this.runner = runner;
        this.options = options;
        this.store = store;
        this.count = count;
        this.resuming = resuming;
        this.createdDir = createdDir;
        this.last = store.progress();
    }

    /**
     * Checks the output folder (a finished index or another index there is refused, an unfinished
     * one with the same settings is resumed), the window size, and counts the corpus.
     *
     * @return null if the count was cancelled
     */
    public static PartsBuild start(ModelRunner runner, String corpusSpec, IndexOptions options, Path outDir,
                                   Progress progress, Cancel cancel) {
        return start(runner, CorpusList.local(corpusSpec), options, outDir, progress, cancel);
    }

    /** As above, for corpora read one after another in the list's order. */
    public static PartsBuild start(ModelRunner runner, CorpusList corpus, IndexOptions options, Path outDir,
                                   Progress progress, Cancel cancel) {
        Objects.requireNonNull(outDir, "output folder");
        Map<String, String> identity = IndexIdentity.of(runner, corpus, options);
        boolean resuming = IndexBuilder.checkExisting(outDir, identity);
        IndexBuilder.checkWindowsFit(runner, options);
        CorpusWindows.Count count = CorpusWindows.Count.of(corpus, options, IndexBuilder.splitterFor(runner),
                cancel == null ? Cancel.NEVER : cancel, progress == null ? Progress.NONE : progress);
        if (count.cancelled()) {
            return null;
        }
        if (count.windows() == 0) {
            throw new IndexException("corpus " + corpus.display() + " has no tokens to index (" + count.report().summary() + ")");
        }
        boolean createdDir = !Files.exists(outDir);
        if (resuming) {
            return new PartsBuild(runner, options, IndexStore.open(outDir, false), count, true, false);
        }
        try {
            Files.createDirectories(outDir);
        } catch (IOException e) {
            throw new IndexException("could not create index folder " + outDir + ": " + e.getMessage(), e);
        }
        return new PartsBuild(runner, options, IndexStore.create(outDir, identity), count, false, createdDir);
    }

    public Path dir() {
        return store.dir();
    }

    public org.neuronworkbench.corpus.CorpusReport report() {
        return count.report();
    }

    public long windows() {
        return count.windows();
    }

    /** The corpus in at most {@code n} shards of whole batches, in corpus order. */
    public List<IndexShard> shards(int n) {
        return IndexParts.plan(count, options, n);
    }

    /** True once pass 1's results are in the folder (a resumed build then only runs pass 2). */
    public boolean passOneWritten() {
        return last.phase() >= 2;
    }

    /** Writes the merged pass 1 parts of every shard (neurons, excerpt choices, samples, activation map). */
    public IndexParts.PassTwoInputs writePassOne(IndexParts.PassOne merged, Cancel cancel) {
        if (passOneWritten()) {
            throw new IllegalStateException("pass 1 is already written in " + store.dir());
        }
        Cancel c = cancel == null ? Cancel.NEVER : cancel;
        committed(FirstPassWriter.complete(store, merged.pass, merged.truncated, runner.tokenizer(), options, () -> {
            if (c.isCancelled()) {
                throw new ForwardBatch.Cancelled();
            }
        }));
        return passTwoInputs();
    }

    /** Means, stds and wanted windows, read back from the written pass 1. */
    public IndexParts.PassTwoInputs passTwoInputs() {
        ModelConfig c = runner.config();
        double[][] ms = SecondPassWriter.meansAndStds(store, c);
        return new IndexParts.PassTwoInputs(ms[0], ms[1], SecondPassWriter.wanted(store, c.dMlp()));
    }

    /** Writes the merged pass 2 parts (top words, captured activations) and marks the index complete. */
    public IndexBuildResult finish(IndexParts.PassTwo merged) {
        SecondPass sp = merged.pass;
        // A single-process run may have left pass 2 captures in this folder before it was resumed here.
        SecondPassWriter.dropUncommitted(store, 0);
        IndexStore.Progress p = SecondPassWriter.complete(store, sp, count, last);
        committed(p);
        store.execute(Schema.CHECKPOINT);
        IndexExport.export(store, store.dir().resolve(IndexExport.EXPORT_DIR), false);
        return new IndexBuildResult(store.dir(), count.windows(), last.tokens(), count.documentsWithoutTokens(),
                last.truncated(), 0, false, count.report());
    }

    /**
     * After a failure: a folder this build created is removed, unless its pass 1 is written (the
     * costly half, kept so the same command resumes at pass 2); a resumed one is kept for the next try.
     */
    public void abandon() {
        store.close();
        if (!resuming && !passOneWritten()) {
            IndexBuilder.deleteWritten(store.dir(), createdDir);
        }
    }

    private void committed(IndexStore.Progress p) {
        last = p;
        store.writeProgressFile(p);
    }

    @Override
    public void close() {
        store.close();
    }
}
