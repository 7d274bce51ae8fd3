package org.neuronworkbench.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.neuronworkbench.corpus.CorpusList;
import org.neuronworkbench.corpus.CorpusOptions;
import org.neuronworkbench.corpus.CorpusReport;
import org.neuronworkbench.corpus.WindowOptions;
import org.neuronworkbench.index.IndexBuildResult;
import org.neuronworkbench.index.IndexBuilder;
import org.neuronworkbench.index.IndexOptions;
import org.neuronworkbench.index.WorkerBuild;
import org.neuronworkbench.model.ModelRunner;
import org.neuronworkbench.work.Cancel;
import org.neuronworkbench.work.Step;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code index}: build (or resume) a corpus index. */
@Command(name = "index", mixinStandardHelpOptions = true,
        description = "Index a corpus: top excerpts, statistics, activation map and top words for every MLP neuron."
                + " Resumes if --out holds an unfinished index with the same settings.")
public final class IndexCommand implements Callable<Integer> {
    @Mixin
    ModelOption model;

    @Option(names = "--corpus", required = true, paramLabel = "PATH|wordnet",
            description = {"A .txt file (one example per line), a .jsonl file, a folder of .txt files, or 'wordnet'.",
                    "Repeat the option for several corpora, indexed as one, in the order given."})
    List<String> corpora;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Index folder to write.")
    Path out;

    @Option(names = "--window", defaultValue = "64", description = "Tokens per window (default ${DEFAULT-VALUE}).")
    int window;

    @Option(names = "--stride", description = "Tokens between window starts (default: the window size).")
    Integer stride;

    @Option(names = "--sentences", description = "One window per example (split when longer than the model allows).")
    boolean sentences;

    @Option(names = "--top-k", defaultValue = "20", description = "Excerpts kept per neuron (default ${DEFAULT-VALUE}).")
    int topK;

    @Option(names = "--include-special", description = "Count [CLS]/[SEP]/BOS/EOS tokens in rankings, statistics and the map.")
    boolean includeSpecial;

    @Option(names = "--field", defaultValue = CorpusOptions.DEFAULT_TEXT_FIELD, description = "Text field of .jsonl lines.")
    String field;

    @Option(names = "--batch", defaultValue = "" + IndexOptions.DEFAULT_BATCH,
            description = "Windows read at a time; they are sorted by length and run in forwards of similar length (default ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--checkpoint-every", defaultValue = "" + IndexOptions.DEFAULT_CHECKPOINT_EVERY,
            description = "Batches between checkpoints, at least (default ${DEFAULT-VALUE}; slow checkpoints are spaced further apart).")
    int checkpointEvery;

    @Option(names = "--workers", defaultValue = "1",
            description = "Worker processes, each with its own model, over shards of the corpus; their parts are merged"
                    + " into the same index (default ${DEFAULT-VALUE}: this process alone).")
    int workers;

    @Option(names = "--json", description = "Print the result as JSON on stdout (progress goes to stderr).")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        Limits.check("--workers", workers, 1, WorkerBuild.MAX_WORKERS);
        try (ModelRunner runner = model.load()) {
            WindowOptions windows = sentences
                    ? IndexBuilder.sentenceWindows(runner)
                    : WindowOptions.tokens(window, stride == null ? window : stride);
            IndexOptions options = IndexOptions.defaults().withWindow(windows).withTopK(topK)
                    .withIncludeSpecial(includeSpecial).withBatchSize(batch).withCheckpointEvery(checkpointEvery)
                    .withCorpus(new CorpusOptions(field));
            long[] lastPrint = {0};
            org.neuronworkbench.work.Progress progress = step -> {
                long now = System.nanoTime();
                if (now - lastPrint[0] > 1_000_000_000L || step.fraction() >= 1) {
                    lastPrint[0] = now;
                    err.println(progressLine(step));
                    err.flush();
                }
            };
            IndexBuildResult r = workers > 1
                    ? WorkerBuild.build(runner, CorpusList.local(corpora), options, out, workers, progress, Cancel.NEVER)
                    : new IndexBuilder(options).build(runner, CorpusList.local(corpora), out, progress, Cancel.NEVER);
            CorpusReport report = r.corpusReport();
            err.println(TerminalText.safe(report.summary()));
            if (r.truncatedWindows() > 0) {
                err.println("warning: " + r.truncatedWindows() + " windows had more tokens than the model's positions when"
                        + " run on their own and were truncated");
            }
            if (r.resumedFromWindows() > 0) {
                err.println("resumed after " + r.resumedFromWindows() + " windows of a previous run");
            }
            err.println("indexed " + r.tokens() + " tokens in " + r.windows() + " windows into " + TerminalText.safe(r.dir().toString()));
            err.flush();
            if (json) {
                Json.print(spec.commandLine().getOut(), toJson(r));
            }
            return 0;
        }
    }

    /** e.g. {@code  12.5%  Pass 1 of 2 · 120 / 340 windows · 2,431 tokens · 812 tokens/s · about 0:42 left}. */
    static String progressLine(Step step) {
        return String.format(Locale.ROOT, "%5.1f%%  %s", 100 * Math.max(0, step.fraction()), TerminalText.safe(step.line()));
    }

    private static ObjectNode toJson(IndexBuildResult r) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("dir", r.dir().toString());
        root.put("windows", r.windows());
        root.put("tokens", r.tokens());
        root.put("truncated_windows", r.truncatedWindows());
        root.put("resumed_from_windows", r.resumedFromWindows());
        root.put("cancelled", r.cancelled());
        CorpusReport c = r.corpusReport();
        ObjectNode corpus = root.putObject("corpus");
        corpus.put("source", c.source());
        corpus.put("documents", c.documents());
        corpus.put("blank_lines", c.blankLines());
        corpus.put("malformed_utf8_replaced", c.malformedSequences());
        corpus.put("lines_skipped", c.linesSkipped());
        ObjectNode reasons = corpus.putObject("skip_reasons");
        c.skipReasons().forEach(reasons::put);
        corpus.put("files_skipped", c.filesSkipped());
        c.skippedFiles().forEach(corpus.putArray("skipped_files")::add);
        corpus.put("documents_without_tokens", r.documentsWithoutTokens());
        corpus.put("summary", c.summary());
        return root;
    }
}
