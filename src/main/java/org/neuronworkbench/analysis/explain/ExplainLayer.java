package org.neuronworkbench.analysis.explain;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;
import org.neuronworkbench.index.CorpusIndex;
import org.neuronworkbench.model.MlpNeuron;
import org.neuronworkbench.model.ModelConfig;
import org.neuronworkbench.model.ModelRunner;
import org.neuronworkbench.work.Cancel;
import org.neuronworkbench.work.Progress;
import org.neuronworkbench.work.Step;

/**
 * Explains every neuron of some layers and keeps the results in the index's
 * {@link ExplanationStore}, saved every {@link #SAVE_EVERY} neurons and at the end or on a cancel,
 * so a resumed run ({@code resume}) skips what is stored and loses at most one batch of work.
 * Dead neurons are skipped (nothing to explain) and counted.
 */
public final class ExplainLayer {
    static final int SAVE_EVERY = 32;
    /**
     * Neurons whose substitutions share one packed plan ({@link PackedSubstitutions}); a cancel
     * loses at most this many neurons' work.
     */
    static final int PACK_NEURONS = 16;
    /** After this many neurons in a row whose LLM request failed, the rest of the run is offline. */
    static final int LLM_FAILURES_BEFORE_OFFLINE = 3;

    /** @param layers the layers to explain, in order */
    public record Request(CorpusIndex index, List<Integer> layers, ModelRunner model, SentenceEncoder encoder,
                          NearestWords words, LlmClient llm, boolean resume) {
        public Request {
            layers = List.copyOf(layers);
        }
    }

    /**
     * @param warnings distinct warnings (LLM trouble is reported once, not once per neuron)
     */
    public record Result(int explained, int alreadyStored, int dead, int skipped, List<String> warnings,
                         Duration elapsed, boolean cancelled) {
        public Result {
            warnings = List.copyOf(warnings);
        }
    }

    private ExplainLayer() {
    }

    public static Result run(Request r, Progress progress, Cancel cancel) {
        return run(r, progress, cancel, x -> { });
    }

    /**
     * As {@link #run(Request, Progress, Cancel)}, handing each explanation to {@code explained} as
     * soon as it is stored (on the worker thread), so a table can fill while the run goes on.
     */
    public static Result run(Request r, Progress progress, Cancel cancel, Consumer<StoredExplanation> explained) {
        CorpusIndex idx = r.index();
        for (int l : r.layers()) {
            if (l < 0 || l >= idx.info().layers()) {
                throw new IllegalArgumentException("layer " + l + " is out of range: the index has layers 0.."
                        + (idx.info().layers() - 1));
            }
        }
        if (r.model() != null) {
            ModelConfig c = r.model().config();
            idx.requireModel(r.model().source(), c.name(), c.layers(), c.dMlp());
        }
        Run run = new Run(r, ExplanationStore.open(idx.dir()), progress, cancel, explained);
        ModelRunner subs = r.model() != null && r.model().hasTokenizer() ? r.model() : null;
        if (r.model() != null && subs == null) {
            run.warnings.add("model " + r.model().source() + " has no tokenizer: no substitutions");
        }
        // Without substitutions there is nothing to pack: each neuron is stored as soon as it is explained.
        int pack = subs == null ? 1 : PACK_NEURONS;
        int width = idx.info().dMlp();
        long total = (long) width * r.layers().size();
        long done = 0;
        outer:
        for (int layer : r.layers()) {
            List<MlpNeuron> chunk = new ArrayList<>();
            List<Long> positions = new ArrayList<>();
            for (int i = 0; i < width; i++, done++) {
                if (cancel.isCancelled()) {
                    run.cancelled = true;
                    break outer;
                }
                MlpNeuron n = new MlpNeuron(layer, i);
                if (r.resume() && run.store.has(n)) {
                    run.stored++;
                    continue;
                }
                if (idx.isDead(layer, i)) {
                    run.dead++;
                    continue;
                }
                chunk.add(n);
                positions.add(done + 1);
                if (chunk.size() == pack && !run.chunk(chunk, positions, subs, total)) {
                    break outer;
                }
            }
            if (!chunk.isEmpty() && !run.chunk(chunk, positions, subs, total)) {
                break;
            }
        }
        if (run.sinceSave > 0 || !java.nio.file.Files.exists(run.store.file())) {
            run.store.save();
        }
        return new Result(run.explained, run.stored, run.dead, run.skipped, new ArrayList<>(run.warnings),
                Duration.ofNanos(System.nanoTime() - run.t0), run.cancelled);
    }

