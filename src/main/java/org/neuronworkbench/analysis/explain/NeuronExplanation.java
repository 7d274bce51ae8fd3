package org.neuronworkbench.analysis.explain;

import java.time.Instant;
import java.util.List;
import org.neuronworkbench.model.MlpNeuron;

/**
 * The outcome of explaining one neuron.
 *
 * @param explanation   the explanation shown: the LLM's when one was configured and answered, else the offline one
 * @param score         its simulation score on the held-out excerpts
 * @param offline       the offline explanation, always made
 * @param offlineScore  its score
 * @param coherence     of the max-activating tokens, or null without an encoder
 * @param substitutions null when no model was given
 * @param endpoint      the LLM URL and model name when the LLM made the explanation shown (never the key), else null
 * @param warnings      LLM trouble and other things the user should know; never fatal
 */
public record NeuronExplanation(MlpNeuron neuron, Explanation explanation, double score, Explanation offline,
                                double offlineScore, Coherence coherence, Evidence evidence,
                                Substitutions.Result substitutions, String endpoint, String llmModel,
                                List<String> warnings, Instant time, boolean cancelled) {
    public NeuronExplanation {
        warnings = List.copyOf(warnings);
    }

    /** The same explanation with substitutions run elsewhere (a layer run packs them across neurons). */
    public NeuronExplanation withSubstitutions(Substitutions.Result s) {
        return new NeuronExplanation(neuron, explanation, score, offline, offlineScore, coherence, evidence, s, endpoint,
                llmModel, warnings, time, cancelled || s.cancelled());
    }
}
