package org.neuronworkbench.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.neuronworkbench.model.hooks.HookName;
import org.neuronworkbench.model.hooks.HookSet;

/** Properties every decoder forward pass must have, on random inputs. */
class ForwardPropertiesTest {
    private static ModelRunner gpt2;
    /** gpt2, neox, llama, qwen2: the four decoder layouts. */
    private static List<ModelRunner> decoders;

    @BeforeContainer
    static void load() {
        Offline.enforce();
        decoders = List.of(Fixtures.load(Fixtures.GPT2), Fixtures.load(Fixtures.NEOX), Fixtures.load(Fixtures.LLAMA),
                Fixtures.load(Fixtures.QWEN2));
        gpt2 = decoders.get(0);
    }

    @AfterContainer
    static void close() {
        decoders.forEach(ModelRunner::close);
    }

    private static int[] toIds(List<Integer> ids) {
        return ids.stream().mapToInt(Integer::intValue).toArray();
    }

    @Property(tries = 40)
    void changingTokenJLeavesEarlierPositionsUnchanged(
            @ForAll @Size(min = 2, max = 32) List<@IntRange(min = 0, max = 95) Integer> ids,
            @ForAll @IntRange(min = 0, max = 31) int j, @ForAll @IntRange(min = 1, max = 95) int shift,
            @ForAll @IntRange(min = 0, max = 3) int model) {
        ModelRunner r = decoders.get(model);
        int[] a = toIds(ids);
        int pos = j % a.length;
        int[] b = a.clone();
        b[pos] = (b[pos] + shift) % 96;
        ActivationCache ca = r.runTokens(List.of(a), HookSet.caching(HookName.LOGITS::equals));
        ActivationCache cb = r.runTokens(List.of(b), HookSet.caching(HookName.LOGITS::equals));
        float[][] la = ca.rows(HookName.LOGITS, 0);
        float[][] lb = cb.rows(HookName.LOGITS, 0);
        for (int p = 0; p < pos; p++) {
            assertEquals(0.0, Fixtures.maxAbsDiff(la[p], lb[p]), 1e-6, "position " + p + " saw token " + pos);
        }
        assertTrue(Fixtures.maxAbsDiff(la[pos], lb[pos]) > 1e-4, "the changed position itself must change");
    }

    @Property(tries = 15)
    void ablatingNoNeuronsIsTheIdentity(
            @ForAll @Size(min = 1, max = 32) List<@IntRange(min = 0, max = 95) Integer> ids,
            @ForAll @IntRange(min = 0, max = 1) int layer) {
        int[] a = toIds(ids);
        HookSet plain = HookSet.caching(HookName.LOGITS::equals);
        HookSet ablateNothing = HookSet.caching(HookName.LOGITS::equals)
                .add(HookName.mlpPost(layer), (act, n) -> act.mul(act.getManager().ones(act.getShape().slice(2))));
        float[][] want = gpt2.runTokens(List.of(a), plain).rows(HookName.LOGITS, 0);
        float[][] got = gpt2.runTokens(List.of(a), ablateNothing).rows(HookName.LOGITS, 0);
        assertEquals(0.0, Fixtures.maxAbsDiff(Fixtures.flatten(want), Fixtures.flatten(got)), 0.0);
    }

    @Property(tries = 8)
    void gradientAgreesWithCentralFiniteDifferences(
            @ForAll @Size(min = 2, max = 12) List<@IntRange(min = 0, max = 95) Integer> ids,
            @ForAll @IntRange(min = 0, max = 255) int unit, @ForAll @IntRange(min = 0, max = 3) int model) {
        ModelRunner r = decoders.get(model);
        int neuron = unit % r.config().dMlp();
        int[] a = toIds(ids);
        int last = a.length - 1;
        float[] grad = FixtureForwardTest.NeuronGradient.wrtEmbeddings(r, a, 1, last, neuron);
        int d = r.config().dModel();
        double h = 1e-2;
        for (int probe = 0; probe < 6; probe++) {
            int pos = probe % a.length;
            int dim = (probe * 23 + neuron) % d;
            double plus = neuronAt(r, a, pos, dim, h, neuron);
            double minus = neuronAt(r, a, pos, dim, -h, neuron);
            double fd = (plus - minus) / (2 * h);
            double g = grad[pos * d + dim];
            assertEquals(fd, g, 2e-3 + 2e-2 * Math.abs(fd), "d/d emb[" + pos + "," + dim + "]");
        }
    }

    /** blocks.1.mlp.hook_post[last, neuron] with one embedding coordinate nudged by delta. */
    private static double neuronAt(ModelRunner r, int[] ids, int pos, int dim, double delta, int neuron) {
        HookName h = HookName.mlpPost(1);
        return r.withSession(s -> {
            NDArray emb = s.embed(new int[][] {ids});
            float[] v = emb.toFloatArray();
            v[pos * s.config().dModel() + dim] += (float) delta;
            NDArray nudged = s.manager().create(v, emb.getShape());
            NDArray out = s.run(nudged, ForwardSession.fullMask(1, ids.length), HookSet.caching(h::equals)).get(h);
            return (double) out.get("0, " + (ids.length - 1) + ", " + neuron).getFloat();
        });
    }
}
