package org.neuronworkbench.analysis;

import org.neuronworkbench.model.MlpNeuron;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.neuronworkbench.model.ModelConfig;
import org.neuronworkbench.model.ModelRunner;
import org.neuronworkbench.model.hooks.HookName;
import org.neuronworkbench.work.Cancel;
import org.neuronworkbench.work.Progress;
import org.neuronworkbench.work.Step;

/**
 * Prompt optimisation: short inputs that maximise a neuron at the last optimised token. Two
 * methods share one setup: {@link ContinuousPromptSearch} (input embeddings optimised with a
 * hand-written AdamW, evaluated at their nearest vocabulary embeddings by cosine) and
 * {@link DiscretePromptSearch} (greedy coordinate search over gradient-ranked token swaps, all
 * swaps of a step evaluated in one batch). For encoders [CLS] and [SEP] stay fixed around the
 * optimised tokens.
 */
public final class PromptOptimisation implements AnalysisMethod<PromptOptimisation.Request, PromptOptimisation.Result> {
    /** The neuron to maximise and how to search. */
    public record Request(MlpNeuron neuron, PromptOptions options) {
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

    /**
     * Hears the prompts found so far while the search runs (from the worker thread, so it must be
     * cheap): after every step that raised a best, the result so far, marked not cancelled, with
     * the running method's outputs not reached yet left out. Progress keeps the counts; this keeps
     * the prompts, so a pane can list them long before the search ends.
     */
    @FunctionalInterface
    public interface Found {
        Found NONE = soFar -> { };

        void soFar(Result partial);
    }

    private final ModelRunner runner;

    public PromptOptimisation(ModelRunner runner) {
        this.runner = runner;
    }

    /**
     * Steps count the continuous steps, then the discrete ones (outputs × steps), on one scale;
     * the detail carries the best activation so far. A cancel ends the running search at its next
     * step with the prompts it has, and skips the discrete search.
     */
    @Override
    public Result run(Request request, Progress progress, Cancel cancel) {
        return run(request, progress, cancel, Found.NONE);
    }

    /** As {@link #run(Request, Progress, Cancel)}, telling {@code found} about every improvement. */
    public Result run(Request request, Progress progress, Cancel cancel, Found found) {
        MlpNeuron neuron = request.neuron();
        PromptOptions o = request.options();
        PromptSpace space = PromptSpace.of(runner, neuron, o);
        long continuousSteps = o.method() == PromptOptions.Method.DISCRETE ? 0 : o.steps();
        long total = continuousSteps + (o.method() == PromptOptions.Method.CONTINUOUS ? 0 : (long) o.outputs() * o.steps());
        List<Prompt> cont = List.of();
        List<Prompt> disc = List.of();
        boolean cancelled = false;
        int forwards = 0;
        if (o.method() != PromptOptions.Method.DISCRETE) {
            ContinuousPromptSearch.Outcome c = runner.withSession(s -> ContinuousPromptSearch.run(s, space, o,
                    step -> progress.report(new Step(step.phase(), step.done(), total, step.detail())), cancel,
                    sofar -> found.soFar(new Result(neuron, space.target(),
                            prompts(runner, space, sofar.ids(), sofar.activations(), "continuous"), List.of(), null, false,
                            sofar.forwards()))));
            cont = prompts(runner, space, c.ids(), c.activations(), "continuous");
            cancelled = c.cancelled();
            forwards += c.forwards();
        }
        if (o.method() != PromptOptions.Method.CONTINUOUS && !cancelled) {
            List<Prompt> before = cont;
            int forwardsBefore = forwards;
            DiscretePromptSearch.Outcome d = runner.withSession(s -> DiscretePromptSearch.run(s, space, o,
                    step -> progress.report(new Step(step.phase(), continuousSteps + step.done(), total, step.detail())), cancel,
                    sofar -> found.soFar(new Result(neuron, space.target(), before,
                            prompts(runner, space, sofar.ids(), sofar.activations(), "discrete"), null, false,
                            forwardsBefore + sofar.forwards()))));
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

    private static List<Prompt> prompts(ModelRunner runner, PromptSpace space, int[][] slots, float[] acts, String method) {
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

    /**
     * The value the searches climb: the pre-activation, whose gradient survives where the activation
     * saturates, except for a gated MLP, whose neuron silu(gate)·up can fall while the gate rises
     * (the up projection may be negative), so there the neuron itself is climbed.
     */
    static HookName climbed(ModelConfig c, int layer) {
        return c.architecture().llamaFamily() ? HookName.mlpPost(layer) : HookName.mlpPre(layer);
    }
}
