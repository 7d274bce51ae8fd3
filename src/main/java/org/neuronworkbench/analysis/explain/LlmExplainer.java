package org.neuronworkbench.analysis.explain;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import org.neuronworkbench.index.TokenScore;

/**
 * Asks a configured LLM what a neuron's max-activating tokens have in common. The answer becomes an
 * {@link Explanation} of method LLM whose token set is the top tokens its text mentions, so the
 * offline simulator can still apply it when the LLM cannot simulate.
 */
public final class LlmExplainer {
    static final String SYSTEM = "You study neurons of language models. Given the tokens on which one neuron fires"
            + " most strongly, each in context, say in one short phrase (at most 12 words) what they have in common."
            + " Answer with the phrase only.";
    static final int MAX_CHARS = 200;

    /** The explanation, or the error that kept the endpoint from giving one. */
    public record Outcome(Explanation explanation, String error) {
    }

    private LlmExplainer() {
    }

    public static Outcome explain(LlmClient client, Evidence evidence) {
        LlmClient.Reply reply = client.chat(SYSTEM, prompt(evidence));
        if (!reply.ok()) {
            return new Outcome(null, reply.error());
        }
        String text = clean(reply.text());
        if (text.isEmpty()) {
            return new Outcome(null, "LLM endpoint " + client.endpoint().url() + " sent an empty answer");
        }
        Set<String> named = new LinkedHashSet<>();
        String lower = " " + text.toLowerCase(Locale.ROOT) + " ";
        for (ShownToken t : evidence.topTokens()) {
            if (!t.key().isEmpty() && lower.matches("(?s).*[^\\p{L}\\p{N}]" + java.util.regex.Pattern.quote(t.key()) + "[^\\p{L}\\p{N}].*")) {
                named.add(t.key());
            }
        }
        return new Outcome(Explanation.ofTokens(text, Explanation.Method.LLM, "", named), null);
    }

    static String prompt(Evidence e) {
        StringBuilder sb = new StringBuilder("Max-activating tokens (in [[ ]]) with context:\n");
        for (Evidence.TopToken t : e.maxTokens()) {
            sb.append("- ").append(t.before()).append("[[").append(t.token().text()).append("]]").append(t.after())
                    .append(String.format(Locale.ROOT, "  (activation %.2f)%n", t.activation()));
        }
        if (!e.topWords().isEmpty()) {
            sb.append("Words it responds to most on average:");
            for (TokenScore s : e.topWords()) {
                sb.append(' ').append(s.token());
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    /** First non-empty line, without quotes or a leading "Explanation:", at most {@link #MAX_CHARS}. */
    static String clean(String answer) {
        for (String line : answer.split("\\R")) {
            String s = line.strip().replaceFirst("(?i)^(explanation|answer)\\s*:\\s*", "");
            s = s.replaceAll("^[\"'“‘`*]+|[\"'”’`*]+$", "").strip();
            if (!s.isEmpty()) {
                return s.length() > MAX_CHARS ? s.substring(0, MAX_CHARS) : s;
            }
        }
        return "";
    }
}
