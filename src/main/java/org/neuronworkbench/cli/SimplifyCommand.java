package org.neuronworkbench.cli;

import org.neuronworkbench.model.MlpNeuron;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.neuronworkbench.analysis.ContextPruning;
import org.neuronworkbench.analysis.Simplification;
import org.neuronworkbench.analysis.SimplificationJson;
import org.neuronworkbench.analysis.TargetPosition;
import org.neuronworkbench.analysis.TokenSequence;
import org.neuronworkbench.model.ModelRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code simplify}: remove tokens greedily while the neuron stays as high as possible. */
@Command(name = "simplify", mixinStandardHelpOptions = true,
        description = "Remove tokens one at a time, keeping the neuron's activation at the target token highest.")
public final class SimplifyCommand implements Callable<Integer> {
    @Mixin
    ModelOption model;

    @Mixin
    InputOption input;

    @Mixin
    NeuronOption target;

    @Option(names = "--position", defaultValue = "last", paramLabel = "last|max|INDEX",
            description = "Target token: the last text token, where the neuron is highest, or a token index (default: last).")
    String position;

    @Option(names = "--prune", paramLabel = "PERCENT",
            description = "Also find the shortest context ending at the target that keeps this share of the activation.")
    Double prune;

    @Option(names = "--json", description = "Print JSON on stdout (logs go to stderr).")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        TargetPosition pos = TargetPosition.parse(position);
        try (ModelRunner runner = model.load()) {
            PrintWriter out = spec.commandLine().getOut();
            TokenSequence seq = input.sequence(runner, spec.commandLine().getErr());
            MlpNeuron n = target.in(runner.config());
            Simplification.Result r = new Simplification(runner).run(new Simplification.Request(seq, n, pos));
            ContextPruning.Result p = prune == null ? null
                    : new ContextPruning(runner).run(new ContextPruning.Request(seq, n, pos, prune / 100.0));
            if (json) {
                Json.print(out, SimplificationJson.of(r, p));
            } else {
                print(out, r, p);
            }
            return 0;
        }
    }

    private static void print(PrintWriter out, Simplification.Result r, ContextPruning.Result p) {
        out.printf("neuron %s, %d steps, %d forwards%n", r.neuron(), r.steps().size(), r.forwards());
        for (Simplification.Step s : r.steps()) {
            out.printf("%10.4f  %-14s %s%n", s.targetActivation(),
                    s.removed() == null ? "(original)" : "-" + TerminalText.quote(s.removed()),
                    TerminalText.safe(String.join(" ", s.tokens())));
        }
        if (p != null) {
            out.printf("%nprune to %.0f%%: %s  activation %.4f of %.4f%s%n", p.keep() * 100, TerminalText.safe(String.join(" ", p.tokens())),
                    p.activation(), p.original(), p.met() ? "" : " (no context reaches the share; longest shown)");
        }
        out.flush();
    }
}
