package org.neuronworkbench.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.neuronworkbench.index.CorpusIndex;
import org.neuronworkbench.index.Excerpt;
import org.neuronworkbench.index.IndexOptions;
import org.neuronworkbench.index.ExcerptToken;
import org.neuronworkbench.index.NeuronStats;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code top}: a neuron's statistics and top excerpts from an index. */
@Command(name = "top", mixinStandardHelpOptions = true, description = "Show a neuron's top excerpts and statistics from an index.")
public final class TopCommand implements Callable<Integer> {
    @Mixin
    IndexDirOption index;

    @Mixin
    NeuronOption target;

    @Option(names = "--k", defaultValue = "20", description = "Excerpts to show (default ${DEFAULT-VALUE}).")
    int k;

    @Option(names = "--json", description = "Print JSON on stdout.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Limits.check("--k", k, 1, IndexOptions.MAX_TOP_K);
        try (CorpusIndex idx = index.open()) {
            int layer = target.layer;
            int neuron = target.neuron;
            NeuronStats s = idx.stats(layer, neuron);
            List<Excerpt> excerpts = idx.topExcerpts(layer, neuron, k);
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                Json.print(out, toJson(s, excerpts));
                return 0;
            }
            out.printf("layer %d neuron %d: mean %.4f std %.4f min %.4f max %.4f active %.1f%%%s%n", layer, neuron,
                    s.mean(), s.std(), s.min(), s.max(), 100 * s.fracActive(), idx.isDead(layer, neuron) ? " (dead)" : "");
            for (Excerpt e : excerpts) {
                ExcerptToken t = e.tokens().get(e.maxTokenIndex());
                out.printf("%3d  %8.4f  %-18s [%s]  %s%n", e.rank(), e.activation(), TerminalText.safe(e.docId()),
                        TerminalText.safe(t.text()), TerminalText.safe(e.text()));
            }
            out.flush();
            return 0;
        }
    }

    static ObjectNode toJson(NeuronStats s, List<Excerpt> excerpts) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        ObjectNode n = root.putObject("neuron");
        n.put("layer", s.layer());
        n.put("index", s.neuron());
        n.put("mean", s.mean());
        n.put("std", s.std());
        n.put("max", s.max());
        n.put("min", s.min());
        n.put("frac_active", s.fracActive());
        ArrayNode q = n.putArray("quantiles");
        for (double v : s.quantiles()) {
            q.add(v);
        }
        ArrayNode arr = root.putArray("excerpts");
        for (Excerpt e : excerpts) {
            arr.add(excerptJson(e));
        }
        return root;
    }

    static ObjectNode excerptJson(Excerpt e) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("rank", e.rank());
        o.put("activation", e.activation());
        o.put("doc_id", e.docId());
        o.put("max_token_index", e.maxTokenIndex());
        o.put("text", e.text());
        ArrayNode toks = o.putArray("tokens");
        for (ExcerptToken t : e.tokens()) {
            ObjectNode tn = toks.addObject();
            tn.put("text", t.text());
            tn.put("start", t.start());
            tn.put("end", t.end());
            tn.put("activation", t.activation());
        }
        return o;
    }
}
