package org.neuronworkbench.analysis.explain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.neuronworkbench.index.CorpusIndex;
import org.neuronworkbench.index.IndexInfo;
import org.neuronworkbench.work.Cancel;
import org.neuronworkbench.work.Progress;
import org.neuronworkbench.work.Step;

/**
 * Stored explanations as regression tests: re-score each one (offline simulator) on another index
 * of the same model, where every excerpt, top and sampled, is held out, and report those whose
 * score dropped by at least {@code minDrop}, the largest drop first.
 */
public final class Rescore {

    public record Request(List<StoredExplanation> explanations, IndexInfo explainedOn, CorpusIndex other, double minDrop) {
        public Request {
            explanations = List.copyOf(explanations);
        }
    }

    public record Row(StoredExplanation explanation, double newScore) {
        public double drop() {
            return explanation.score() - newScore;
        }
    }

    /** @param dropped rows whose score fell by at least minDrop; {@code checked} all re-scored */
    public record Result(List<Row> dropped, int checked, int skipped, boolean cancelled) {
        public Result {
            dropped = List.copyOf(dropped);
        }
    }

    private Rescore() {
    }

    public static Result run(Request r, Progress progress, Cancel cancel) {
        IndexInfo a = r.explainedOn();
        IndexInfo b = r.other().info();
        if (!a.modelSource().equals(b.modelSource()) || !a.modelName().equals(b.modelName()) || a.layers() != b.layers()
                || a.dMlp() != b.dMlp()) {
            throw new IllegalArgumentException("the other index was built with model '" + b.modelSource() + "' (" + b.modelName()
                    + "), the explanations with '" + a.modelSource() + "' (" + a.modelName() + "): re-score on an index of the same model");
        }
        List<Row> dropped = new ArrayList<>();
        int checked = 0;
        int skipped = 0;
        for (StoredExplanation x : r.explanations()) {
            if (cancel.isCancelled()) {
                return new Result(sorted(dropped), checked, skipped, true);
            }
            var n = x.neuron();
            if (r.other().isDead(n.layer(), n.index())) {
                skipped++;
                continue;
            }
            List<List<ShownToken>> toks = new ArrayList<>();
            List<double[]> real = new ArrayList<>();
            var all = new ArrayList<>(r.other().topExcerpts(n.layer(), n.index(), r.other().info().topK()));
            r.other().quantileSamples(n.layer(), n.index()).forEach(s -> all.add(s.excerpt()));
            for (var e : all) {
                toks.add(ShownToken.of(e));
                real.add(e.tokens().stream().mapToDouble(t -> t.activation()).toArray());
            }
            double score = SimulationScore.correlation(OfflineSimulator.simulate(x.explanation(), toks), real.toArray(new double[0][]));
            checked++;
            if (x.score() - score >= r.minDrop()) {
                dropped.add(new Row(x, score));
            }
            progress.report(new Step("re-scoring", checked + skipped, r.explanations().size(), n.toString()));
        }
        return new Result(sorted(dropped), checked, skipped, false);
    }

    private static List<Row> sorted(List<Row> rows) {
        rows.sort(Comparator.comparingDouble(Row::drop).reversed());
        return rows;
    }
}
