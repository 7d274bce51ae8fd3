package org.neuronworkbench.index;

/**
 * Binary heaps of fixed size, one per neuron, stored side by side in flat arrays (slot = base + i).
 * Subclasses say which slot belongs nearer the root and swap the entries of two slots.
 */
abstract class FlatHeaps {
    /** True if slot {@code a} belongs nearer the root than slot {@code b}. */
    abstract boolean above(int a, int b);

    abstract void swap(int a, int b);

    final void siftUp(int base, int i) {
        while (i > 0) {
            int parent = (i - 1) / 2;
            if (!above(base + i, base + parent)) {
                return;
            }
            swap(base + i, base + parent);
            i = parent;
        }
    }

    final void siftDown(int base, int i, int n) {
        while (true) {
            int l = 2 * i + 1;
            int top = i;
            if (l < n && above(base + l, base + top)) {
                top = l;
            }
            if (l + 1 < n && above(base + l + 1, base + top)) {
                top = l + 1;
            }
            if (top == i) {
                return;
            }
            swap(base + i, base + top);
            i = top;
        }
    }
}
