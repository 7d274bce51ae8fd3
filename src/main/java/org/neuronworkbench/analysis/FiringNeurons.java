package org.neuronworkbench.analysis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.neuronworkbench.index.CorpusIndex;
import org.neuronworkbench.model.ActivationCache;
import org.neuronworkbench.model.MlpNeuron;
import org.neuronworkbench.model.ModelConfig;
import org.neuronworkbench.model.ModelRunner;
import org.neuronworkbench.model.hooks.HookName;
import org.neuronworkbench.model.hooks.HookSet;
import org.neuronworkbench.work.Cancel;
import org.neuronworkbench.work.Progress;

/**
 * "Which neurons fire on this text" (Neuronpedia's search by text, offline): every neuron of every
 * layer ranked by its largest activation over the text's non-special tokens, from one forward that
 * caches all {@code mlp.hook_post} hooks. With an index of the same model, each neuron's peak is
 * also given relative to its maximum over the corpus; ranking by that ratio lets rarely-firing
 * neurons that fire here stand out against the ones that are always high.
 */
public final class FiringNeurons implements AnalysisMethod<FiringNeurons.Request, FiringNeurons.Result> {

    /**
     * @param index  an index of the same model, or null; needed when {@code relative} is set
     * @param top    how many neurons to return, at least 1
     */
    public record Request(TokenSequence input, int top, boolean relative, CorpusIndex index) {
        public Request {
            if (top < 1) {
                throw new IllegalArgumentException("--top " + top + " must be at least 1.");
            }
            if (relative && index == null) {
                throw new IllegalArgumentException("Ranking relative to each neuron's corpus maximum needs an index (--index DIR).");
            }
        }
    }

    /**
     * @param max        the neuron's largest activation on the text's non-special tokens
     * @param tokenIndex the position (in the input's tokens, specials included) where it peaks
     * @param indexMax   the neuron's maximum over the index's corpus, NaN without an index
     * @param relative   max / indexMax when indexMax is positive, else NaN
     */
    public record Firing(MlpNeuron neuron, float max, int tokenIndex, double indexMax, double relative) {
    }

    public record Result(TokenSequence input, boolean relative, List<Firing> neurons) {
        public Result {
            neurons = List.copyOf(neurons);
        }
    }

    private final ModelRunner runner;

    public FiringNeurons(ModelRunner runner) {
        this.runner = runner;
    }

    /** One forward, so there is nothing to report or cancel between steps. */
    @Override
    public Result run(Request request, Progress progress, Cancel cancel) {
        ModelConfig c = runner.config();
        TokenSequence seq = request.input();
        if (request.index() != null) {
            request.index().requireModel(runner.source(), c.name(), c.layers(), c.dMlp());
        }
        if (seq.textTokens() == 0) {
            throw new IllegalArgumentException("The text has only special tokens: type at least one word.");
        }
        Set<HookName> hooks = new HashSet<>();
        for (int l = 0; l < c.layers(); l++) {
            hooks.add(HookName.mlpPost(l));
        }
        ActivationCache cache = runner.runTokens(List.of(seq.ids()), HookSet.caching(hooks::contains));
        List<Firing> all = new ArrayList<>(c.layers() * c.dMlp());
        for (int l = 0; l < c.layers(); l++) {
            float[][] rows = cache.rows(HookName.mlpPost(l), 0);
            for (int n = 0; n < c.dMlp(); n++) {
                int at = -1;
                for (int t = 0; t < rows.length; t++) {
                    if (!seq.special()[t] && (at < 0 || rows[t][n] > rows[at][n])) {
                        at = t;
                    }
                }
                double indexMax = request.index() == null ? Double.NaN : request.index().stats(l, n).max();
                double relative = indexMax > 0 ? rows[at][n] / indexMax : Double.NaN;
                all.add(new Firing(new MlpNeuron(l, n), rows[at][n], at, indexMax, relative));
            }
        }
        // Ties go to the lower layer and neuron, so the order is fully determined.
        Comparator<Firing> byValue = request.relative()
                ? Comparator.comparingDouble((Firing f) -> Double.isNaN(f.relative()) ? Double.NEGATIVE_INFINITY : f.relative())
                : Comparator.comparingDouble(Firing::max);
        all.sort(byValue.reversed().thenComparing(Firing::neuron));
        return new Result(seq, request.relative(), all.subList(0, Math.min(request.top(), all.size())));
    }
}
