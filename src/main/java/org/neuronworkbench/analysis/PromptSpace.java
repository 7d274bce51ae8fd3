package org.neuronworkbench.analysis;

import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.neuronworkbench.model.MlpNeuron;
import org.neuronworkbench.model.ModelRunner;
import org.neuronworkbench.model.Token;
import org.neuronworkbench.model.TokenizedText;
import org.neuronworkbench.work.Step;

/**
 * What is optimised: {@code length} slots between an optional prefix and suffix (encoders:
 * [CLS] and [SEP]), the neuron read at the last slot, and the token ids the slots may take.
 */
public record PromptSpace(MlpNeuron neuron, int[] prefix, int[] suffix, int length, boolean[] banned, int fixedPosition,
                          int fixedToken) {
    private static final Pattern BRACKETED = Pattern.compile("\\[[^\\]]+\\]|<\\|[^|]+\\|>");

    public static PromptSpace of(ModelRunner runner, MlpNeuron neuron, PromptOptions o) {
        neuron.checkedAgainst(runner.config());
        int vocab = runner.config().vocabSize();
        if (o.length() < 1 || o.outputs() < 1 || o.steps() < 1 || o.topK() < 1) {
            throw new IllegalArgumentException("Length, outputs, steps and top-k must each be at least 1.");
        }
        int[] prefix = new int[0];
        int[] suffix = new int[0];
        boolean[] banned = new boolean[vocab];
        if (runner.hasTokenizer()) {
            TokenizedText probe = runner.tokenize("a");
            List<Token> t = probe.tokens();
            int lead = 0;
            while (lead < t.size() && t.get(lead).special()) {
                lead++;
            }
            int tail = t.size();
            while (tail > lead && t.get(tail - 1).special()) {
                tail--;
            }
            prefix = java.util.Arrays.copyOf(probe.ids(), lead);
            suffix = java.util.Arrays.copyOfRange(probe.ids(), tail, t.size());
            for (int id = 0; id < vocab; id++) {
                // [CLS], [unused12], <|endoftext|>: control tokens are not words to show.
                banned[id] = BRACKETED.matcher(runner.tokenizer().vocabString(id)).matches();
            }
        }
        int special = prefix.length + suffix.length;
        if (o.length() + special > runner.config().maxPositions()) {
            throw new IllegalArgumentException("Length " + o.length() + " does not fit the model's "
                    + runner.config().maxPositions() + " positions.");
        }
        if (o.fixedPosition() >= 0) {
            if (o.fixedPosition() >= o.length()) {
                throw new IllegalArgumentException("Fixed position " + o.fixedPosition() + " is beyond the "
                        + o.length() + " optimised tokens (0.." + (o.length() - 1) + ").");
            }
            if (o.fixedToken() < 0 || o.fixedToken() >= vocab) {
                throw new IllegalArgumentException("Fixed token id " + o.fixedToken() + " is outside the vocabulary.");
            }
        }
        return new PromptSpace(neuron, prefix, suffix, o.length(), banned, o.fixedPosition(), o.fixedToken());
    }

    /** Index of the measured token in the full ids. */
    public int target() {
        return prefix.length + length - 1;
    }

    public int[] full(int[] slots) {
        int[] ids = new int[prefix.length + length + suffix.length];
        System.arraycopy(prefix, 0, ids, 0, prefix.length);
        System.arraycopy(slots, 0, ids, prefix.length, length);
        System.arraycopy(suffix, 0, ids, prefix.length + length, suffix.length);
        return ids;
    }

    public int[] withFixed(int[] slots) {
        if (fixedPosition >= 0) {
            slots[fixedPosition] = fixedToken;
        }
        return slots;
    }

    /** Uniformly random allowed token slots (the fixed slot set), for starts and baselines. */
    public static int[] randomSlots(PromptSpace space, Random rnd) {
        int[] s = new int[space.length()];
        for (int i = 0; i < s.length; i++) {
            int id;
            do {
                id = rnd.nextInt(space.banned().length);
            } while (space.banned()[id]);
            s[i] = id;
        }
        return space.withFixed(s);
    }

    /**
     * A search's step: {@code done}/{@code total} are the search's own units (the caller puts them
     * on the whole call's scale), the detail counts what the form asked for ("output 2 of 5 · step
     * 13 of 60") and the best activation so far, which the pane shows live.
     *
     * @param output 1-based output of a search that runs one output after the other, 0 when all
     *               outputs move together
     */
    static Step step(String phase, long done, long total, int output, int outputs, int step, int steps, float best) {
        String where = output > 0 ? String.format(java.util.Locale.ROOT, "output %d of %d · ", output, outputs) : "";
        return new Step(phase, done, total, String.format(java.util.Locale.ROOT, "%sstep %d of %d · best %.4f",
                where, step, steps, best));
    }
}
