package org.neuronworkbench.index;

import org.neuronworkbench.corpus.CorpusList;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.LongFunction;
import org.neuronworkbench.corpus.Corpora;
import org.neuronworkbench.corpus.CorpusReader;
import org.neuronworkbench.corpus.Window;
import org.neuronworkbench.corpus.Windower;
import org.neuronworkbench.model.ModelConfig;
import org.neuronworkbench.model.ModelRunner;
import org.neuronworkbench.work.Cancel;
import org.neuronworkbench.work.Progress;

/** One execution of a build: resumes at the recorded phase and window, runs to the end or a cancel. */
final class BuildRun {
    private final ModelRunner runner;
    private final CorpusList corpus;
    private final IndexOptions options;
    private final IndexStore store;
    private final CorpusWindows.Count count;
    private final Progress listener;
    private final Cancel cancel;
    private final long startNanos = System.nanoTime();
    private long resumedFrom;
    private long tokensThisRun;
    private long workDoneAtStart = -1;
    private IndexStore.Progress last;
    private long lastCheckpointEnd = System.nanoTime();
    private long lastCheckpointNanos;

    BuildRun(ModelRunner runner, CorpusList corpus, IndexOptions options, IndexStore store,
             CorpusWindows.Count count, Progress listener, Cancel cancel) {
        this.runner = runner;
        this.corpus = corpus;
        this.options = options;
        this.store = store;
        this.count = count;
        this.listener = listener;
        this.cancel = cancel;
    }

    IndexBuildResult execute() {
        last = store.progress();
        resumedFrom = last.phase() == 1 ? last.windowsDone() : count.windows() + last.windowsDone();
        if (last.phase() == 1) {
            firstPass();
        }
        if (last.phase() == 2) {
            secondPass();
        }
        return result(false);
    }

    IndexBuildResult cancelledResult() {
        return result(true);
    }

    private IndexBuildResult result(boolean cancelled) {
        return new IndexBuildResult(store.dir(), count.windows(), last.tokens(), count.documentsWithoutTokens(),
                last.truncated(), resumedFrom, cancelled, count.report());
    }

    private void firstPass() {
        ModelConfig c = runner.config();
        FirstPass fp = new FirstPass(c.layers(), c.dMlp(), c.vocabSize(), c.maxPositions(), options.topK());
        if (last.windowsDone() > 0) {
            fp.load(store.loadState());
            store.loadRows("amap", fp.amap);
            store.loadRows("pos", fp.positions);
        }
        long[] truncated = {last.truncated()};
        stream(1, fb -> {
            fp.add(fb, cancel);
            truncated[0] += fb.truncated;
        }, seq -> {
            IndexStore.Progress p = new IndexStore.Progress(1, seq, fp.tokens, truncated[0]);
            store.inTransaction(conn -> {
                IndexStore.saveState(conn, fp.state(), Map.of("amap", fp.amap, "pos", fp.positions));
                IndexStore.setProgress(conn, p);
            });
            fp.amap.clearDirty();
            fp.positions.clearDirty();
            return p;
        });
        committed(FirstPassWriter.complete(store, fp, truncated[0], runner.tokenizer(), options, this::checkCancel));
    }

    private void secondPass() {
        ModelConfig c = runner.config();
        double[][] ms = SecondPassWriter.meansAndStds(store, c);
        SecondPass sp = new SecondPass(c.layers(), c.dMlp(), c.vocabSize(), ms[0], ms[1],
                SecondPassWriter.wanted(store, c.dMlp()));
        if (last.windowsDone() > 0) {
            store.loadRows("z", sp.zSums);
        }
        SecondPassWriter.dropUncommitted(store, last.windowsDone());
        // Pass-2 checkpoints cost something else than pass-1 ones; a short pass 2 must not go
        // without any checkpoint because pass 1's were slow.
        lastCheckpointNanos = 0;
        stream(2, fb -> sp.add(fb, cancel), seq -> {
            IndexStore.Progress p = new IndexStore.Progress(2, seq, last.tokens(), last.truncated());
            appendPending(sp);
            store.inTransaction(conn -> {
                IndexStore.saveState(conn, Map.of(), Map.of("z", sp.zSums));
                IndexStore.setProgress(conn, p);
            });
            sp.zSums.clearDirty();
            sp.clearPending();
            return p;
        });
        finish(sp);
    }

