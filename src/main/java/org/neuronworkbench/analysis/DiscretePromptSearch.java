package org.neuronworkbench.analysis;

import org.neuronworkbench.work.Cancel;
import org.neuronworkbench.work.Progress;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.neuronworkbench.model.ForwardSession;
import org.neuronworkbench.model.hooks.HookName;
import org.neuronworkbench.model.hooks.HookSet;

/**
 * The discrete half of {@link PromptOptimisation}: greedy coordinate search in the manner of
 * AutoPrompt/GCG. The gradient of the neuron with respect to the input embeddings ranks, for every
 * slot, the tokens whose embedding points most along it; the top-k swaps of every slot are then
 * run together in one batch and the best one is kept if it beats the current input. One search
 * per output, each from its own random start; a search stops when no swap improves. Like the
 * continuous search it climbs the pre-activation (see there) and reports the post value.
 */
final class DiscretePromptSearch {

    record Outcome(int[][] ids, float[] activations, boolean cancelled, int forwards) {
    }

    private DiscretePromptSearch() {
    }

    /**
     * @param improved called after every step that raised the current output and once each output
     *                 starts, with copies of the outputs so far (outputs not started yet are null)
     */
    static Outcome run(ForwardSession s, PromptSpace space, PromptOptions o,
                       Progress progress, Cancel cancel, java.util.function.Consumer<Outcome> improved) {
        NDManager m = s.manager();
        NDArray wT = s.embeddingMatrix().transpose();
        wT.attach(m);
        int[][] found = new int[o.outputs()][];
        float[] acts = new float[o.outputs()];
        int[] forwards = {0};
        float top = Float.NEGATIVE_INFINITY;
        // A different stream from the continuous starts, so the two methods do not share them.
        Random rnd = new Random(o.seed() * 31 + 7);
        int total = o.outputs() * o.steps();
        for (int out = 0; out < o.outputs(); out++) {
            int[] cur = PromptSpace.randomSlots(space, rnd);
            float[][] first = evaluate(s, space, List.of(cur), forwards);
            float curPre = first[0][0];
            float curAct = first[1][0];
            found[out] = cur;
            acts[out] = curAct;
            improved.accept(new Outcome(found.clone(), acts.clone(), false, forwards[0]));
            for (int step = 1; step <= o.steps(); step++) {
                if (cancel.isCancelled()) {
                    found[out] = cur;
                    acts[out] = curAct;
                    return new Outcome(found, acts, true, forwards[0]);
                }
                List<int[]> candidates = candidates(s, space, o.topK(), cur, wT, forwards);
                if (candidates.isEmpty()) {
                    break;
                }
                float[][] values = evaluate(s, space, candidates, forwards);
                int best = 0;
                for (int c = 1; c < values[0].length; c++) {
                    best = values[0][c] > values[0][best] ? c : best;
                }
                boolean better = values[0][best] > curPre;
                if (better) {
                    cur = candidates.get(best);
                    curPre = values[0][best];
                    curAct = values[1][best];
                    found[out] = cur;
                    acts[out] = curAct;
                    improved.accept(new Outcome(found.clone(), acts.clone(), false, forwards[0]));
                }
                top = Math.max(top, curAct);
                progress.report(PromptSpace.step("discrete search", (long) out * o.steps() + step, total,
                        out + 1, o.outputs(), step, o.steps(), top));
                if (!better) {
                    break;
                }
            }
            found[out] = cur;
            acts[out] = curAct;
            top = Math.max(top, curAct);
        }
        // A search that stops improving ends early: the last report says so rather than a step it did not take.
        progress.report(new org.neuronworkbench.work.Step("discrete search", total, total,
                String.format(java.util.Locale.ROOT, "%d outputs done · best %.4f", o.outputs(), top)));
        return new Outcome(found, acts, false, forwards[0]);
    }

    /** Every slot's top-k gradient-ranked replacement tokens, as whole candidate inputs. */
    private static List<int[]> candidates(ForwardSession s, PromptSpace space, int k, int[] cur,
                                          NDArray wT, int[] forwards) {
        HookName h = PromptOptimisation.climbed(s.config(), space.neuron().layer());
        int from = space.prefix().length;
        int len = space.length();
        int vocab = space.banned().length;
        float[] scores;
        try (NDManager scope = s.manager().newSubManager()) {
            int[] full = space.full(cur);
            NDArray input = s.embed(new int[][] {full});
            input.attach(scope);
            input.setRequiresGradient(true);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                Map<HookName, NDArray> out = s.run(input, ForwardSession.fullMask(1, full.length), HookSet.caching(h::equals));
                gc.backward(out.get(h).get("0, " + space.target() + ", " + space.neuron().index()));
            }
            forwards[0]++;
            NDArray g = input.getGradient().get("0, " + from + ":" + (from + len) + ", :");
            // Linearised gain of putting token v in slot i: (e_v - e_cur) . g_i; e_cur is constant per slot.
            scores = g.matMul(wT).toFloatArray();
        }
        List<int[]> out = new ArrayList<>();
        for (int i = 0; i < len; i++) {
            if (i == space.fixedPosition()) {
                continue;
            }
            float[] row = new float[vocab];
            for (int v = 0; v < vocab; v++) {
                row[v] = space.banned()[v] || v == cur[i] ? Float.NEGATIVE_INFINITY : scores[i * vocab + v];
            }
            for (int v : DirectLogitAttribution.extremes(row, k, true)) {
                if (row[v] == Float.NEGATIVE_INFINITY) {
                    continue;
                }
                int[] c = cur.clone();
                c[i] = v;
                out.add(c);
            }
        }
        return out;
    }

    /** Pre- and post-activation at the target for each candidate, all in one batch (no gradient). */
    private static float[][] evaluate(ForwardSession s, PromptSpace space, List<int[]> slots, int[] forwards) {
        HookName pre = PromptOptimisation.climbed(s.config(), space.neuron().layer());
        HookName post = HookName.mlpPost(space.neuron().layer());
        int[][] full = new int[slots.size()][];
        for (int i = 0; i < full.length; i++) {
            full[i] = space.full(slots.get(i));
        }
        try (NDManager scope = s.manager().newSubManager()) {
            NDArray input = s.embed(full);
            input.attach(scope);
            Map<HookName, NDArray> out = s.run(input, ForwardSession.fullMask(full.length, full[0].length),
                    HookSet.caching(n -> n.equals(pre) || n.equals(post)));
            forwards[0]++;
            String at = ":, " + space.target() + ", " + space.neuron().index();
            return new float[][] {out.get(pre).get(at).toFloatArray(), out.get(post).get(at).toFloatArray()};
        }
    }
}
