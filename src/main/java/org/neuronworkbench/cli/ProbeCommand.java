package org.neuronworkbench.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.neuronworkbench.model.ActivationCache;
import org.neuronworkbench.model.ModelConfig;
import org.neuronworkbench.model.ModelRunner;
import org.neuronworkbench.model.Token;
import org.neuronworkbench.model.TokenizedText;
import org.neuronworkbench.model.hooks.HookName;
import org.neuronworkbench.model.hooks.HookSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code probe}: activations of one text at chosen hook points or one neuron. */
@Command(name = "probe", mixinStandardHelpOptions = true,
        description = "Run one text (or token ids) through the model and print activations per token.")
public final class ProbeCommand implements Callable<Integer> {
    @Mixin
    ModelOption model;

    @Mixin
    InputOption input;

    @Option(names = "--hook", paramLabel = "NAME", description = "Hook point, e.g. blocks.3.mlp.hook_post (repeatable).")
    List<String> hooks = new ArrayList<>();

    @Option(names = "--layer", description = "Layer of the neuron (with --neuron).")
    Integer layer;

    @Option(names = "--neuron", description = "Keep only this unit of each hook.")
    Integer neuron;

    @Option(names = "--json", description = "Print JSON on stdout (logs go to stderr).")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        try (ModelRunner runner = model.load()) {
            ModelConfig c = runner.config();
            List<HookName> names = selectedHooks(c);
            TokenizedText tokens = input.tokenized(runner, spec.commandLine().getErr());
            Set<HookName> wanted = Set.copyOf(names);
            ActivationCache cache = runner.runTokens(List.of(tokens.ids()), HookSet.caching(wanted::contains));
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                Json.print(out, toJson(c, tokens, cache, names));
            } else {
                printTable(out, tokens, cache, names);
            }
            return 0;
        }
    }

    private List<HookName> selectedHooks(ModelConfig c) {
        if (neuron != null && hooks.isEmpty() && layer == null) {
            throw new IllegalArgumentException("--neuron needs --layer (or --hook).");
        }
        if (layer != null && (layer < 0 || layer >= c.layers())) {
            throw new IllegalArgumentException("Layer " + layer + " is out of range: the model has layers 0.." + (c.layers() - 1) + ".");
        }
        List<HookName> names = new ArrayList<>();
        for (String h : hooks) {
            names.add(HookName.of(h));
        }
        if (names.isEmpty()) {
            names.add(HookName.mlpPost(layer == null ? c.layers() - 1 : layer));
        }
        List<HookName> known = HookName.all(c);
        for (HookName n : names) {
            if (!known.contains(n)) {
                throw new IllegalArgumentException("Unknown hook '" + n + "' for this model; try e.g. "
                        + HookName.mlpPost(0) + " or " + HookName.residPost(c.layers() - 1) + ".");
            }
        }
        return names;
    }

    private ObjectNode toJson(ModelConfig c, TokenizedText tokens, ActivationCache cache, List<HookName> names) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.set("model", Json.modelNode(c));
        ArrayNode toks = root.putArray("tokens");
        for (Token t : tokens.tokens()) {
            ObjectNode n = toks.addObject();
            n.put("index", t.index());
            n.put("text", t.text());
            n.put("id", t.id());
            n.put("start", t.start());
            n.put("end", t.end());
            n.put("special", t.special());
        }
        ObjectNode acts = root.putObject("activations");
        for (HookName h : names) {
            ArrayNode rows = acts.putArray(h.value());
            for (float[] row : rowsOf(cache, h)) {
                ArrayNode r = rows.addArray();
                for (float v : row) {
                    r.add(v);
                }
            }
        }
        return root;
    }

    /** Rows per token; a single-unit row when --neuron is given; attention patterns per query. */
    private List<float[]> rowsOf(ActivationCache cache, HookName h) {
        List<float[]> rows = new ArrayList<>();
        if (h.value().endsWith("hook_pattern")) {
            ActivationCache.CachedTensor t = cache.tensor(h);
            int heads = (int) t.shape()[1];
            int len = cache.length(0);
            int padded = (int) t.shape()[2];
            for (int q = 0; q < len; q++) {
                float[] r = new float[heads * len];
                for (int hd = 0; hd < heads; hd++) {
                    System.arraycopy(t.data(), (hd * padded + q) * padded, r, hd * len, len);
                }
                rows.add(r);
            }
            return rows;
        }
        if (neuron != null) {
            for (float v : cache.column(h, 0, neuron)) {
                rows.add(new float[] {v});
            }
            return rows;
        }
        return List.of(cache.rows(h, 0));
    }

    private void printTable(PrintWriter out, TokenizedText tokens, ActivationCache cache, List<HookName> names) {
        for (HookName h : names) {
            List<float[]> rows = rowsOf(cache, h);
            out.println(h + (neuron != null ? " unit " + neuron : " (width " + rows.get(0).length + ")"));
            out.printf("%5s  %-16s %8s  %s%n", "index", "token", "id", neuron != null ? "activation" : "max unit = value");
            for (Token t : tokens.tokens()) {
                float[] r = rows.get(t.index());
                String value;
                if (neuron != null) {
                    value = String.format("%.5f", r[0]);
                } else {
                    int best = 0;
                    for (int i = 1; i < r.length; i++) {
                        best = r[i] > r[best] ? i : best;
                    }
                    value = best + " = " + String.format("%.5f", r[best]);
                }
                out.printf("%5d  %-16s %8d  %s%n", t.index(), TerminalText.quote(t.text()), t.id(), value);
            }
            out.println();
        }
        out.flush();
    }
}
