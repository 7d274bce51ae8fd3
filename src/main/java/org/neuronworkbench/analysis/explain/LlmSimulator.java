package org.neuronworkbench.analysis.explain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.neuronworkbench.work.Cancel;

/**
 * The LLM simulator: for each held-out excerpt, asks for a 0–10 value per token given an
 * explanation. Answers are read defensively: a JSON array anywhere in the text, else the numbers
 * in order; values are clamped to [0, 10]; a wrong count fails that excerpt, and any failure fails
 * the whole simulation (a partial simulation would bias the correlation).
 */
public final class LlmSimulator {
    static final String SYSTEM = "You predict how strongly a neuron of a language model fires on each token, from an"
            + " explanation of the neuron. Reply with a JSON array of integers from 0 (not at all) to 10 (maximally),"
            + " one per numbered token, in order, and nothing else.";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern NUMBER = Pattern.compile("-?\\d+(?:\\.\\d+)?");

    /** Simulated values per excerpt, or the error that stopped the simulation. */
    public record Outcome(double[][] values, String error, boolean cancelled) {
    }

    private LlmSimulator() {
    }

    public static Outcome simulate(LlmClient client, Explanation x, List<List<ShownToken>> excerpts, Cancel cancel) {
        double[][] out = new double[excerpts.size()][];
        for (int e = 0; e < out.length; e++) {
            if (cancel.isCancelled()) {
                return new Outcome(null, null, true);
            }
            List<ShownToken> toks = excerpts.get(e);
            LlmClient.Reply r = client.chat(SYSTEM, prompt(x, toks));
            if (!r.ok()) {
                return new Outcome(null, r.error(), false);
            }
            double[] v = parse(r.text(), toks.size());
            if (v == null) {
                return new Outcome(null, "LLM endpoint " + client.endpoint().url() + " did not give one value per token for"
                        + " held-out excerpt " + (e + 1) + " (" + toks.size() + " tokens)", false);
            }
            out[e] = v;
        }
        return new Outcome(out, null, false);
    }

    static String prompt(Explanation x, List<ShownToken> tokens) {
        StringBuilder sb = new StringBuilder("Explanation: ").append(x.text()).append("\nTokens:\n");
        for (int i = 0; i < tokens.size(); i++) {
            sb.append(i + 1).append('\t').append(tokens.get(i).text().replace('\n', ' ')).append('\n');
        }
        return sb.toString();
    }

    /** One value per token in [0, 10], or null when the answer does not hold exactly {@code n} numbers. */
    static double[] parse(String answer, int n) {
        List<Double> values = new ArrayList<>();
        int open = answer.indexOf('[');
        int close = answer.lastIndexOf(']');
        if (open >= 0 && close > open) {
            try {
                JsonNode arr = JSON.readTree(answer.substring(open, close + 1));
                if (arr.isArray()) {
                    for (JsonNode v : arr) {
                        values.add(v.isNumber() ? v.asDouble() : v.isTextual() ? number(v.asText()) : Double.NaN);
                    }
                }
            } catch (IOException e) {
                values.clear();
            }
        }
        if (values.size() != n) {
            values.clear();
            Matcher m = NUMBER.matcher(answer);
            while (m.find()) {
                values.add(Double.parseDouble(m.group()));
            }
            // "1: 3, 2: 0, ..." lists the token numbers too: keep every second number.
            if (values.size() == 2 * n) {
                List<Double> odd = new ArrayList<>();
                for (int i = 1; i < values.size(); i += 2) {
                    odd.add(values.get(i));
                }
                values = odd;
            }
        }
        if (values.size() != n) {
            return null;
        }
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            double v = values.get(i);
            out[i] = Double.isNaN(v) ? 0 : Math.max(0, Math.min(10, v));
        }
        return out;
    }

    private static double number(String s) {
        try {
            return Double.parseDouble(s.strip());
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }
}
