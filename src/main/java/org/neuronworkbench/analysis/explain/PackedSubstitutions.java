package org.neuronworkbench.analysis.explain;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.neuronworkbench.analysis.NeuronRuns;
import org.neuronworkbench.model.ModelRunner;
import org.neuronworkbench.model.TokenBudgetBatches;
import org.neuronworkbench.work.Cancel;
import org.neuronworkbench.work.Progress;
import org.neuronworkbench.work.Step;

/**
 * The substitutions of many neurons of one layer at once: every variant of every neuron goes into
 * one {@link TokenBudgetBatches} plan (sorted by length, so forwards are full and barely padded),
 * and a text that several neurons need (the unchanged excerpt, the word put back, the same
 * substitute in an excerpt two neurons share) runs once and is read for each of them. A forward
 * computes every neuron of the layer anyway; this only stops paying for it once per neuron.
 * The rows are those {@link Substitutions#run} gives for each request alone.
 */
public final class PackedSubstitutions {

    /**
     * @param results          one per request, in order; each counts the forwards that carried its variants
     * @param variants         variant rows over all requests
     * @param distinctVariants rows actually run (identical token sequences run once)
     */
    public record Result(List<Substitutions.Result> results, int forwards, int variants, int distinctVariants,
                         boolean cancelled) {
        public Result {
            results = List.copyOf(results);
        }
    }

    private PackedSubstitutions() {
    }

    /**
     * @param requests substitutions of neurons of one layer, with one runner
     * @throws IllegalArgumentException for requests of several layers or runners, or a runner without a tokenizer
     */
    public static Result run(List<Substitutions.Request> requests, Progress progress, Cancel cancel) {
        if (requests.isEmpty()) {
            return new Result(List.of(), 0, 0, 0, false);
        }
        ModelRunner runner = requests.get(0).runner();
        int layer = requests.get(0).neuron().layer();
        for (Substitutions.Request r : requests) {
            if (r.runner() != runner || r.neuron().layer() != layer) {
                throw new IllegalArgumentException("packed substitutions need one model and one layer, got "
                        + r.neuron() + " beside layer " + layer);
            }
        }
        // Distinct token sequences, each with the neurons to read from it.
        Map<List<Integer>, Integer> distinct = new HashMap<>();
        List<int[]> rows = new ArrayList<>();
        List<Set<Integer>> neuronsOf = new ArrayList<>();
        List<List<Substitutions.Group>> groups = new ArrayList<>();
        List<int[][]> rowOf = new ArrayList<>(); // per request: per group, per variant, the distinct row
        int variants = 0;
        for (Substitutions.Request r : requests) {
            List<Substitutions.Group> gs = Substitutions.groups(r);
            groups.add(gs);
            int[][] at = new int[gs.size()][];
            for (int g = 0; g < gs.size(); g++) {
                List<int[]> ids = gs.get(g).ids();
                at[g] = new int[ids.size()];
                for (int v = 0; v < ids.size(); v++) {
                    int[] seq = ids.get(v);
                    List<Integer> k = key(seq);
                    Integer u = distinct.get(k);
                    if (u == null) {
                        u = rows.size();
                        distinct.put(k, u);
                        rows.add(seq);
                        neuronsOf.add(new TreeSet<>());
                    }
                    neuronsOf.get(u).add(r.neuron().index());
                    at[g][v] = u;
                    variants++;
                }
            }
            rowOf.add(at);
        }
        int[][] neurons = neuronsOf.stream().map(s -> s.stream().mapToInt(Integer::intValue).toArray()).toArray(int[][]::new);
        int[] lengths = rows.stream().mapToInt(a -> a.length).toArray();
        List<int[]> plan = TokenBudgetBatches.plan(lengths);
        float[][][] acts = new float[rows.size()][][];
        int[] forwardOf = new int[rows.size()];
        NeuronRuns runs = new NeuronRuns();
        for (int f = 0; f < plan.size(); f++) {
            if (cancel.isCancelled()) {
                return cancelled(requests.size(), runs.forwards(), variants, rows.size());
            }
            int[] group = plan.get(f);
            List<int[]> chunk = Arrays.stream(group).mapToObj(rows::get).toList();
            int[][] want = Arrays.stream(group).mapToObj(i -> neurons[i]).toArray(int[][]::new);
            float[][][] got = runs.activations(runner, chunk, layer, want);
            for (int i = 0; i < group.length; i++) {
                acts[group[i]] = got[i];
                forwardOf[group[i]] = f;
            }
            progress.report(new Step("substitutions", f + 1, plan.size(), (f + 1) + " of " + plan.size() + " forwards, "
                    + requests.size() + " neurons"));
        }
        List<Substitutions.Result> results = new ArrayList<>();
        for (int q = 0; q < requests.size(); q++) {
            Substitutions.Request r = requests.get(q);
            List<Substitutions.Row> out = new ArrayList<>();
            Set<String> extended = new LinkedHashSet<>();
            BitSet used = new BitSet();
            for (int g = 0; g < groups.get(q).size(); g++) {
                Substitutions.Group group = groups.get(q).get(g);
                double[] values = new double[group.ids().size()];
                for (int v = 0; v < values.length; v++) {
                    int u = rowOf.get(q)[g][v];
                    int column = Arrays.binarySearch(neurons[u], r.neuron().index());
                    values[v] = Substitutions.at(acts[u][column], group.spans().get(v));
                    used.set(forwardOf[u]);
                }
                Substitutions.addRows(r, group, values, out, extended);
            }
            results.add(Substitutions.result(out, extended, used.cardinality(), groups.get(q).size(), false));
        }
        return new Result(results, runs.forwards(), variants, rows.size(), false);
    }

    private static Result cancelled(int requests, int forwards, int variants, int distinct) {
        List<Substitutions.Result> none = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            none.add(Substitutions.result(List.of(), Set.of(), 0, 0, true));
        }
        return new Result(none, forwards, variants, distinct, true);
    }

    private static List<Integer> key(int[] ids) {
        return Arrays.stream(ids).boxed().toList();
    }
}
