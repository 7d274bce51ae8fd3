package org.neuronworkbench.analysis.explain;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
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
        long t0 = System.nanoTime();
        ExplanationStore store = ExplanationStore.open(idx.dir());
        int width = idx.info().dMlp();
        long total = (long) width * r.layers().size();
        int explained = 0;
        int stored = 0;
        int dead = 0;
        int skipped = 0;
        int sinceSave = 0;
        Set<String> warnings = new LinkedHashSet<>();
        long done = 0;
        boolean cancelled = false;
        LlmClient llm = r.llm();
        int llmFailuresInARow = 0;
        outer:
        for (int layer : r.layers()) {
            for (int i = 0; i < width; i++, done++) {
                if (cancel.isCancelled()) {
                    cancelled = true;
                    break outer;
                }
                MlpNeuron n = new MlpNeuron(layer, i);
                if (r.resume() && store.has(n)) {
                    stored++;
                    continue;
                }
                if (idx.isDead(layer, i)) {
                    dead++;
                    continue;
                }
                NeuronExplanation x;
                try {
                    x = ExplainNeuron.run(new ExplainNeuron.Request(idx, n, r.model(), r.encoder(), r.words(), llm),
                            Progress.NONE, cancel);
                } catch (IllegalArgumentException e) {
                    skipped++;
                    warnings.add(e.getMessage());
                    continue;
                }
                if (x.cancelled()) {
                    cancelled = true;
                    break outer;
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
                store.put(StoredExplanation.of(x));
                explained++;
                if (++sinceSave >= SAVE_EVERY) {
                    store.save();
                    sinceSave = 0;
                }
                progress.report(new Step("explaining", done + 1, total, String.format(Locale.ROOT, "%s score %.2f: %s", n,
                        x.score(), x.explanation().text())));
            }
        }
        if (sinceSave > 0 || !java.nio.file.Files.exists(store.file())) {
            store.save();
        }
        return new Result(explained, stored, dead, skipped, new ArrayList<>(warnings),
                Duration.ofNanos(System.nanoTime() - t0), cancelled);
    }
}
