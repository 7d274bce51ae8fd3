package org.neuronworkbench.analysis;

import org.neuronworkbench.work.Cancel;
import org.neuronworkbench.work.Progress;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.Map;
import java.util.Random;
import org.neuronworkbench.model.ForwardSession;
import org.neuronworkbench.model.hooks.HookName;
import org.neuronworkbench.model.hooks.HookSet;

/**
 * The continuous half of {@link PromptOptimisation}, in the manner of PEZ (Wen et al. 2023): D
 * sequences of free embeddings are projected to their nearest vocabulary embeddings by cosine,
 * the projected tokens are run, and the gradient taken there updates the free embeddings with
 * AdamW (written out on NDArrays below). A diversity penalty, the mean pairwise cosine between the
 * D sequences, keeps them apart. Every step's projected tokens are real inputs, so each step
 * doubles as an exact evaluation; the best tokens seen per sequence are kept. The objective is the
 * neuron's pre-activation: GELU is flat for negative inputs, where the post value gives no
 * gradient, and it is increasing wherever a neuron fires, so the same inputs maximise both.
 */
final class ContinuousPromptSearch {
    private static final float BETA1 = 0.9f;
    private static final float BETA2 = 0.999f;
    private static final float EPS = 1e-8f;

    record Outcome(int[][] ids, float[] activations, boolean cancelled, int forwards) {
    }

    private ContinuousPromptSearch() {
    }

