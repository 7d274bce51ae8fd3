package org.neuronworkbench.index;

import org.neuronworkbench.corpus.CorpusList;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.neuronworkbench.corpus.TokenSplitter;
import org.neuronworkbench.corpus.WindowOptions;
import org.neuronworkbench.model.ModelRunner;
import org.neuronworkbench.model.Token;
import org.neuronworkbench.model.tokenizer.Tokenizer;
import org.neuronworkbench.work.Cancel;
import org.neuronworkbench.work.Progress;

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
        return CorpusWindows.splitterFor(runner.tokenizer());
    }

    /** The same for a tokenizer alone (tests and tools that window without a model). */
    public static TokenSplitter splitterFor(Tokenizer tok) {
        return CorpusWindows.splitterFor(tok);
    }

    /** The most tokens a window may hold: the model's positions less the special tokens it adds. */
    public static int windowRoom(ModelRunner runner) {
        return runner.config().maxPositions() - specialTokenCount(runner);
    }

    /** One window per example, as long as the model allows (what {@code index --sentences} asks for). */
    public static WindowOptions sentenceWindows(ModelRunner runner) {
        return WindowOptions.sentences(windowRoom(runner));
    }

    /** How many special tokens the model adds to one text ([CLS] + [SEP] for BERT). */
    public static int specialTokenCount(ModelRunner runner) {
        return (int) runner.tokenizer().encode("a", Integer.MAX_VALUE).tokens().stream().filter(Token::special).count();
    }

    /** One local corpus (a path or {@code wordnet}); see {@link #build(ModelRunner, CorpusList, Path, Progress, Cancel)}. */
    public IndexBuildResult build(ModelRunner runner, String corpusSpec, Path outDir, Progress listener, Cancel cancel) {
        return build(runner, CorpusList.local(corpusSpec), outDir, listener, cancel);
    }

    /** Builds (or resumes) the index of the corpora, read one after another in the list's order. */
    public IndexBuildResult build(ModelRunner runner, CorpusList corpus, Path outDir,
                                  Progress listener, Cancel cancel) {
        Objects.requireNonNull(outDir, "output folder");
        Progress progress = listener == null ? Progress.NONE : listener;
        Cancel cancelToken = cancel == null ? Cancel.NEVER : cancel;
        // The folder check comes first: it needs no tokenizer and gives the clearest message.
        Map<String, String> identity = IndexIdentity.of(runner, corpus, options);
        boolean resuming = checkExisting(outDir, identity);
        checkWindowsFit(runner, options);
        CorpusWindows.Count count = CorpusWindows.Count.of(corpus, options, splitterFor(runner), cancelToken, progress);
        if (count.cancelled()) {
            return new IndexBuildResult(outDir, 0, 0, 0, 0, 0, true, count.report());
        }
        if (count.windows() == 0) {
            throw new IndexException("corpus " + corpus.display() + " has no tokens to index (" + count.report().summary() + ")");
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
        BuildRun run = new BuildRun(runner, corpus, options, store, count, progress, cancelToken);
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

    static void checkWindowsFit(ModelRunner runner, IndexOptions options) {
        int room = windowRoom(runner);
        if (options.window().size() > room) {
            throw new IllegalArgumentException("windows of " + options.window().size() + " tokens do not fit the model: it has "
                    + runner.config().maxPositions() + " positions and adds " + specialTokenCount(runner)
                    + " special tokens, so use at most " + room + " tokens per window");
        }
    }

    /** True if the folder holds an unfinished index of the same identity; throws if it holds anything else. */
    static boolean checkExisting(Path outDir, Map<String, String> identity) {
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

    static void deleteWritten(Path dir, boolean deleteDir) {
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
}
