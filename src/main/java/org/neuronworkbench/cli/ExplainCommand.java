package org.neuronworkbench.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.neuronworkbench.analysis.explain.Evidence;
import org.neuronworkbench.analysis.explain.ExplainLayer;
import org.neuronworkbench.analysis.explain.ExplainNeuron;
import org.neuronworkbench.analysis.explain.ExplanationStore;
import org.neuronworkbench.analysis.explain.LlmClient;
import org.neuronworkbench.analysis.explain.NearestWords;
import org.neuronworkbench.analysis.explain.NeuronExplanation;
import org.neuronworkbench.analysis.explain.SentenceEncoder;
import org.neuronworkbench.analysis.explain.StoredExplanation;
import org.neuronworkbench.analysis.explain.Substitutions;
import org.neuronworkbench.index.CorpusIndex;
import org.neuronworkbench.index.TokenScore;
import org.neuronworkbench.model.MlpNeuron;
import org.neuronworkbench.model.ModelLoader;
import org.neuronworkbench.model.ModelRunner;
import org.neuronworkbench.work.Cancel;
import org.neuronworkbench.work.Progress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code explain}: one neuron (evidence, coherence, substitutions, explanation, score) or whole layers. */
@Command(name = "explain", mixinStandardHelpOptions = true,
        description = "Explain a neuron (--layer L --neuron N) or every neuron of a layer (--layer L|all) from an index;"
                + " results are stored in the index folder (" + ExplanationStore.FILE + ").")
public final class ExplainCommand implements Callable<Integer> {
    @Option(names = "--index", required = true, paramLabel = "DIR", description = "Index folder written by the index command.")
    Path indexDir;

    @Option(names = "--layer", required = true, paramLabel = "L|all", description = "Layer of the neuron, or all layers.")
    String layer;

    @Option(names = "--neuron", paramLabel = "N", description = "Neuron to explain; without it, the whole layer.")
    Integer neuron;

    @Option(names = "--resume", description = "Whole layers: skip neurons already explained in this index.")
    boolean resume;

    @Option(names = "--model", paramLabel = "default|DIR|HF_ID", description = "The index's model (default: the one recorded in the index).")
    String model;

    @Option(names = "--no-substitutions", description = "Skip falsification by substitution (no model forwards).")
    boolean noSubstitutions;

    @Mixin
    LlmOptions llmOptions;

    @Option(names = "--json", description = "Print JSON on stdout (progress and warnings go to stderr).")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        List<Integer> layers = null;
        if (!layer.strip().equalsIgnoreCase("all")) {
            try {
                layers = List.of(Integer.parseInt(layer.strip()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--layer '" + layer + "' is not a layer number or 'all'");
            }
        }
        if (neuron != null && layers == null) {
            throw new IllegalArgumentException("--neuron needs one --layer, not 'all'");
        }
        if (neuron != null && resume) {
            throw new IllegalArgumentException("--resume is for whole layers: drop --neuron");
        }
        LlmClient llm = llmOptions.client();
        PrintWriter err = spec.commandLine().getErr();
        try (CorpusIndex index = CorpusIndex.open(indexDir)) {
            if (layers == null) {
                layers = new ArrayList<>();
                for (int l = 0; l < index.info().layers(); l++) {
                    layers.add(l);
                }
            }
            String source = model != null ? model : index.info().modelSource();
            try (ModelRunner runner = ModelLoader.load(source);
                 ModelRunner minilm = ModelLoader.DEFAULT.equals(runner.source()) ? null : ModelLoader.load(ModelLoader.DEFAULT)) {
                SentenceEncoder encoder = new SentenceEncoder(minilm != null ? minilm : runner);
                NearestWords words = noSubstitutions ? null : new NearestWords(encoder);
                ModelRunner studied = noSubstitutions ? null : runner;
                if (noSubstitutions) {
                    var c = runner.config();
                    index.requireModel(runner.source(), c.name(), c.layers(), c.dMlp());
                }
                if (neuron != null) {
                    return one(index, new MlpNeuron(layers.get(0), neuron), studied, encoder, words, llm, err);
                }
                return layers(index, layers, studied, encoder, words, llm, err);
            }
        }
    }

    private int one(CorpusIndex index, MlpNeuron n, ModelRunner studied, SentenceEncoder encoder, NearestWords words,
                    LlmClient llm, PrintWriter err) {
        NeuronExplanation x = ExplainNeuron.run(new ExplainNeuron.Request(index, n, studied, encoder, words, llm),
                Progress.NONE, Cancel.NEVER);
        for (String w : x.warnings()) {
            err.println("warning: " + w);
        }
        err.flush();
        ExplanationStore store = ExplanationStore.open(index.dir());
        store.put(StoredExplanation.of(x));
        store.save();
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Json.print(out, toJson(x));
        } else {
            print(out, x);
        }
        return 0;
    }

