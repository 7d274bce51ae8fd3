package org.neuronworkbench.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.neuronworkbench.analysis.DirectLogitAttribution;
import org.neuronworkbench.analysis.PromptOptimisation;
import org.neuronworkbench.analysis.PromptOptions;
import org.neuronworkbench.analysis.PromptOptions.Method;
import org.neuronworkbench.model.ModelRunner;
import org.neuronworkbench.work.Cancel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code optimize}: search for short inputs that maximise a neuron. */
@Command(name = "optimise", aliases = "optimize", mixinStandardHelpOptions = true,
        description = "Find short inputs that maximise a neuron at the last token (continuous and/or discrete search).")
public final class OptimiseCommand implements Callable<Integer> {
    @Mixin
    ModelOption model;

    @Mixin
    NeuronOption target;

    @Option(names = "--length", defaultValue = "6", description = "Tokens to optimise (default: 6).")
    int length;

    @Option(names = "--outputs", defaultValue = "5", description = "Inputs to find per method (default: 5).")
    int outputs;

    @Option(names = "--method", defaultValue = "both", paramLabel = "continuous|discrete|both", description = "Search method (default: both).")
    String method;

    @Option(names = "--steps", defaultValue = "60", description = "Steps per search (default: 60).")
    int steps;

    @Option(names = "--seed", defaultValue = "1", description = "Random seed (default: 1).")
    long seed;

    @Option(names = "--lr", defaultValue = "1.0", description = "Continuous step size, in RMS entries of the embedding matrix (default: 1.0).")
    double lr;

    @Option(names = "--diversity", defaultValue = "0.1", description = "Weight of the penalty on similar continuous outputs (default: 0.1).")
    double diversity;

    @Option(names = "--fix", paramLabel = "POS:WORD", description = "Hold one optimised slot at a token, e.g. 2:the or 2:#17.")
    String fix;

    @Option(names = "--json", description = "Print JSON on stdout (progress goes to stderr).")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Method m = switch (method.toLowerCase(Locale.ROOT)) {
            case "continuous" -> Method.CONTINUOUS;
            case "discrete" -> Method.DISCRETE;
            case "both" -> Method.BOTH;
            default -> throw new IllegalArgumentException("Method '" + method + "' is not continuous, discrete or both.");
        };
        try (ModelRunner runner = model.load()) {
            int fixPos = -1;
            int fixTok = -1;
            if (fix != null) {
                int colon = fix.indexOf(':');
                if (colon <= 0 || colon == fix.length() - 1) {
                    throw new IllegalArgumentException("--fix '" + fix + "' is not POS:WORD (e.g. 2:the or 2:#17).");
                }
                try {
                    fixPos = Integer.parseInt(fix.substring(0, colon).trim());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("--fix position '" + fix.substring(0, colon) + "' is not a number.");
                }
                String w = fix.substring(colon + 1);
                fixTok = w.startsWith("#") ? parseId(w.substring(1)) : DirectLogitAttribution.tokenId(runner, w);
            }
            PromptOptions o = new PromptOptions(length, outputs, m, steps, seed, lr, 0.01, diversity, fixPos, fixTok, 8);
            PrintWriter err = spec.commandLine().getErr();
            int[] lastPct = {-1};
            PromptOptimisation.Result r = new PromptOptimisation(runner).run(new PromptOptimisation.Request(
                    target.in(runner.config()), o), step -> {
                int pct = (int) Math.round(100 * step.fraction());
                if (pct / 10 != lastPct[0] / 10) {
                    lastPct[0] = pct;
                    err.printf("%s %3d%%  %s%n", step.phase(), pct, step.detail());
                    err.flush();
                }
            }, Cancel.NEVER);
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                ObjectNode root = Json.MAPPER.createObjectNode();
                root.put("layer", r.neuron().layer());
                root.put("neuron", r.neuron().index());
                root.put("target", r.target());
                prompts(root.putArray("continuous"), r.continuous());
                prompts(root.putArray("discrete"), r.discrete());
                root.put("better", r.better());
                root.put("forwards", r.forwards());
                Json.print(out, root);
            } else {
                for (List<PromptOptimisation.Prompt> list : List.of(r.continuous(), r.discrete())) {
                    for (PromptOptimisation.Prompt p : list) {
                        out.printf("%-10s %9.4f  %s%n", p.method(), p.activation(), TerminalText.safe(String.join(" ", p.tokens())));
                    }
                }
                if (r.better() != null) {
                    out.println("higher: " + r.better());
                }
                out.flush();
            }
            return 0;
        }
    }

    private static int parseId(String s) {
        try {
            return Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Token id '#" + s + "' is not a number.");
        }
    }

    private static void prompts(ArrayNode arr, List<PromptOptimisation.Prompt> list) {
        for (PromptOptimisation.Prompt p : list) {
            ObjectNode o = arr.addObject();
            ArrayNode t = o.putArray("tokens");
            p.tokens().forEach(t::add);
            ArrayNode ids = o.putArray("ids");
            for (int id : p.ids()) {
                ids.add(id);
            }
            o.put("activation", p.activation());
        }
    }
}
