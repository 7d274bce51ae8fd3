package org.neuronworkbench.ui.corpus;

import org.neuronworkbench.corpus.CorpusDocument;
import org.neuronworkbench.corpus.SentenceLines;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.concurrent.Task;
import org.neuronworkbench.corpus.Corpora;
import org.neuronworkbench.corpus.CorpusList;
import org.neuronworkbench.corpus.WindowOptions;
import org.neuronworkbench.index.IndexBuildResult;
import org.neuronworkbench.index.IndexOptions;
import org.neuronworkbench.ui.common.WorkbenchContext;
import org.neuronworkbench.ui.common.OpenIndex;
import org.neuronworkbench.work.CancelSwitch;

/**
 * The corpus pane without a window: the chosen corpus and its preview, window settings, the
 * running build, and the indexes built so far. Reading runs as I/O tasks and building as a model
 * task; only one build at a time. A failure never replaces what was there before.
 */
public final class CorpusViewModel {
    private final WorkbenchContext ctx;
    private final OpenIndex openIndex;
    private final ObjectProperty<CorpusPreview> preview = new SimpleObjectProperty<>();
    private final StringProperty error = new SimpleStringProperty("");
    private final StringProperty status = new SimpleStringProperty("");
    private final ObjectProperty<WindowOptions.Mode> mode = new SimpleObjectProperty<>(WindowOptions.Mode.TOKENS);
    private final ObjectProperty<Integer> size = new SimpleObjectProperty<>(64);
    private final ObjectProperty<Integer> stride = new SimpleObjectProperty<>(64);
    private final ObjectProperty<Integer> topK = new SimpleObjectProperty<>(IndexOptions.DEFAULT_TOP_K);
    private final BooleanProperty includeSpecial = new SimpleBooleanProperty(false);
    private final StringProperty outputDir = new SimpleStringProperty("");
    private final BooleanProperty reading = new SimpleBooleanProperty();
    private final ObjectProperty<Task<IndexBuildResult>> build = new SimpleObjectProperty<>();
    private final ObservableList<KnownIndexes.Entry> indexes = FXCollections.observableArrayList();
    private CancelSwitch cancelToken;

    public static final String SENTENCES_PRESELECTED = "One sentence per line: sentence windows preselected.";

    public CorpusViewModel(WorkbenchContext ctx, OpenIndex openIndex) {
        this.ctx = ctx;
        this.openIndex = openIndex;
        indexes.setAll(KnownIndexes.list(ctx.workspace()));
    }

    public ObjectProperty<CorpusPreview> previewProperty() { return preview; }
    /** The last failure, worded for the user; empty when the last action worked. */
    public StringProperty errorProperty() { return error; }
    public StringProperty statusProperty() { return status; }
    public ObjectProperty<WindowOptions.Mode> modeProperty() { return mode; }
    public ObjectProperty<Integer> sizeProperty() { return size; }
    public ObjectProperty<Integer> strideProperty() { return stride; }
    public ObjectProperty<Integer> topKProperty() { return topK; }
    public BooleanProperty includeSpecialProperty() { return includeSpecial; }
    public StringProperty outputDirProperty() { return outputDir; }
    public BooleanProperty readingProperty() { return reading; }
    /** The running build, null when none runs. */
    public ObjectProperty<Task<IndexBuildResult>> buildProperty() { return build; }
    public ObservableList<KnownIndexes.Entry> indexes() { return indexes; }
    public OpenIndex openIndex() { return openIndex; }

    /** Reads a corpus ("wordnet" or a path) for the preview; on failure the previous one stays. */
    public Task<CorpusPreview> choose(String spec) {
        return choose(List.of(spec));
    }

    /**
     * Reads several files (or one) as one corpus, in the order given, as {@code index --corpus A
     * --corpus B} does; on failure the previous corpus stays.
     */
    public Task<CorpusPreview> choose(List<String> specs) {
        String spec = String.join(", ", specs);
        Task<CorpusPreview> task = new Task<>() {
            @Override
            protected CorpusPreview call() {
                updateTitle("Read corpus");
                updateMessage("Reading " + spec);
                return CorpusPreview.read(CorpusList.local(specs), this::isCancelled);
            }
        };
        reading.set(true);
        task.setOnSucceeded(e -> {
            reading.set(false);
            preview.set(task.getValue());
            error.set("");
            boolean sentences = SentenceLines.looksLikeOneSentencePerLine(
                    task.getValue().documents().stream().map(CorpusDocument::text).toList());
            // Preselect sentence windows for a one-sentence-per-line file; otherwise keep the user's choice.
            if (sentences) {
                mode.set(WindowOptions.Mode.SENTENCE);
            }
            String summary = task.getValue().report().summary();
            status.set(sentences ? sentence(summary) + " " + SENTENCES_PRESELECTED : summary);
            outputDir.set(suggestOutputDir(specs.get(0)).toString());
        });
        task.setOnFailed(e -> {
            reading.set(false);
            error.set("Could not read " + spec + ": " + message(task.getException())
                    + (preview.get() == null ? "" : " The previous corpus is still selected."));
        });
        task.setOnCancelled(e -> reading.set(false));
        return ctx.tasks().runIo(task);
    }