    private int layers(CorpusIndex index, List<Integer> layers, ModelRunner studied, SentenceEncoder encoder,
                       NearestWords words, LlmClient llm, PrintWriter err) {
        long[] last = {0};
        ExplainLayer.Result r = ExplainLayer.run(new ExplainLayer.Request(index, layers, studied, encoder, words, llm, resume),
                step -> {
                    long now = System.nanoTime();
                    if (now - last[0] > 1_000_000_000L) {
                        last[0] = now;
                        err.printf(Locale.ROOT, "%5.1f%%  %d/%d  %s%n", 100 * step.fraction(), step.done(), step.total(), step.detail());
                        err.flush();
                    }
                }, Cancel.NEVER);
        for (String w : r.warnings()) {
            err.println("warning: " + w);
        }
        err.flush();
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            ObjectNode o = Json.MAPPER.createObjectNode();
            ArrayNode ls = o.putArray("layers");
            layers.forEach(ls::add);
            o.put("explained", r.explained());
            o.put("already_stored", r.alreadyStored());
            o.put("dead", r.dead());
            o.put("skipped", r.skipped());
            o.put("seconds", r.elapsed().toMillis() / 1000.0);
            o.put("file", ExplanationStore.open(index.dir()).file().toString());
            Json.print(out, o);
        } else {
            out.printf(Locale.ROOT, "explained %d neurons (%d already stored, %d dead, %d skipped) in %.1f s into %s%n",
                    r.explained(), r.alreadyStored(), r.dead(), r.skipped(), r.elapsed().toMillis() / 1000.0,
                    index.dir().resolve(ExplanationStore.FILE));
            out.flush();
        }
        return 0;
    }

    static ObjectNode toJson(NeuronExplanation x) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.putObject("neuron").put("layer", x.neuron().layer()).put("index", x.neuron().index());
        ObjectNode e = root.putObject("explanation");
        e.put("text", x.explanation().text());
        e.put("method", x.explanation().method().name().toLowerCase(Locale.ROOT));
        e.put("rule", x.explanation().rule());
        number(root, "score", x.score());
        ObjectNode off = root.putObject("offline");
        off.put("text", x.offline().text());
        off.put("rule", x.offline().rule());
        number(off, "score", x.offlineScore());
        if (x.coherence() == null) {
            root.putNull("coherence");
        } else {
            number(root, "coherence", x.coherence().value());
            root.put("encoder", x.coherence().encoder());
        }
        ObjectNode ev = root.putObject("evidence");
        ArrayNode top = ev.putArray("top_tokens");
        for (Evidence.TopToken t : x.evidence().maxTokens()) {
            top.addObject().put("rank", t.rank()).put("token", t.token().text()).put("activation", t.activation())
                    .put("before", t.before()).put("after", t.after());
        }
        scores(ev.putArray("amap_tokens"), x.evidence().amapTokens());
        scores(ev.putArray("top_words"), x.evidence().topWords());
        ev.put("held_out_excerpts", x.evidence().heldOut().size());
        ArrayNode subs = root.putArray("substitutions");
        Substitutions.Result s = x.substitutions();
        if (s != null) {
            for (Substitutions.Row r : s.rows()) {
                subs.addObject().put("excerpt", r.excerpt()).put("original", r.original()).put("substitute", r.substitute())
                        .put("source", r.source()).put("activation", r.activation()).put("ratio", r.ratio()).put("kept", r.kept());
            }
            ObjectNode sum = root.putObject("substitution_summary");
            ArrayNode ext = sum.putArray("extended_tokens");
            s.extendedTokens().stream().sorted().forEach(ext::add);
            number(sum, "mean_activation", s.meanActivation());
            sum.put("kept", s.kept().size());
            sum.put("killed", s.killed().size());
            sum.put("forwards", s.forwards());
        }
        root.put("endpoint", x.endpoint());
        root.put("llm_model", x.llmModel());
        ArrayNode w = root.putArray("warnings");
        x.warnings().forEach(w::add);
        return root;
    }

    private static void scores(ArrayNode arr, List<TokenScore> scores) {
        for (TokenScore t : scores) {
            arr.addObject().put("token", t.token()).put("score", t.score()).put("count", t.count());
        }
    }

    static void number(ObjectNode o, String key, double v) {
        if (Double.isNaN(v)) {
            o.putNull(key);
        } else {
            o.put(key, v);
        }
    }

    private static void print(PrintWriter out, NeuronExplanation x) {
        out.printf(Locale.ROOT, "%s: %s  [%s, score %.2f]%n", x.neuron(), x.explanation().text(),
                x.explanation().method().name().toLowerCase(Locale.ROOT), x.score());
        if (x.explanation() != x.offline()) {
            out.printf(Locale.ROOT, "offline: %s  [score %.2f]%n", x.offline().text(), x.offlineScore());
        }
        if (x.coherence() != null) {
            out.printf(Locale.ROOT, "coherence %.3f (%s)%n", x.coherence().value(), x.coherence().encoder());
        }
        out.println("max tokens of the top excerpts:");
        for (Evidence.TopToken t : x.evidence().maxTokens()) {
            out.printf(Locale.ROOT, "  %3d %8.4f  %s[%s]%s%n", t.rank(), t.activation(), t.before(), t.token().text(), t.after());
        }
        Substitutions.Result s = x.substitutions();
        if (s != null) {
            out.printf(Locale.ROOT, "substitutions: %d kept, %d killed, mean activation %.4f, %d forward(s)%n",
                    s.kept().size(), s.killed().size(), s.meanActivation(), s.forwards());
            for (Substitutions.Row r : s.rows()) {
                if (!"self".equals(r.source())) {
                    out.printf(Locale.ROOT, "  %3d  %-14s -> %-14s %-10s %8.4f (%3.0f%%) %s%n", r.excerpt(), r.original(),
                            r.substitute(), r.source(), r.activation(), 100 * r.ratio(), r.kept() ? "kept" : "killed");
                }
            }
        }
        out.flush();
    }
}
