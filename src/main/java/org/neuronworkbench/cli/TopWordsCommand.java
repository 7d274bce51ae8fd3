package org.neuronworkbench.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.neuronworkbench.index.CorpusIndex;
import org.neuronworkbench.index.TokenScore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code top-words}: NeuroX get_top_words from an index. */
@Command(name = "top-words", mixinStandardHelpOptions = true,
        description = "Token types with the highest mean |z-score| for a neuron (NeuroX get_top_words), normalised by the max.")
public final class TopWordsCommand implements Callable<Integer> {
    @Mixin
    IndexDirOption index;

    @Mixin
    NeuronOption target;

    @Option(names = "--num-tokens", defaultValue = "20", description = "How many (0 = all; default ${DEFAULT-VALUE}).")
    int numTokens;

    @Option(names = "--min-threshold", defaultValue = "0.1",
            description = "Keep normalised scores above this, as NeuroX's get_top_words does by default (default ${DEFAULT-VALUE}).")
    double minThreshold;

    @Option(names = "--json", description = "Print JSON on stdout.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Limits.check("--num-tokens", numTokens, 0, Integer.MAX_VALUE);
        try (CorpusIndex idx = index.open()) {
            List<TokenScore> words = idx.topWords(target.layer, target.neuron, numTokens, minThreshold);
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                ObjectNode root = Json.MAPPER.createObjectNode();
                root.put("layer", target.layer);
                root.put("neuron", target.neuron);
                root.set("top_words", scores(words));
                Json.print(out, root);
            } else {
                words.forEach(w -> out.printf("%-20s %.4f  (%d)%n", TerminalText.quote(w.token()), w.score(), w.count()));
                out.flush();
            }
            return 0;
        }
    }

    static ArrayNode scores(List<TokenScore> words) {
        ArrayNode arr = Json.MAPPER.createArrayNode();
        for (TokenScore w : words) {
            arr.addObject().put("token", w.token()).put("token_id", w.tokenId()).put("score", w.score()).put("count", w.count());
        }
        return arr;
    }
}
