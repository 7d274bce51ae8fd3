package org.neuronworkbench.cli;

import org.neuronworkbench.model.MlpNeuron;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.neuronworkbench.analysis.NoiseSensitivity;
import org.neuronworkbench.analysis.TargetPosition;
import org.neuronworkbench.model.ModelRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code noise}: how much noise on each token's embedding moves the neuron. */
@Command(name = "noise", mixinStandardHelpOptions = true,
        description = "Add Gaussian noise to one token's embedding at a time and average the neuron's change.")
public final class NoiseCommand implements Callable<Integer> {
    @Mixin
    ModelOption model;

    @Mixin
    InputOption input;

    @Mixin
    NeuronOption target;

    @Option(names = "--position", defaultValue = "last", paramLabel = "last|max|INDEX", description = "Target token (default: last).")
    String position;

    @Option(names = "--sigma", defaultValue = "0.1", description = "Noise standard deviation in embedding units (default: 0.1).")
    double sigma;

    @Option(names = "--samples", defaultValue = "16", description = "Noise samples per token (default: 16).")
    int samples;

    @Option(names = "--seed", defaultValue = "1", description = "Random seed (default: 1).")
    long seed;

    @Option(names = "--json", description = "Print JSON on stdout (logs go to stderr).")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        TargetPosition pos = TargetPosition.parse(position);
        try (ModelRunner runner = model.load()) {
            PrintWriter out = spec.commandLine().getOut();
            NoiseSensitivity.Result r = new NoiseSensitivity(runner).run(new NoiseSensitivity.Request(
                    input.sequence(runner, spec.commandLine().getErr()), target.in(runner.config()), pos, sigma, samples, seed));
            MlpNeuron n = r.neuron();
            if (json) {
                ObjectNode root = Json.MAPPER.createObjectNode();
                root.put("layer", n.layer());
                root.put("neuron", n.index());
                root.put("target", r.target());
                root.put("clean_activation", r.clean());
                root.put("sigma", r.sigma());
                root.put("samples", r.samples());
                root.put("seed", r.seed());
                ArrayNode toks = root.putArray("tokens");
                for (NoiseSensitivity.TokenEffect e : r.tokens()) {
                    ObjectNode o = toks.addObject();
                    o.put("index", e.index());
                    o.put("token", e.token());
                    o.put("special", e.special());
                    o.put("mean_change", e.meanChange());
                    o.put("mean_abs_change", e.meanAbsChange());
                }
                root.put("forwards", r.forwards());
                Json.print(out, root);
            } else {
                out.printf("neuron %s at token %d = %.4f; sigma %s, %d samples, seed %d%n", n, r.target(),
                        r.clean(), r.sigma(), r.samples(), r.seed());
                out.printf("%5s  %-16s %12s %12s%n", "index", "token", "mean change", "mean |change|");
                for (NoiseSensitivity.TokenEffect e : r.tokens()) {
                    out.printf("%5d  %-16s %12.5f %12.5f%n", e.index(), TerminalText.quote(e.token()), e.meanChange(), e.meanAbsChange());
                }
                out.flush();
            }
            return 0;
        }
    }
}