    /** The state of one layer run. */
    private static final class Run {
        final Request r;
        final ExplanationStore store;
        final Progress progress;
        final Cancel cancel;
        final Consumer<StoredExplanation> sink;
        final long t0 = System.nanoTime();
        final Set<String> warnings = new LinkedHashSet<>();
        LlmClient llm;
        int llmFailuresInARow;
        int explained;
        int stored;
        int dead;
        int skipped;
        int sinceSave;
        boolean cancelled;

        Run(Request r, ExplanationStore store, Progress progress, Cancel cancel, Consumer<StoredExplanation> sink) {
            this.r = r;
            this.store = store;
            this.progress = progress;
            this.cancel = cancel;
            this.sink = sink;
            this.llm = r.llm();
        }

        /**
         * Explains the neurons of one chunk, runs their substitutions together, and stores them; the
         * chunk is emptied. False when cancelled (a chunk cut short is dropped: its neurons are not
         * stored, so a resumed run does them again).
         */
        boolean chunk(List<MlpNeuron> chunk, List<Long> positions, ModelRunner subs, long total) {
            List<NeuronExplanation> xs = new ArrayList<>();
            List<Long> at = new ArrayList<>();
            for (int k = 0; k < chunk.size(); k++) {
                NeuronExplanation x;
                try {
                    x = ExplainNeuron.run(new ExplainNeuron.Request(r.index(), chunk.get(k), null, r.encoder(), r.words(), llm),
                            Progress.NONE, cancel);
                } catch (IllegalArgumentException e) {
                    skipped++;
                    warnings.add(e.getMessage());
                    continue;
                }
                if (x.cancelled()) {
                    cancelled = true;
                    return false;
                }
                warnings.addAll(x.warnings());
                if (llm != null) {
                    // An endpoint that is down would otherwise cost a timeout per neuron for the whole layer.
                    llmFailuresInARow = x.explanation().method() == Explanation.Method.LLM ? 0 : llmFailuresInARow + 1;
                    if (llmFailuresInARow >= LLM_FAILURES_BEFORE_OFFLINE) {
                        warnings.add("the LLM endpoint failed for " + LLM_FAILURES_BEFORE_OFFLINE
                                + " neurons in a row: the rest of this run is explained offline");
                        llm = null;
                    }
                }
                xs.add(x);
                at.add(positions.get(k));
            }
            long before = positions.get(0) - 1;
            chunk.clear();
            positions.clear();
            if (subs != null && !xs.isEmpty()) {
                List<Substitutions.Request> q = xs.stream().map(x -> Substitutions.Request.defaults(subs, x.neuron(),
                        x.evidence().explained(), r.words())).toList();
                String names = xs.get(0).neuron() + ".." + xs.get(xs.size() - 1).neuron();
                PackedSubstitutions.Result packed = PackedSubstitutions.run(q, s -> progress.report(new Step("substitutions",
                        before, total, names + ": " + s.detail())), cancel);
                if (packed.cancelled()) {
                    cancelled = true;
                    return false;
                }
                for (int k = 0; k < xs.size(); k++) {
                    xs.set(k, xs.get(k).withSubstitutions(packed.results().get(k)));
                }
            }
            for (int k = 0; k < xs.size(); k++) {
                NeuronExplanation x = xs.get(k);
                StoredExplanation s = StoredExplanation.of(x);
                store.put(s);
                explained++;
                if (++sinceSave >= SAVE_EVERY) {
                    store.save();
                    sinceSave = 0;
                }
                sink.accept(s);
                progress.report(new Step("explaining", at.get(k), total, String.format(Locale.ROOT, "%s score %.2f: %s",
                        x.neuron(), x.score(), x.explanation().text())));
            }
            return true;
        }
    }
}
