package org.neuronworkbench.index;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Batches are run sorted by window length, so windows reach the per-neuron top-k and sample out of
 * corpus order. Both must keep exactly what an in-order pass keeps: top-k ties go to the earlier
 * window, and the sample is the R smallest hash keys whatever the order.
 */
class OrderIndependenceTest {
    record Offer(int neuron, float act, long seq, int pos) {
    }

    private static List<Offer> offers(long seed, int windows, int neurons, int distinctValues) {
        Random rnd = new Random(seed);
        List<Offer> out = new ArrayList<>();
        for (long w = 0; w < windows; w++) {
            for (int n = 0; n < neurons; n++) {
                // Few distinct values, so ties are common.
                out.add(new Offer(n, rnd.nextInt(distinctValues) / 4f, w, rnd.nextInt(8)));
            }
        }
        return out;
    }

    @Property(tries = 60)
    void topWindowsDoNotDependOnArrivalOrder(@ForAll long seed, @ForAll @IntRange(min = 1, max = 300) int windows,
                                             @ForAll @IntRange(min = 1, max = 12) int k,
                                             @ForAll @IntRange(min = 1, max = 20) int distinct) {
        int neurons = 3;
        List<Offer> inOrder = offers(seed, windows, neurons, distinct);
        List<Offer> shuffled = new ArrayList<>(inOrder);
        Collections.shuffle(shuffled, new Random(seed ^ 0x5DEECE66DL));
        TopWindows a = new TopWindows(neurons, k);
        TopWindows b = new TopWindows(neurons, k);
        inOrder.forEach(o -> a.offer(o.neuron(), o.act(), o.seq(), o.pos()));
        shuffled.forEach(o -> b.offer(o.neuron(), o.act(), o.seq(), o.pos()));
        for (int n = 0; n < neurons; n++) {
            int neuron = n;
            List<TopWindows.Entry> expected = inOrder.stream().filter(o -> o.neuron() == neuron)
                    .sorted(Comparator.comparing(Offer::act).reversed().thenComparing(Offer::seq))
                    .limit(k).map(o -> new TopWindows.Entry(o.act(), o.seq(), o.pos())).toList();
            assertEquals(expected, List.of(a.sorted(n)), "in order, neuron " + n);
            assertEquals(expected, List.of(b.sorted(n)), "shuffled, neuron " + n);
        }
    }

    @Property(tries = 60)
    void sampleKeepsTheSmallestKeysWhateverTheOrder(@ForAll long seed, @ForAll @IntRange(min = 1, max = 400) int windows,
                                                    @ForAll @IntRange(min = 1, max = 30) int r) {
        int neurons = 2;
        List<Offer> inOrder = offers(seed, windows, neurons, 1000);
        List<Offer> shuffled = new ArrayList<>(inOrder);
        Collections.shuffle(shuffled, new Random(~seed));
        WindowSample a = new WindowSample(neurons, r);
        WindowSample b = new WindowSample(neurons, r);
        inOrder.forEach(o -> a.offer(o.neuron(), o.act(), o.seq(), o.pos()));
        shuffled.forEach(o -> b.offer(o.neuron(), o.act(), o.seq(), o.pos()));
        for (int n = 0; n < neurons; n++) {
            int neuron = n;
            long[] expected = inOrder.stream().filter(o -> o.neuron() == neuron)
                    .mapToLong(o -> WindowSample.keyOf(neuron, o.seq())).sorted().limit(r).toArray();
            assertArrayEquals(expected, keys(a.entries(n)), "in order, neuron " + n);
            assertArrayEquals(expected, keys(b.entries(n)), "shuffled, neuron " + n);
        }
    }

    private static long[] keys(WindowSample.Entry[] entries) {
        long[] out = new long[entries.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = entries[i].key();
        }
        return out;
    }
}
