package org.neuronworkbench.ui.optimise;

import org.neuronworkbench.analysis.PromptOptimisation;
import org.neuronworkbench.analysis.PromptOptions;
import org.neuronworkbench.model.MlpNeuron;
import org.neuronworkbench.model.ModelRunner;
import org.neuronworkbench.work.Cancel;
import org.neuronworkbench.work.Progress;
import org.neuronworkbench.ui.common.CausalInput;

/**
 * The prompt optimisation pane's fields; {@link #run} checks them (the fixed word must be one
 * token) and runs both searches on the model thread. No JavaFX.
 *
 * @param fixedPosition blank for none, else a slot 0..length-1
 * @param fixedWord     the word held at that slot (one token, or #id)
 */
public record OptimiseViewModel(String neuron, int length, int outputs, PromptOptions.Method method, int steps,
                              String seed, String fixedPosition, String fixedWord) {

    public PromptOptions options(ModelRunner m) {
        PromptOptions o = PromptOptions.defaults().withLength(length).withOutputs(outputs)
                .withMethod(method).withSteps(steps).withSeed(parseSeed());
        String pos = fixedPosition == null ? "" : fixedPosition.strip();
        boolean word = fixedWord != null && !fixedWord.isBlank();
        if (pos.isEmpty() != !word) {
            throw new IllegalArgumentException("To fix a word, give both its position (0.." + (length - 1) + ") and the word.");
        }
        if (word) {
            int p;
            try {
                p = Integer.parseInt(pos);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("Fixed position '" + pos + "' must be a slot number 0.." + (length - 1) + ".");
            }
            o = o.withFixed(p, CausalInput.tokenId(m, fixedWord.strip()));
        }
        return o;
    }

    public PromptOptimisation.Result run(ModelRunner m, Progress progress, Cancel cancel) {
        return run(m, progress, cancel, PromptOptimisation.Found.NONE);
    }

    /** As {@link #run(ModelRunner, Progress, Cancel)}, telling {@code found} the prompts found so far. */
    public PromptOptimisation.Result run(ModelRunner m, Progress progress, Cancel cancel, PromptOptimisation.Found found) {
        CausalInput.require(m);
        MlpNeuron n = CausalInput.neuron(m, neuron);
        return new PromptOptimisation(m).run(new PromptOptimisation.Request(n, options(m)), progress, cancel, found);
    }

    /** Every prompt of a result, highest activation first: the table's rows, during and after the search. */
    public static java.util.List<PromptOptimisation.Prompt> rows(PromptOptimisation.Result r) {
        java.util.List<PromptOptimisation.Prompt> all = new java.util.ArrayList<>(r.continuous());
        all.addAll(r.discrete());
        all.sort((a, b) -> Float.compare(b.activation(), a.activation()));
        return all;
    }

    private long parseSeed() {
        try {
            return Long.parseLong(seed.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Seed '" + seed + "' must be a whole number.");
        }
    }

    /** The line under the results: which method found the higher activation. */
    public static String verdict(PromptOptimisation.Result r) {
        if (r.better() == null) {
            PromptOptimisation.Prompt best = r.best();
            return best == null ? "No prompts found." : String.format("Best: %.4f (%s).", best.activation(), best.method());
        }
        float c = r.continuous().get(0).activation();
        float d = r.discrete().get(0).activation();
        return switch (r.better()) {
            case "tie" -> String.format("Both methods reached the same activation (%.4f).", c);
            case "continuous" -> String.format("Continuous found the higher activation: %.4f vs %.4f for discrete.", c, d);
            default -> String.format("Discrete found the higher activation: %.4f vs %.4f for continuous.", d, c);
        };
    }
}
