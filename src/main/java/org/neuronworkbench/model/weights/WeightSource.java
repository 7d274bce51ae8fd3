package org.neuronworkbench.model.weights;

import java.util.Set;

/**
 * Named tensors from one checkpoint, in Hugging Face naming and torch layout
 * (Linear weights [out, in]; GPT-2 Conv1D weights [in, out] as stored).
 * Values are widened to float32 on read.
 */
public interface WeightSource extends AutoCloseable {
    Set<String> names();

    /** @throws WeightFormatException naming the tensor if it is absent */
    TensorInfo info(String name);

    /** Row-major float32 values; @throws WeightFormatException if absent or unreadable. */
    float[] read(String name);

    /**
     * Writes the tensor's float32 values at {@code dest}'s position and advances it. Loaders use it
     * to widen straight into native memory, so no heap copy of the weights is ever made.
     */
    default void readInto(String name, java.nio.FloatBuffer dest) {
        dest.put(read(name));
    }

    default boolean has(String name) {
        return names().contains(name);
    }

    @Override
    void close();
}