    /** The window options the settings describe; throws with a readable message when invalid. */
    public IndexOptions options() {
        WindowOptions w = mode.get() == WindowOptions.Mode.SENTENCE
                ? WindowOptions.sentences(size.get())
                : WindowOptions.tokens(size.get(), stride.get());
        return IndexOptions.defaults().withWindow(w).withTopK(topK.get()).withIncludeSpecial(includeSpecial.get());
    }

    /** Starts building an index of the previewed corpus; refuses (returns null) while one runs. */
    public Task<IndexBuildResult> start() {
        if (build.get() != null) {
            error.set("An index is already being built. Wait for it to finish or cancel it before starting another.");
            return null;
        }
        CorpusPreview p = preview.get();
        if (p == null) {
            error.set("Choose a corpus first: a file, a folder or the WordNet glosses.");
            return null;
        }
        if (outputDir.get() == null || outputDir.get().isBlank()) {
            error.set("Choose an output folder for the index.");
            return null;
        }
        IndexOptions options;
        try {
            options = options();
        } catch (IllegalArgumentException e) {
            error.set("Window settings: " + e.getMessage());
            return null;
        }
        Path out = Path.of(outputDir.get().strip());
        CancelSwitch token = new CancelSwitch();
        Task<IndexBuildResult> task = new IndexBuildTask(ctx, p.corpus(), out, options, token);
        cancelToken = token;
        build.set(task);
        error.set("");
        status.set("Indexing " + p.spec() + " into " + out);
        task.setOnSucceeded(e -> built(task.getValue(), p.corpus(), options));
        task.setOnFailed(e -> {
            finish();
            error.set("Indexing failed: " + message(task.getException()) + " Existing indexes are unchanged.");
        });
        task.setOnCancelled(e -> {
            finish();
            status.set(cancelledText());
        });
        return ctx.tasks().runModel(task);
    }

    /** Asks the running build to stop at its next checkpoint. */
    public void cancel() {
        if (cancelToken != null) {
            cancelToken.cancel();
            status.set("Cancelling…");
        }
    }

    public Task<OpenIndex.Opened> open(KnownIndexes.Entry entry) {
        Task<OpenIndex.Opened> task = openIndex.open(entry.dir(), true);
        task.setOnFailed(e -> error.set("Could not open " + entry.dir() + ": " + message(task.getException())));
        return task;
    }

    public void forget(KnownIndexes.Entry entry) {
        if (KnownIndexes.forget(ctx.workspace(), entry.dir())) {
            ctx.notes().save();
        }
        indexes.setAll(KnownIndexes.list(ctx.workspace()));
    }

    private void built(IndexBuildResult r, CorpusList corpus, IndexOptions options) {
        finish();
        if (r.cancelled()) {
            status.set(cancelledText());
            return;
        }
        String description = describe(corpus, options, r);
        KnownIndexes.remember(ctx.workspace(), r.dir(), description);
        ctx.notes().save().ifPresent(error::set);
        indexes.setAll(KnownIndexes.list(ctx.workspace()));
        status.set(String.format(Locale.ROOT, "Built %s: %,d windows, %,d tokens. %s", r.dir(), r.windows(),
                r.tokens(), r.corpusReport() == null ? "" : r.corpusReport().summary()));
        // The new index opens and the neuron browser comes forward to show it.
        openIndex.open(r.dir(), true);
    }

    private void finish() {
        build.set(null);
        cancelToken = null;
    }

    private static String cancelledText() {
        return "Cancelled. The output folder keeps the last checkpoint: start again with the same settings to resume.";
    }

    static String describe(CorpusList corpus, IndexOptions o, IndexBuildResult r) {
        WindowOptions w = o.window();
        String windows = w.mode() == WindowOptions.Mode.SENTENCE ? "sentences ≤" + w.size()
                : "windows " + w.size() + "/" + w.stride();
        String first = corpus.sources().get(0).given();
        String name = Corpora.WORDNET.equalsIgnoreCase(first) ? "WordNet glosses" : Path.of(first).getFileName().toString();
        int more = corpus.sources().size() - 1;
        name += more == 0 ? "" : " and " + more + " more";
        return String.format(Locale.ROOT, "%s · %,d tokens · %s · top %d%s", name, r.tokens(), windows, o.topK(),
                o.includeSpecial() ? " · with special tokens" : "");
    }

    /** A fresh folder under the workspace's "indexes" folder, named after the corpus. */
    Path suggestOutputDir(String spec) {
        Path base = ctx.workspaceFile() == null ? Path.of("indexes")
                : ctx.workspaceFile().toAbsolutePath().getParent().resolve("indexes");
        String name = Corpora.WORDNET.equalsIgnoreCase(spec) ? "wordnet"
                : Path.of(spec).getFileName().toString().replaceFirst("\\.[^.]+$", "");
        name = name.replaceAll("[^A-Za-z0-9._-]", "_");
        Path dir = base.resolve(name);
        for (int i = 2; Files.exists(dir); i++) {
            dir = base.resolve(name + "-" + i);
        }
        return dir;
    }

    static String message(Throwable t) {
        if (t == null) {
            return "unknown error.";
        }
        return sentence(t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage());
    }

    /** {@code text} ending with a full stop, so another sentence can follow it. */
    private static String sentence(String text) {
        return text.endsWith(".") ? text : text + ".";
    }
}
