package org.neuronworkbench.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.neuronworkbench.index.CorpusIndex;
import org.neuronworkbench.index.NeuronScore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code amap}: the neurons most active on one token type, from the activation map. */
@Command(name = "amap", mixinStandardHelpOptions = true,
        description = "Neurons with the highest mean activation on a token (activation map row).")
public final class AmapCommand implements Callable<Integer> {
    @Mixin
    IndexDirOption index;

    @Option(names = "--token", required = true, description = "A vocabulary token as the model writes it, e.g. 'the' or '##ing'.")
    String token;

    @Option(names = "--top", defaultValue = "20", description = "How many neurons (default ${DEFAULT-VALUE}).")
    int top;

    @Option(names = "--json", description = "Print JSON on stdout.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Limits.check("--top", top, 1, Integer.MAX_VALUE);
        try (CorpusIndex idx = index.open()) {
            List<NeuronScore> neurons = idx.amapTopNeurons(token, top);
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                ObjectNode root = Json.MAPPER.createObjectNode();
                root.put("token", token);
                root.put("count", idx.tokenCount(token));
                ArrayNode arr = root.putArray("neurons");
                for (NeuronScore n : neurons) {
                    arr.addObject().put("layer", n.layer()).put("neuron", n.neuron()).put("mean_activation", n.score())
                            .put("dead", idx.isDead(n.layer(), n.neuron()));
                }
                Json.print(out, root);
            } else {
                neurons.forEach(n -> out.printf("L%d N%-5d %.4f%n", n.layer(), n.neuron(), n.score()));
                out.flush();
            }
            return 0;
        }
    }
}
