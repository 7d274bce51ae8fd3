package org.neuronworkbench.spark;

import java.io.Serializable;

/** One token type's row of a part (its count and its sums over every neuron), reduced by token type. */
record RowSum(long count, double[] sums) implements Serializable {
    /** Adds {@code other} into this row's sums (a fresh copy per task, so mutating is safe) and returns the total. */
    RowSum plus(RowSum other) {
        for (int i = 0; i < sums.length; i++) {
            sums[i] += other.sums[i];
        }
        return new RowSum(count + other.count, sums);
    }
}
