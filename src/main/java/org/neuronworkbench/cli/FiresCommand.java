package org.neuronworkbench.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.neuronworkbench.analysis.FiringNeurons;
import org.neuronworkbench.analysis.TokenSequence;
import org.neuronworkbench.index.CorpusIndex;
import org.neuronworkbench.model.ModelRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code fires}: which neurons of every layer fire most on a text (one forward over all layers). */
@Command(name = "fires", mixinStandardHelpOptions = true,
        description = "Rank every neuron of every layer by its largest activation on a text.")
public final class FiresCommand implements Callable<Integer> {
    @Mixin
    ModelOption model;

    @Mixin
    InputOption input;

    @Option(names = "--index", paramLabel = "DIR",
            description = "An index of the same model: adds each neuron's corpus maximum and its peak relative to it.")
    Path indexDir;

    @Option(names = "--relative", description = "Rank by peak / corpus maximum (needs --index), so rarely-firing neurons stand out.")
    boolean relative;

    @Option(names = "--top", defaultValue = "20", description = "How many neurons to list (default: 20).")
    int top;

    @Option(names = "--json", description = "Print JSON on stdout (logs go to stderr).")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (top < 1) {
            throw new IllegalArgumentException("--top " + top + " must be at least 1.");
        }
        if (relative && indexDir == null) {
            throw new IllegalArgumentException("--relative ranks by each neuron's corpus maximum: give the index with --index DIR.");
        }
        try (CorpusIndex index = indexDir == null ? null : CorpusIndex.open(indexDir);
             ModelRunner runner = model.load()) {
            TokenSequence seq = input.sequence(runner, spec.commandLine().getErr());
            FiringNeurons.Result r = new FiringNeurons(runner).run(new FiringNeurons.Request(seq, top, relative, index));
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                Json.print(out, toJson(r));
            } else {
                printTable(out, r, index != null);
            }
            return 0;
        }
    }

    private static ObjectNode toJson(FiringNeurons.Result r) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        ArrayNode toks = root.putArray("tokens");
        TokenSequence s = r.input();
        for (int i = 0; i < s.length(); i++) {
            ObjectNode t = toks.addObject();
            t.put("index", i);
            t.put("text", s.texts().get(i));
            t.put("id", s.ids()[i]);
            t.put("special", s.special()[i]);
        }
        ArrayNode ns = root.putArray("neurons");
        for (FiringNeurons.Firing f : r.neurons()) {
            ObjectNode o = ns.addObject();
            o.put("layer", f.neuron().layer());
            o.put("neuron", f.neuron().index());
            o.put("max", f.max());
            o.put("token_index", f.tokenIndex());
            putNumber(o, "index_max", f.indexMax());
            putNumber(o, "relative", f.relative());
        }
        return root;
    }

    /** JSON has no NaN: a value that does not exist (no index, a neuron that never fired) is null. */
    private static void putNumber(ObjectNode o, String name, double v) {
        if (Double.isNaN(v)) {
            o.putNull(name);
        } else {
            o.put(name, v);
        }
    }

    private static void printTable(PrintWriter out, FiringNeurons.Result r, boolean withIndex) {
        out.printf("%-10s %10s  %5s  %-16s%s%n", "neuron", "max", "token", "text",
                withIndex ? String.format(" %10s %9s", "corpus max", "relative") : "");
        for (FiringNeurons.Firing f : r.neurons()) {
            String tok = "'" + r.input().texts().get(f.tokenIndex()).replace("\n", "\\n") + "'";
            out.printf("%-10s %10.4f  %5d  %-16s%s%n", f.neuron(), f.max(), f.tokenIndex(), tok,
                    withIndex ? String.format(" %10.4f %9s", f.indexMax(),
                            Double.isNaN(f.relative()) ? "-" : String.format("%.3f", f.relative())) : "");
        }
        out.flush();
    }
}