    /**
     * Runs the corpus from the recorded window through the model, batch by batch: {@code fold} takes
     * each forward's activations, and between batches, when due, {@code checkpoint} saves the state
     * for the given number of windows done and returns the progress it committed.
     */
    private void stream(int pass, Consumer<ForwardBatch> fold, LongFunction<IndexStore.Progress> checkpoint) {
        try (CorpusReader reader = Corpora.open(corpus, options.corpus())) {
            Windower w = skipTo(reader, last.windowsDone());
            long seq = last.windowsDone();
            int batches = 0;
            while (w.hasNext()) {
                checkCancel();
                List<Window> batch = CorpusWindows.nextBatch(w, options.batchSize());
                long batchStart = seq;
                long[] windowsRun = {0};
                ForwardBatch.runSorted(runner, batch, seq, options.includeSpecial(), cancel, fb -> {
                    fold.accept(fb);
                    tokensThisRun += fb.countedTokens();
                    windowsRun[0] += fb.windows.size();
                    report(pass, batchStart + windowsRun[0]);
                });
                seq += batch.size();
                if (++batches >= options.checkpointEvery() && checkpointDue() && w.hasNext()) {
                    batches = 0;
                    long t0 = System.nanoTime();
                    committed(checkpoint.apply(seq), t0);
                }
            }
        }
    }

    private void finish(SecondPass sp) {
        IndexStore.Progress p = SecondPassWriter.complete(store, sp, count, last);
        committed(p);
        sp.clearPending();
        store.execute(Schema.CHECKPOINT);
        // The matrices already sit in the index folder; the export folder gets the Parquet tables.
        IndexExport.export(store, store.dir().resolve(IndexExport.EXPORT_DIR), false);
    }

    private void appendPending(SecondPass sp) {
        try {
            SecondPassWriter.appendPending(store.connection(), sp);
        } catch (java.sql.SQLException e) {
            throw new IndexException("could not write excerpts to " + store.dir() + ": " + e.getMessage(), e);
        }
    }

    private void committed(IndexStore.Progress p) {
        last = p;
        store.writeProgressFile(p);
    }

    /** Records when a checkpoint ended and how long it took, for {@link #checkpointDue}. */
    private void committed(IndexStore.Progress p, long startedNanos) {
        committed(p);
        lastCheckpointEnd = System.nanoTime();
        lastCheckpointNanos = lastCheckpointEnd - startedNanos;
    }

    /**
     * Keeps checkpoints to about a twentieth of the time: a checkpoint's cost grows with the token
     * types touched since the last one, which is large for short windows. When checkpoints happen
     * does not change the result (only batch boundaries do), so this is safe for resume.
     */
    private boolean checkpointDue() {
        return System.nanoTime() - lastCheckpointEnd >= 20 * lastCheckpointNanos;
    }

    private Windower skipTo(CorpusReader reader, long windows) {
        Windower w = new Windower(reader, CorpusWindows.splitterFor(runner.tokenizer()), options.window());
        for (long i = 0; i < windows; i++) {
            if (!w.hasNext()) {
                throw new IndexException("the corpus now has fewer windows than the checkpoint covers: it changed since the build started");
            }
            w.next();
            if ((i & 255) == 0) {
                checkCancel();
            }
        }
        return w;
    }

    private void checkCancel() {
        if (cancel.isCancelled()) {
            throw new ForwardBatch.Cancelled();
        }
    }

    private void report(int pass, long windowsDone) {
        long total = count.windows();
        long workDone = (pass - 1) * total + windowsDone;
        if (workDoneAtStart < 0) {
            workDoneAtStart = resumedFrom;
        }
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        double windowsPerSecond = (workDone - workDoneAtStart) / Math.max(seconds, 1e-9);
        double eta = windowsPerSecond > 0 ? (2 * total - workDone) / windowsPerSecond : Double.NaN;
        listener.report(new IndexProgress(pass, windowsDone, total, tokensThisRun, tokensThisRun / Math.max(seconds, 1e-9),
                eta).step());
    }
}
