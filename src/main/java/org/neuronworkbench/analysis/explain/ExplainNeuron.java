package org.neuronworkbench.analysis.explain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.neuronworkbench.index.CorpusIndex;
import org.neuronworkbench.model.MlpNeuron;
import org.neuronworkbench.model.ModelConfig;
import org.neuronworkbench.model.ModelRunner;
import org.neuronworkbench.work.Cancel;
import org.neuronworkbench.work.Progress;
import org.neuronworkbench.work.Step;

/**
 * Explains one neuron: evidence from the index, coherence of its max tokens, falsification by
 * substitution, the offline explanation (and the LLM's when configured), each scored by
 * simulation on held-out excerpts. LLM trouble is a warning; the offline explanation always stays.
 */
public final class ExplainNeuron {

    /**
     * @param model   the studied model (the index's), or null to skip substitutions
     * @param encoder the sentence encoder, or null to skip coherence
     * @param words   nearest vocabulary words for substitutions, or null for WordNet candidates only
     * @param llm     a configured endpoint, or null to stay offline
     */
    public record Request(CorpusIndex index, MlpNeuron neuron, ModelRunner model, SentenceEncoder encoder,
                          NearestWords words, LlmClient llm) {
    }

    private static final int STEPS = 5;

    private ExplainNeuron() {
    }

    /**
     * @throws IllegalArgumentException for a neuron out of range, dead, or without excerpts
     * @throws org.neuronworkbench.index.IndexException for an index of another model
     */
    public static NeuronExplanation run(Request r, Progress progress, Cancel cancel) {
        if (r.model() != null) {
            ModelConfig c = r.model().config();
            r.index().requireModel(r.model().source(), c.name(), c.layers(), c.dMlp());
        }
        MlpNeuron n = r.neuron();
        List<String> warnings = new ArrayList<>();
        progress.report(new Step("evidence", 0, STEPS, n.toString()));
        Evidence ev = Evidence.from(r.index(), n);
        Explanation offline = RuleExplainer.explain(ev.topTokens());
        double offlineScore = SimulationScore.correlation(OfflineSimulator.simulate(offline, ev.heldOutTokens()),
                ev.heldOutActivations());
        String endpoint = r.llm() == null ? null : r.llm().endpoint().url().toString();
        String llmModel = r.llm() == null ? null : r.llm().endpoint().model();
        if (cancel.isCancelled()) {
            return new NeuronExplanation(n, offline, offlineScore, offline, offlineScore, null, ev, null, endpoint, llmModel,
                    warnings, Instant.now(), true);
        }
        progress.report(new Step("coherence", 1, STEPS, n.toString()));
        Coherence coherence = r.encoder() == null ? null
                : Coherence.of(r.encoder(), ev.topTokens().stream().map(ShownToken::text).toList());
        Substitutions.Result subs = null;
        if (r.model() != null && !cancel.isCancelled()) {
            progress.report(new Step("substitutions", 2, STEPS, n.toString()));
            if (r.model().hasTokenizer()) {
                subs = Substitutions.run(Substitutions.Request.defaults(r.model(), n, ev.explained(), r.words()),
                        Progress.NONE, cancel);
            } else {
                warnings.add("model " + r.model().source() + " has no tokenizer: no substitutions");
            }
        }
        Explanation shown = offline;
        double score = offlineScore;
        if (r.llm() != null && !cancel.isCancelled()) {
            progress.report(new Step("LLM explanation", 3, STEPS, n.toString()));
            LlmExplainer.Outcome o = LlmExplainer.explain(r.llm(), ev);
            if (o.error() != null) {
                warnings.add(o.error() + "; keeping the offline explanation");
            } else {
                progress.report(new Step("LLM simulation", 4, STEPS, n.toString()));
                LlmSimulator.Outcome sim = LlmSimulator.simulate(r.llm(), o.explanation(), ev.heldOutTokens(), cancel);
                if (sim.values() != null) {
                    shown = o.explanation();
                    score = SimulationScore.correlation(sim.values(), ev.heldOutActivations());
                } else if (!sim.cancelled()) {
                    // The LLM explained but could not simulate: score its text with the offline simulator.
                    warnings.add(sim.error() + "; the LLM explanation is scored by the offline simulator");
                    shown = o.explanation();
                    score = SimulationScore.correlation(OfflineSimulator.simulate(shown, ev.heldOutTokens()),
                            ev.heldOutActivations());
                }
            }
        }
        boolean cancelled = cancel.isCancelled() || subs != null && subs.cancelled();
        if (shown.method() != Explanation.Method.LLM) {
            // Recorded only for what the LLM actually wrote.
            endpoint = null;
            llmModel = null;
        }
        progress.report(new Step("done", STEPS, STEPS, n.toString()));
        return new NeuronExplanation(n, shown, score, offline, offlineScore, coherence, ev, subs, endpoint, llmModel,
                warnings, Instant.now(), cancelled);
    }
}
