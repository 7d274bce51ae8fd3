package org.neuronworkbench.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.ToIntFunction;

/**
 * The one batching policy of the workbench, for every forward over many texts (the index, the
 * causal methods, the hypothesis editor, {@code export-svg}): sort the items by token count, then
 * pack consecutive items while (items × longest) stays within a budget of padded tokens. Sorting
 * keeps short texts from being padded to long ones; the budget bounds each forward.
 *
 * <p>The budget is {@value #BUDGET} padded tokens per forward. It is large enough to amortise a
 * forward's fixed cost (about 150 JNI calls) and small enough that a batch's activations stay in
 * cache: {@code IndexBenchmark} measured the length-sorted 2,048-token forwards at 2.2× the tok/s
 * of 32-text batches in corpus order (BENCHMARKS.md). It also bounds the attention patterns of one
 * forward to budget × heads × longest floats (B·T ≤ budget), so long texts cannot exhaust memory.
 * An item longer than the budget still runs, alone.
 */
public final class TokenBudgetBatches {
    /** Padded tokens per forward. */
    public static final int BUDGET = 2048;

    private TokenBudgetBatches() {
    }

    /**
     * Indices into {@code tokens}, grouped into forwards: shortest first, equal lengths in their
     * original order, each group's size × its longest ≤ {@code budget} (a longer item goes alone).
     */
    public static List<int[]> plan(int[] tokens, long budget) {
        if (budget < 1) {
            throw new IllegalArgumentException("A token budget must be at least 1, not " + budget + ".");
        }
        Integer[] order = new Integer[tokens.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        // Stable: equal lengths keep their order (the index relies on it for a reproducible split).
        Arrays.sort(order, Comparator.comparingInt(i -> tokens[i]));
        List<int[]> out = new ArrayList<>();
        int i = 0;
        while (i < order.length) {
            int j = i + 1;
            while (j < order.length && (long) Math.max(1, tokens[order[j]]) * (j + 1 - i) <= budget) {
                j++;
            }
            int[] group = new int[j - i];
            for (int k = i; k < j; k++) {
                group[k - i] = order[k];
            }
            out.add(group);
            i = j;
        }
        return out;
    }

    /** {@link #plan(int[], long)} with the {@link #BUDGET}. */
    public static List<int[]> plan(int[] tokens) {
        return plan(tokens, BUDGET);
    }

    /** The items themselves, grouped as {@link #plan(int[])} groups them (for callers that need no original order). */
    public static <T> List<List<T>> pack(List<T> items, ToIntFunction<? super T> tokens) {
        int[] lengths = items.stream().mapToInt(tokens).toArray();
        List<List<T>> out = new ArrayList<>();
        for (int[] group : plan(lengths)) {
            List<T> g = new ArrayList<>(group.length);
            for (int i : group) {
                g.add(items.get(i));
            }
            out.add(g);
        }
        return out;
    }

    /** How many rows of {@code tokens} tokens each fit one forward (at least one). */
    public static int rowsPerForward(int tokens) {
        return (int) Math.max(1, BUDGET / Math.max(1, tokens));
    }
}
