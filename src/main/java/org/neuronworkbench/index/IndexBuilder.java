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
import java.util.Objects;
import java.util.stream.Stream;
import org.neuronworkbench.corpus.Corpora;
import org.neuronworkbench.corpus.CorpusReader;
import org.neuronworkbench.corpus.CorpusReport;
import org.neuronworkbench.corpus.Span;
import org.neuronworkbench.corpus.TokenSplitter;
import org.neuronworkbench.corpus.Window;
import org.neuronworkbench.corpus.Windower;
import org.neuronworkbench.model.ModelRunner;
import org.neuronworkbench.model.Token;
import org.neuronworkbench.model.tokenizer.Tokenizer;

/**
 * Builds (or resumes) a corpus index in a folder, in two streaming passes over the corpus:
 * pass 1 gathers statistics, top windows, window samples and the activation map; pass 2 (which
 * needs each neuron's mean and std) gathers exact NeuroX top-word scores and the per-token
 * activations of the chosen windows. Checkpoints go into the index database every few batches.
 * A fresh folder is deleted if the build fails; a cancelled or killed build resumes.
 */
public final class IndexBuilder {
    private final IndexOptions options;

    public IndexBuilder(IndexOptions options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    /** Content-token spans of a text, for windowing (special tokens are added when a window runs). */
    public static TokenSplitter splitterFor(ModelRunner runner) {
        return splitterFor(runner.tokenizer());
    }

    /** The same for a tokenizer alone. */
    public static TokenSplitter splitterFor(Tokenizer tok) {
        return text -> {
            List<Span> spans = new ArrayList<>();
            for (Token t : tok.encode(text, Integer.MAX_VALUE).tokens()) {
                if (!t.special()) {
                    spans.add(new Span(t.start(), t.end()));
                }
            }
            return spans;
        };
    }

    /** How many special tokens the model adds to one text ([CLS] + [SEP] for BERT). */
    public static int specialTokenCount(ModelRunner runner) {
        return (int) runner.tokenizer().encode("a", Integer.MAX_VALUE).tokens().stream().filter(Token::special).count();
    }

    public IndexBuildResult build(ModelRunner runner, String corpusSpec, Path outDir,
                                  IndexProgressListener listener, CancelToken cancel) {
        Objects.requireNonNull(outDir, "output folder");
        IndexProgressListener progress = listener == null ? IndexProgressListener.NONE : listener;
        CancelToken cancelToken = cancel == null ? CancelToken.none() : cancel;
        // The folder check comes first: it needs no tokenizer and gives the clearest message.
        Map<String, String> identity = IndexIdentity.of(runner, corpusSpec, options);
        boolean resuming = checkExisting(outDir, identity);
        int room = runner.config().maxPositions() - specialTokenCount(runner);
        if (options.window().size() > room) {
            throw new IllegalArgumentException("windows of " + options.window().size() + " tokens do not fit the model: it has "
                    + runner.config().maxPositions() + " positions and adds " + specialTokenCount(runner)
                    + " special tokens, so use at most " + room + " tokens per window");
        }
        CorpusCount count = CorpusCount.of(corpusSpec, options, splitterFor(runner), cancelToken, progress);
        if (count.cancelled()) {
            return new IndexBuildResult(outDir, 0, 0, 0, 0, 0, true, count.report());
        }
        if (count.windows() == 0) {
            throw new IndexException("corpus " + corpusSpec + " has no tokens to index (" + count.report().summary() + ")");
        }
        boolean createdDir = !Files.exists(outDir);
        IndexStore store;
        if (resuming) {
            store = IndexStore.open(outDir, false);
        } else {
            try {
                Files.createDirectories(outDir);
            } catch (IOException e) {
                throw new IndexException("could not create index folder " + outDir + ": " + e.getMessage(), e);
            }
            store = IndexStore.create(outDir, identity);
        }
        BuildRun run = new BuildRun(runner, corpusSpec, options, store, count, progress, cancelToken);
        try (store) {
            return run.execute();
        } catch (ForwardBatch.Cancelled c) {
            return run.cancelledResult();
        } catch (RuntimeException e) {
            if (!resuming) {
                store.close();
                deleteWritten(outDir, createdDir);
            }
            throw e;
        }
    }

    /** True if the folder holds an unfinished index of the same identity; throws if it holds anything else. */
    private static boolean checkExisting(Path outDir, Map<String, String> identity) {
        if (IndexStore.exists(outDir)) {
            Map<String, String> recorded;
            try (IndexStore store = IndexStore.open(outDir, true)) {
                recorded = store.meta();
            }
            List<String> diff = IndexIdentity.differences(recorded, identity);
            if (!diff.isEmpty()) {
                throw new IndexException(outDir + " holds an index of " + IndexIdentity.describe(recorded)
                        + " that does not match this build (" + String.join("; ", diff)
                        + "): choose another output folder, or delete it to start over");
            }
            if ("true".equals(recorded.get("complete"))) {
                throw new IndexException(outDir + " already holds a finished index of " + IndexIdentity.describe(recorded)
                        + "; choose another output folder, or delete it to rebuild");
            }
            return true;
        }
        if (Files.isRegularFile(outDir)) {
            throw new IndexException(outDir + " is a file, not a folder");
        }
        if (Files.isDirectory(outDir)) {
            try (Stream<Path> entries = Files.list(outDir)) {
                if (entries.findAny().isPresent()) {
                    throw new IndexException(outDir + " is not empty and is not an index; refusing to write into it");
                }
            } catch (IOException e) {
                throw new IndexException("could not read " + outDir + ": " + e.getMessage(), e);
            }
        }
        return false;
    }

    private static void deleteWritten(Path dir, boolean deleteDir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
                if (deleteDir || !p.equals(dir)) {
                    Files.deleteIfExists(p);
                }
            }
        } catch (IOException e) {
            // Best effort: the folder is not marked complete, so it can never be opened as an index.
        }
    }

    /**
     * A first streaming pass that only tokenizes: totals for progress, and bad input fails before
     * anything is written. It reports as it goes (inside a long document too), with no total yet.
     */
    record CorpusCount(long windows, long documentsWithoutTokens, CorpusReport report, boolean cancelled) {
        static CorpusCount of(String spec, IndexOptions o, TokenSplitter splitter, CancelToken cancel,
                              IndexProgressListener listener) {
            try (CorpusReader reader = Corpora.open(spec, o.corpus())) {
                long[] n = {0};
                Windower w = new Windower(reader, splitter, o.window(), step -> listener.onProgress(counting(n[0],
                        String.format(Locale.ROOT, "%s %.0f%% tokenized", step.detail(), 100 * step.fraction()))));
                while (w.hasNext()) {
                    w.next();
                    n[0]++;
                    if ((n[0] & 255) == 0 && cancel.isCancelled()) {
                        return new CorpusCount(n[0], w.documentsWithoutTokens(), reader.report(), true);
                    }
                    if ((n[0] & 16383) == 0) {
                        listener.onProgress(counting(n[0], reader.report().documents() + " documents read"));
                    }
                }
                return new CorpusCount(n[0], w.documentsWithoutTokens(), reader.report(), false);
            }
        }

        private static IndexProgress counting(long windows, String detail) {
            return new IndexProgress(1, 0, 0, 0, 0, Double.NaN, 0,
                    "counting windows: " + windows + " so far (" + detail + ")");
        }
    }

    /** Pulls the next batch of windows, at most {@code size}. */
    static List<Window> nextBatch(Windower w, int size) {
        List<Window> batch = new ArrayList<>(size);
        while (batch.size() < size && w.hasNext()) {
            batch.add(w.next());
        }
        return batch;
    }

    static Map<String, TokenRows> rows(String k1, TokenRows r1, String k2, TokenRows r2) {
        Map<String, TokenRows> m = new HashMap<>();
        m.put(k1, r1);
        m.put(k2, r2);
        return m;
    }
}
