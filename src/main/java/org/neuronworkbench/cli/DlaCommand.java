package org.neuronworkbench.cli;

import org.neuronworkbench.model.MlpNeuron;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.neuronworkbench.analysis.DirectLogitAttribution;
import org.neuronworkbench.model.ModelRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code dla}: direct logit attribution for a neuron, or the neurons that push a token. */
@Command(name = "dla", mixinStandardHelpOptions = true,
        description = "Direct logit attribution: the tokens a neuron pushes up and down (--layer/--neuron),"
                + " or the neurons that push a token most (--token WORD or --token-id ID).")
public final class DlaCommand implements Callable<Integer> {
    @Mixin
    ModelOption model;

    @Option(names = "--layer", description = "Layer of the neuron.")
    Integer layer;

    @Option(names = "--neuron", description = "Index of the neuron in its layer.")
    Integer neuron;

    @Option(names = "--token", paramLabel = "WORD", description = "A word that is exactly one token.")
    String token;

    @Option(names = "--token-id", paramLabel = "ID", description = "A vocabulary id (for models without a tokenizer).")
    Integer tokenId;

    @Option(names = "--top", defaultValue = "10", description = "How many entries at each end (default: 10).")
    int top;

    @Option(names = "--no-ln-final", description = "Leave out the final LayerNorm gain (decoders).")
    boolean noLn;

    @Option(names = "--json", description = "Print JSON on stdout (logs go to stderr).")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        boolean byNeuron = layer != null || neuron != null;
        boolean byToken = token != null || tokenId != null;
        if (byNeuron == byToken || (token != null && tokenId != null)) {
            throw new IllegalArgumentException("Give either --layer and --neuron, or one of --token / --token-id.");
        }
        if (byNeuron && (layer == null || neuron == null)) {
            throw new IllegalArgumentException("--layer and --neuron go together.");
        }
        try (ModelRunner runner = model.load()) {
            DirectLogitAttribution dla = new DirectLogitAttribution(runner);
            PrintWriter out = spec.commandLine().getOut();
            if (byNeuron) {
                DirectLogitAttribution.NeuronLogits r = (DirectLogitAttribution.NeuronLogits) dla.run(
                        new DirectLogitAttribution.ForNeuron(new MlpNeuron(layer, neuron), top, !noLn));
                if (json) {
                    ObjectNode root = header(r.approximate(), r.note(), r.throughLnFinal());
                    root.put("neuron", r.neuron().toString());
                    tokens(root.putArray("top"), r.top());
                    tokens(root.putArray("bottom"), r.bottom());
                    Json.print(out, root);
                } else {
                    note(out, r.note());
                    out.printf("neuron %s: tokens pushed up%n", r.neuron());
                    r.top().forEach(t -> out.printf("  %+9.4f  %s (%d)%n", t.score(), TerminalText.quote(t.token()), t.id()));
                    out.println("tokens pushed down");
                    r.bottom().forEach(t -> out.printf("  %+9.4f  %s (%d)%n", t.score(), TerminalText.quote(t.token()), t.id()));
                }
            } else {
                int id = tokenId != null ? tokenId : DirectLogitAttribution.tokenId(runner, token);
                DirectLogitAttribution.TokenPushers r = (DirectLogitAttribution.TokenPushers) dla.run(
                        new DirectLogitAttribution.ForToken(id, top, !noLn));
                if (json) {
                    ObjectNode root = header(r.approximate(), r.note(), r.throughLnFinal());
                    root.put("token", r.token());
                    root.put("token_id", r.tokenId());
                    neurons(root.putArray("top"), r.top());
                    neurons(root.putArray("bottom"), r.bottom());
                    Json.print(out, root);
                } else {
                    note(out, r.note());
                    out.printf("token %s (%d): neurons that push it up%n", TerminalText.quote(r.token()), r.tokenId());
                    r.top().forEach(n -> out.printf("  %+9.4f  %s%n", n.score(), n.neuron()));
                    out.println("neurons that push it down");
                    r.bottom().forEach(n -> out.printf("  %+9.4f  %s%n", n.score(), n.neuron()));
                }
            }
            out.flush();
            return 0;
        }
    }

    private static ObjectNode header(boolean approximate, String note, boolean ln) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("approximate", approximate);
        root.put("note", note);
        root.put("through_ln_final", ln);
        return root;
    }

    private static void note(PrintWriter out, String note) {
        if (note != null) {
            out.println("note: " + note);
        }
    }

    private static void tokens(ArrayNode arr, List<DirectLogitAttribution.TokenScore> list) {
        for (DirectLogitAttribution.TokenScore t : list) {
            ObjectNode o = arr.addObject();
            o.put("token", t.token());
            o.put("id", t.id());
            o.put("score", t.score());
        }
    }

    private static void neurons(ArrayNode arr, List<DirectLogitAttribution.NeuronScore> list) {
        for (DirectLogitAttribution.NeuronScore n : list) {
            ObjectNode o = arr.addObject();
            o.put("layer", n.neuron().layer());
            o.put("neuron", n.neuron().index());
            o.put("score", n.score());
        }
    }
}
