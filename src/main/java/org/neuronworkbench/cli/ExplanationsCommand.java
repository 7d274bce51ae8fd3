package org.neuronworkbench.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.neuronworkbench.analysis.explain.ExplanationStore;
import org.neuronworkbench.analysis.explain.Rescore;
import org.neuronworkbench.analysis.explain.StoredExplanation;
import org.neuronworkbench.index.CorpusIndex;
import org.neuronworkbench.work.Cancel;
import org.neuronworkbench.work.Progress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code explanations}: list, search and sort stored explanations; re-score them on another index. */
@Command(name = "explanations", mixinStandardHelpOptions = true,
        description = "List the explanations stored in an index, search their text, sort by score, or re-score them"
                + " on another index of the same model (--rescore-on) to find those whose score dropped.")
public final class ExplanationsCommand implements Callable<Integer> {
    @Option(names = "--index", required = true, paramLabel = "DIR", description = "Index folder holding the explanations.")
    Path indexDir;

    @Option(names = "--search", paramLabel = "TEXT", description = "Only explanations whose text contains TEXT (any case).")
    String search;

    @Option(names = "--sort", paramLabel = "score|neuron", defaultValue = "neuron", description = "Order (default: neuron).")
    String sort;

    @Option(names = "--limit", defaultValue = "0", description = "Show at most this many (0 = all).")
    int limit;

    @Option(names = "--rescore-on", paramLabel = "DIR", description = "Another index of the same model to re-score on.")
    Path rescoreOn;

    @Option(names = "--min-drop", defaultValue = "0.1", description = "Re-scoring: report drops of at least this much (default ${DEFAULT-VALUE}).")
    double minDrop;

    @Option(names = "--json", description = "Print JSON on stdout.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        String order = sort.strip().toLowerCase(Locale.ROOT);
        if (!order.equals("score") && !order.equals("neuron")) {
            throw new IllegalArgumentException("unknown sort '" + sort + "': use score or neuron");
        }
        if (limit < 0) {
            throw new IllegalArgumentException("--limit must be 0 (all) or more (got " + limit + ")");
        }
        try (CorpusIndex index = CorpusIndex.open(indexDir)) {
            List<StoredExplanation> all = new ArrayList<>(ExplanationStore.open(index.dir()).all());
            if (search != null) {
                String s = search.strip().toLowerCase(Locale.ROOT);
                all.removeIf(x -> !x.text().toLowerCase(Locale.ROOT).contains(s));
            }
            if (order.equals("score")) {
                all.sort(Comparator.comparingDouble((StoredExplanation x) -> Double.isNaN(x.score()) ? -2 : x.score()).reversed());
            }
            if (rescoreOn != null) {
                return rescore(index, all);
            }
            List<StoredExplanation> shown = limit > 0 ? all.subList(0, Math.min(limit, all.size())) : all;
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                ObjectNode root = Json.MAPPER.createObjectNode();
                root.put("count", all.size());
                ArrayNode arr = root.putArray("explanations");
                for (StoredExplanation x : shown) {
                    arr.add(row(x));
                }
                Json.print(out, root);
            } else {
                for (StoredExplanation x : shown) {
                    out.printf(Locale.ROOT, "%-9s %6.2f  %-7s %s%n", x.neuron(), x.score(), x.method(), x.text());
                }
                out.printf("%d explanation(s)%n", all.size());
                out.flush();
            }
            return 0;
        }
    }

    private int rescore(CorpusIndex index, List<StoredExplanation> explanations) {
        try (CorpusIndex other = CorpusIndex.open(rescoreOn)) {
            Rescore.Result r = Rescore.run(new Rescore.Request(explanations, index.info(), other, minDrop), Progress.NONE,
                    Cancel.NEVER);
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                ObjectNode root = Json.MAPPER.createObjectNode();
                root.put("checked", r.checked());
                root.put("skipped_dead", r.skipped());
                root.put("min_drop", minDrop);
                ArrayNode arr = root.putArray("dropped");
                for (Rescore.Row row : r.dropped()) {
                    ObjectNode o = row(row.explanation());
                    o.put("new_score", row.newScore());
                    o.put("drop", row.drop());
                    arr.add(o);
                }
                Json.print(out, root);
            } else {
                for (Rescore.Row row : r.dropped()) {
                    out.printf(Locale.ROOT, "%-9s %6.2f -> %6.2f  %s%n", row.explanation().neuron(), row.explanation().score(),
                            row.newScore(), row.explanation().text());
                }
                out.printf(Locale.ROOT, "%d of %d explanation(s) dropped by at least %.2f on %s%n", r.dropped().size(),
                        r.checked(), minDrop, rescoreOn);
                out.flush();
            }
            return 0;
        }
    }

    private static ObjectNode row(StoredExplanation x) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.putObject("neuron").put("layer", x.neuron().layer()).put("index", x.neuron().index());
        o.put("text", x.text());
        o.put("method", x.method());
        ExplainCommand.number(o, "score", x.score());
        ExplainCommand.number(o, "coherence", x.coherence());
        o.put("endpoint", x.endpoint());
        o.put("llm_model", x.llmModel());
        o.put("time", x.time().toString());
        return o;
    }
}
