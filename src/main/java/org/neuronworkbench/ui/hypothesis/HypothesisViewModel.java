package org.neuronworkbench.ui.hypothesis;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.neuronworkbench.export.HighlightedSentence;
import org.neuronworkbench.export.TokenActivation;
import org.neuronworkbench.model.MlpNeuron;
import org.neuronworkbench.model.ModelRunner;
import org.neuronworkbench.model.NeuronValues;
import org.neuronworkbench.model.TokensAsShown;
import org.neuronworkbench.model.Token;
import org.neuronworkbench.model.TokenizedText;

/**
 * The hypothesis editor without a window: lines in, per-line per-neuron token activations out.
 * Lines already seen (with the same neurons) come from a cache, so typing in one line runs one
 * forward pass for that line only; all changed lines go into one batch (large pastes are split
 * by {@link TokenBudgetBatches}), stopping after the highest layer needed. Not thread-safe: the editor calls it on the model thread.
 */
public final class HypothesisViewModel {
    public static final String NO_TOKENIZER = "This model has no tokenizer (no tokenizer.json in its folder), "
            + "so typed text cannot be run. Open a model folder that has one.";
    private static final int CACHE_LINES = 512;

    private final ModelRunner runner;
    private final Map<String, CachedLine> cache = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, CachedLine> eldest) {
            return size() > CACHE_LINES;
        }
    };
    private int forwards;
    private int lastRunLines;

    public HypothesisViewModel(ModelRunner runner) {
        this.runner = runner;
    }

    public ModelRunner runner() {
        return runner;
    }

    /** Forward passes run so far (one per batch). */
    public int forwards() {
        return forwards;
    }

    /** How many distinct lines the last {@link #compute} had to run (0 if all were cached). */
    public int lastRunLines() {
        return lastRunLines;
    }

    public HypothesisResult compute(List<String> lines, List<MlpNeuron> requested) {
        lastRunLines = 0;
        if (!runner.hasTokenizer()) {
            return new HypothesisResult(List.of(), blanks(lines.size()), NO_TOKENIZER);
        }
        List<MlpNeuron> neurons = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (MlpNeuron n : new LinkedHashSet<>(requested)) {
            try {
                neurons.add(n.checkedAgainst(runner.config()));
            } catch (IllegalArgumentException e) {
                problems.add(n + ": " + e.getMessage());
            }
        }
        if (neurons.isEmpty()) {
            return new HypothesisResult(List.of(), blanks(lines.size()), String.join(" ", problems));
        }
        // The lines of this call are held here, not looked up in the cache afterwards: a paste of
        // more distinct lines than the cache holds evicts lines this same call still needs.
        Map<String, CachedLine> current = runMissing(lines, neurons);
        List<LineActivations> out = new ArrayList<>(lines.size());
        for (String line : lines) {
            out.add(line.isBlank() ? LineActivations.BLANK : current.get(line).view(line, neurons));
        }
        return new HypothesisResult(neurons, out, String.join(" ", problems));
    }

    /**
     * One batched forward over every distinct line that lacks one of the neurons; returns every
     * non-blank line of the call with its cached values.
     */
    private Map<String, CachedLine> runMissing(List<String> lines, List<MlpNeuron> neurons) {
        Map<String, CachedLine> current = new HashMap<>();
        Set<String> missing = new LinkedHashSet<>();
        for (String line : lines) {
            CachedLine c = line.isBlank() ? null : cache.get(line);
            if (c != null) {
                current.put(line, c);
            }
            if (!line.isBlank() && (c == null || !c.values.keySet().containsAll(neurons))) {
                missing.add(line);
            }
        }
        if (missing.isEmpty()) {
            return current;
        }
        List<String> todo = new ArrayList<>(missing);
        List<TokenizedText> texts = runner.tokenize(todo);
        NeuronValues run = NeuronValues.of(runner, texts, neurons);
        forwards += run.forwards();
        for (int s = 0; s < texts.size(); s++) {
            CachedLine c = new CachedLine(texts.get(s));
            c.values.putAll(run.perText().get(s));
            cache.put(todo.get(s), c);
            current.put(todo.get(s), c);
        }
        lastRunLines = missing.size();
        return current;
    }

    private static List<LineActivations> blanks(int n) {
        return java.util.Collections.nCopies(n, LineActivations.BLANK);
    }

    /** The text tokens of one line (special tokens left out), each with its text {@link TokensAsShown as shown}. */
    static List<Token> shownTokens(TokenizedText t) {
        List<Token> content = t.tokens().stream().filter(tok -> !tok.special()).toList();
        List<String> shown = TokensAsShown.of(t.text(), content);
        List<Token> out = new ArrayList<>(content.size());
        for (int i = 0; i < content.size(); i++) {
            Token tok = content.get(i);
            out.add(new Token(tok.index(), shown.get(i), tok.id(), tok.start(), tok.end(), false));
        }
        return out;
    }

    /** Cached tokens and neuron columns of one line; the last view is reused so nodes can be too. */
    private static final class CachedLine {
        final List<Token> tokens;
        final Map<MlpNeuron, float[]> values = new HashMap<>();
        List<MlpNeuron> viewNeurons;
        LineActivations view;

        CachedLine(TokenizedText t) {
            tokens = shownTokens(t);
        }

        LineActivations view(String line, List<MlpNeuron> neurons) {
            if (!neurons.equals(viewNeurons)) {
                Map<MlpNeuron, HighlightedSentence> rows = new HashMap<>();
                for (MlpNeuron n : neurons) {
                    float[] col = values.get(n);
                    List<TokenActivation> acts = new ArrayList<>(tokens.size());
                    for (Token tok : tokens) {
                        acts.add(new TokenActivation(tok.text(), col[tok.index()]));
                    }
                    rows.put(n, new HighlightedSentence(acts));
                }
                view = new LineActivations(line, rows);
                viewNeurons = List.copyOf(neurons);
            }
            return view;
        }
    }
}