    /**
     * @param improved called after a step that raised any output's best, with copies of the bests
     *                 so far (outputs not evaluated yet are null)
     */
    static Outcome run(ForwardSession s, PromptSpace space, PromptOptions o,
                       Progress progress, Cancel cancel, java.util.function.Consumer<Outcome> improved) {
        NDManager m = s.manager();
        int dd = o.outputs();
        int len = space.length();
        int d = s.config().dModel();
        NDArray wE = s.embeddingMatrix();
        NDArray unitT = attach(wE.div(attach(wE.norm(new int[] {1}, true), m).add(EPS)), m).transpose();
        unitT.attach(m);
        float rms = (float) Math.sqrt(attach(wE.square(), m).mean().getFloat());
        float lr = (float) (o.learningRate() * rms);
        NDArray banMask = m.create(banPenalty(space.banned()), new Shape(1, space.banned().length));

        Random rnd = new Random(o.seed());
        int[][] start = new int[dd][];
        for (int i = 0; i < dd; i++) {
            start[i] = PromptSpace.randomSlots(space, rnd);
        }
        NDArray e = s.embed(start);
        NDArray mom = m.zeros(e.getShape());
        NDArray vel = m.zeros(e.getShape());
        int[][] best = new int[dd][];
        float[] bestAct = new float[dd];
        java.util.Arrays.fill(bestAct, Float.NEGATIVE_INFINITY);
        HookName pre = PromptOptimisation.climbed(s.config(), space.neuron().layer());
        HookName post = HookName.mlpPost(space.neuron().layer());
        int forwards = 0;
        float[] bestPre = new float[dd];
        java.util.Arrays.fill(bestPre, Float.NEGATIVE_INFINITY);
        float top = Float.NEGATIVE_INFINITY;
        for (int step = 1; step <= o.steps(); step++) {
            if (cancel.isCancelled()) {
                return new Outcome(best, bestAct, true, forwards);
            }
            try (NDManager scope = m.newSubManager()) {
                int[][] slots = project(e, unitT, banMask, dd, len, d, space);
                int[][] full = new int[dd][];
                for (int i = 0; i < dd; i++) {
                    full[i] = space.full(slots[i]);
                }
                NDArray input = s.embed(full);
                input.attach(scope);
                input.setRequiresGradient(true);
                NDArray free = e.duplicate();
                free.attach(scope);
                free.setRequiresGradient(true);
                float[] acts;
                float[] pres;
                String at = ":, " + space.target() + ", " + space.neuron().index();
                try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    Map<HookName, NDArray> out = s.run(input, ForwardSession.fullMask(dd, full[0].length),
                            HookSet.caching(n -> n.equals(pre) || n.equals(post)));
                    NDArray act = out.get(pre).get(at);
                    NDArray loss = act.mean().neg();
                    if (dd > 1 && o.diversity() > 0) {
                        loss = loss.add(meanPairwiseCosine(free.reshape(dd, (long) len * d)).mul((float) o.diversity()));
                    }
                    gc.backward(loss);
                    pres = act.toFloatArray();
                    acts = out.get(post).get(at).toFloatArray();
                }
                forwards++;
                boolean raised = false;
                for (int i = 0; i < dd; i++) {
                    if (pres[i] > bestPre[i]) {
                        bestPre[i] = pres[i];
                        bestAct[i] = acts[i];
                        best[i] = slots[i].clone();
                        raised = true;
                    }
                    top = Math.max(top, acts[i]);
                }
                if (raised) {
                    improved.accept(new Outcome(best.clone(), bestAct.clone(), false, forwards));
                }
                int from = space.prefix().length;
                NDArray g = input.getGradient().get(":, " + from + ":" + (from + len) + ", :").add(free.getGradient());
                // AdamW: moment estimates with bias correction, decoupled weight decay.
                NDArray mom2 = mom.mul(BETA1).add(g.mul(1 - BETA1));
                NDArray vel2 = vel.mul(BETA2).add(g.square().mul(1 - BETA2));
                float c1 = 1 - (float) Math.pow(BETA1, step);
                float c2 = 1 - (float) Math.pow(BETA2, step);
                NDArray update = mom2.div(c1).div(vel2.div(c2).sqrt().add(EPS));
                NDArray e2 = e.mul(1 - lr * (float) o.weightDecay()).sub(update.mul(lr));
                for (NDArray keep : new NDArray[] {mom2, vel2, e2}) {
                    keep.attach(m);
                }
                mom.close();
                vel.close();
                e.close();
                mom = mom2;
                vel = vel2;
                e = e2;
            }
            progress.report(PromptSpace.step("continuous search", step, o.steps(), 0, dd, step, o.steps(), top));
        }
        return new Outcome(best, bestAct, false, forwards);
    }

    /** Nearest allowed vocabulary id by cosine for every slot; the fixed slot keeps its token. */
    private static int[][] project(NDArray e, NDArray unitT, NDArray banMask, int dd, int len, int d,
                                   PromptSpace space) {
        try (NDManager tmp = e.getManager().newSubManager()) {
            NDArray flat = e.reshape((long) dd * len, d);
            flat.attach(tmp);
            NDArray unit = flat.div(flat.norm(new int[] {1}, true).add(EPS));
            long[] idx = unit.matMul(unitT).add(banMask).argMax(1).toLongArray();
            int[][] out = new int[dd][len];
            for (int i = 0; i < dd; i++) {
                for (int j = 0; j < len; j++) {
                    out[i][j] = (int) idx[i * len + j];
                }
                space.withFixed(out[i]);
            }
            return out;
        }
    }

    /** Mean cosine similarity over pairs of rows of x [D, n]. */
    private static NDArray meanPairwiseCosine(NDArray x) {
        long dd = x.getShape().get(0);
        NDArray unit = x.div(x.norm(new int[] {1}, true).add(EPS));
        NDArray gram = unit.matMul(unit.transpose());
        return gram.sum().sub(dd).div((float) (dd * (dd - 1)));
    }

    private static float[] banPenalty(boolean[] banned) {
        float[] p = new float[banned.length];
        for (int i = 0; i < p.length; i++) {
            // Cosines lie in [-1, 1]; 10 below keeps banned ids from ever being nearest.
            p[i] = banned[i] ? -10f : 0f;
        }
        return p;
    }

    /** Moves an array made from the model's weights into the call's scope, so it is freed with it. */
    private static NDArray attach(NDArray x, NDManager m) {
        x.attach(m);
        return x;
    }
}
