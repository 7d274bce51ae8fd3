package org.neuronworkbench.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import org.neuronworkbench.index.CorpusIndex;
import org.neuronworkbench.index.NeuronSort;
import org.neuronworkbench.index.NeuronSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code neurons}: the neuron table of an index, sorted. */
@Command(name = "neurons", mixinStandardHelpOptions = true,
        description = "List neurons by max activation, fraction active, or selectivity (z of the best token type's mean).")
public final class NeuronsCommand implements Callable<Integer> {
    @Mixin
    IndexDirOption index;

    @Option(names = "--layer", description = "Only this layer.")
    Integer layer;

    @Option(names = "--sort", defaultValue = "max", description = "max, frac_active or selectivity (default ${DEFAULT-VALUE}).")
    String sort;

    @Option(names = "--limit", defaultValue = "50", description = "Rows (0 = all; default ${DEFAULT-VALUE}).")
    int limit;

    @Option(names = "--json", description = "Print JSON on stdout.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Limits.check("--limit", limit, 0, Integer.MAX_VALUE);
        NeuronSort by = NeuronSort.parse(sort);
        try (CorpusIndex idx = index.open()) {
            List<NeuronSummary> rows = idx.neurons(layer == null ? OptionalInt.empty() : OptionalInt.of(layer), by, limit);
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                ObjectNode root = Json.MAPPER.createObjectNode();
                root.put("sort", by.name().toLowerCase(java.util.Locale.ROOT));
                ArrayNode arr = root.putArray("neurons");
                for (NeuronSummary n : rows) {
                    arr.addObject().put("layer", n.layer()).put("neuron", n.neuron()).put("max", n.max())
                            .put("frac_active", n.fracActive()).put("top_token", n.topToken())
                            .put("selectivity", n.selectivity()).put("dead", n.dead());
                }
                Json.print(out, root);
            } else {
                out.printf("%5s %6s %9s %8s %11s  %s%n", "layer", "neuron", "max", "active", "selectivity", "top token");
                for (NeuronSummary n : rows) {
                    out.printf("%5d %6d %9.4f %7.1f%% %11.2f  %s%s%n", n.layer(), n.neuron(), n.max(), 100 * n.fracActive(),
                            n.selectivity(), TerminalText.quote(n.topToken()), n.dead() ? " (dead)" : "");
                }
                out.flush();
            }
            return 0;
        }
    }
}
