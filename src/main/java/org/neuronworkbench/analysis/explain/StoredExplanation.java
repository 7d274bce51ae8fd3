package org.neuronworkbench.analysis.explain;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.neuronworkbench.model.MlpNeuron;

/**
 * One explanation as kept beside an index: enough to show it, search it, and re-score it against
 * another index (its token set and class travel with the text). Never holds an API key.
 *
 * @param topTokens  the max tokens it was made from
 * @param substitutions every substitute tried, with its activation ("self" rows included)
 * @param endpoint   LLM URL, or null offline
 */
public record StoredExplanation(MlpNeuron neuron, String text, String method, String rule, double score,
                                String offlineText, double offlineScore, double coherence, Set<String> tokens,
                                CharClass charClass, WordNetLexicon.NounClass nounClass, List<String> topTokens,
                                List<Substitutions.Row> substitutions, Set<String> extendedTokens,
                                double substitutionMean, String endpoint, String llmModel, Instant time) {
    public StoredExplanation {
        tokens = Set.copyOf(tokens);
        topTokens = List.copyOf(topTokens);
        substitutions = List.copyOf(substitutions);
        extendedTokens = Set.copyOf(extendedTokens);
    }

    public static StoredExplanation of(NeuronExplanation x) {
        Explanation e = x.explanation();
        Substitutions.Result s = x.substitutions();
        return new StoredExplanation(x.neuron(), e.text(), e.method().name().toLowerCase(java.util.Locale.ROOT), e.rule(),
                x.score(), x.offline().text(), x.offlineScore(), x.coherence() == null ? Double.NaN : x.coherence().value(),
                e.tokens(), e.charClass(), e.nounClass(), x.evidence().topTokens().stream().map(ShownToken::text).toList(),
                s == null ? List.of() : s.rows(),
                s == null ? Set.of() : s.extendedTokens(), s == null ? Double.NaN : s.meanActivation(), x.endpoint(),
                x.llmModel(), x.time());
    }

    /** Substitutes that kept the activation (the word itself excluded). */
    public List<Substitutions.Row> kept() {
        return substitutions.stream().filter(r -> r.kept() && !"self".equals(r.source())).toList();
    }

    public List<Substitutions.Row> killed() {
        return substitutions.stream().filter(r -> !r.kept()).toList();
    }

    /** The explanation again, for the offline simulator (re-scoring on another index). */
    public Explanation explanation() {
        return new Explanation(text, "llm".equals(method) ? Explanation.Method.LLM : Explanation.Method.OFFLINE, rule, tokens,
                charClass, nounClass);
    }
}
