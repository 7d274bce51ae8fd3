package org.neuronworkbench.analysis;

import org.neuronworkbench.model.MlpNeuron;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.neuronworkbench.model.ModelRunner;
import org.neuronworkbench.model.Token;
import org.neuronworkbench.model.TokenizedText;

/**
 * Prompt optimisation: short inputs that maximise a neuron at the last optimised token. Two
 * methods share one setup: {@link ContinuousPromptSearch} (input embeddings optimised with a
 * hand-written AdamW, evaluated at their nearest vocabulary embeddings by cosine) and
 * {@link DiscretePromptSearch} (greedy coordinate search over gradient-ranked token swaps, all
 * swaps of a step evaluated in one batch). For encoders [CLS] and [SEP] stay fixed around the
 * optimised tokens.
 */
public final class PromptOptimisation {
    public enum Method { CONTINUOUS, DISCRETE, BOTH }

    /**
     * @param learningRate  AdamW step as a fraction of the RMS entry of the embedding matrix
     * @param diversity     weight of the mean pairwise cosine between the D continuous outputs
     * @param fixedPosition slot (0..length-1) held at {@code fixedToken}, or -1 for none
     * @param topK          tokens per slot tried by the discrete search in each step
     */
    public record Options(int length, int outputs, Method method, int steps, long seed, double learningRate,
                          double weightDecay, double diversity, int fixedPosition, int fixedToken, int topK) {
        public static Options defaults() {
            return new Options(6, 5, Method.BOTH, 60, 1, 1.0, 0.01, 0.1, -1, -1, 8);
        }

        public Options withLength(int v) {
            return new Options(v, outputs, method, steps, seed, learningRate, weightDecay, diversity, fixedPosition, fixedToken, topK);
        }

        public Options withOutputs(int v) {
            return new Options(length, v, method, steps, seed, learningRate, weightDecay, diversity, fixedPosition, fixedToken, topK);
        }

        public Options withMethod(Method v) {
            return new Options(length, outputs, v, steps, seed, learningRate, weightDecay, diversity, fixedPosition, fixedToken, topK);
        }

        public Options withSteps(int v) {
            return new Options(length, outputs, method, v, seed, learningRate, weightDecay, diversity, fixedPosition, fixedToken, topK);
        }

        public Options withSeed(long v) {
            return new Options(length, outputs, method, steps, v, learningRate, weightDecay, diversity, fixedPosition, fixedToken, topK);
        }

        public Options withFixed(int position, int token) {
            return new Options(length, outputs, method, steps, seed, learningRate, weightDecay, diversity, position, token, topK);
        }
    }

    /** One optimised input: the full ids (special tokens included) and the neuron's value. */
    public record Prompt(int[] ids, List<String> tokens, float activation, String method) {
        public Prompt {
            ids = ids.clone();
            tokens = List.copyOf(tokens);
        }
    }

    /**
     * @param better "continuous", "discrete" or "tie" when both ran; null otherwise
     * @param target index of the measured token in each prompt's ids
     */
    public record Result(MlpNeuron neuron, int target, List<Prompt> continuous, List<Prompt> discrete, String better,
                         boolean cancelled, int forwards) {
        public Result {
            continuous = List.copyOf(continuous);
            discrete = List.copyOf(discrete);
        }

        public Prompt best() {
            List<Prompt> all = new ArrayList<>(continuous);
            all.addAll(discrete);
            return all.stream().max(Comparator.comparingDouble(Prompt::activation)).orElse(null);
        }
    }

    private static final Pattern BRACKETED = Pattern.compile("\\[[^\\]]+\\]|<\\|[^|]+\\|>");

    private PromptOptimisation() {
    }

    public static Result run(ModelRunner runner, MlpNeuron neuron, Options o, Progress progress, CancelFlag cancel) {
        Space space = Space.of(runner, neuron, o);
        List<Prompt> cont = List.of();
        List<Prompt> disc = List.of();
        boolean cancelled = false;
        int forwards = 0;
        if (o.method() != Method.DISCRETE) {
            ContinuousPromptSearch.Outcome c = runner.withSession(s -> ContinuousPromptSearch.run(s, space, o, progress, cancel));
            cont = prompts(runner, space, c.ids(), c.activations(), "continuous");
            cancelled = c.cancelled();
            forwards += c.forwards();
        }
        if (o.method() != Method.CONTINUOUS && !cancelled) {
            DiscretePromptSearch.Outcome d = runner.withSession(s -> DiscretePromptSearch.run(s, space, o, progress, cancel));
            disc = prompts(runner, space, d.ids(), d.activations(), "discrete");
            cancelled = d.cancelled();
            forwards += d.forwards();
        }
        String better = null;
        if (!cont.isEmpty() && !disc.isEmpty()) {
            float a = cont.get(0).activation();
            float b = disc.get(0).activation();
            better = a > b ? "continuous" : b > a ? "discrete" : "tie";
        }
        return new Result(neuron, space.target(), cont, disc, better, cancelled, forwards);
    }

    private static List<Prompt> prompts(ModelRunner runner, Space space, int[][] slots, float[] acts, String method) {
        List<Prompt> out = new ArrayList<>();
        for (int i = 0; i < slots.length; i++) {
            if (slots[i] == null) {
                continue;
            }
            int[] ids = space.full(slots[i]);
            List<String> texts = new ArrayList<>();
            for (int id : ids) {
                texts.add(TokenSequence.display(runner, id));
            }
            out.add(new Prompt(ids, texts, acts[i], method));
        }
        out.sort(Comparator.comparingDouble(Prompt::activation).reversed());
        return out;
    }

    /** Uniformly random allowed token slots (the fixed slot set), for starts and baselines. */
    /**
     * The value the searches climb: the pre-activation, whose gradient survives where the activation
     * saturates, except for a gated MLP, whose neuron silu(gate)·up can fall while the gate rises
     * (the up projection may be negative), so there the neuron itself is climbed.
     */
    static org.neuronworkbench.model.hooks.HookName climbed(org.neuronworkbench.model.ModelConfig c, int layer) {
        return c.architecture().llamaFamily() ? org.neuronworkbench.model.hooks.HookName.mlpPost(layer)
                : org.neuronworkbench.model.hooks.HookName.mlpPre(layer);
    }

    public static int[] randomSlots(Space space, Random rnd) {
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
     * What is optimised: {@code length} slots between an optional prefix and suffix (encoders:
     * [CLS] and [SEP]), the neuron read at the last slot, and the token ids the slots may take.
     */
    public record Space(MlpNeuron neuron, int[] prefix, int[] suffix, int length, boolean[] banned, int fixedPosition,
                        int fixedToken) {

        public static Space of(ModelRunner runner, MlpNeuron neuron, Options o) {
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
            return new Space(neuron, prefix, suffix, o.length(), banned, o.fixedPosition(), o.fixedToken());
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
    }
}
