package org.neuronworkbench.model.arch;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import org.neuronworkbench.model.weights.TensorInfo;
import org.neuronworkbench.model.weights.WeightFormatException;
import org.neuronworkbench.model.weights.WeightSource;

/** Reads named tensors into NDArrays, checking each shape against what the config implies. */
final class WeightReader {
    private final WeightSource source;
    private final NDManager manager;

    WeightReader(WeightSource source, NDManager manager) {
        this.source = source;
        this.manager = manager;
    }

    boolean has(String name) {
        return source.has(name);
    }

    /** The tensor as stored, after checking its shape. */
    NDArray read(String name, long... expectedShape) {
        return create(floats(name, expectedShape), expectedShape);
    }

    /** Values of a tensor after checking its shape. */
    float[] floats(String name, long... expectedShape) {
        if (!source.has(name)) {
            throw new WeightFormatException("Checkpoint is missing tensor '" + name + "'.");
        }
        TensorInfo info = source.info(name);
        if (!Arrays.equals(info.shape(), expectedShape)) {
            throw new WeightFormatException("Tensor '" + name + "' has shape " + info.shapeText()
                    + " but the config implies " + Arrays.toString(expectedShape) + ".");
        }
        float[] values = source.read(name);
        checkFinite(name, values);
        return values;
    }

    /**
     * Refused rather than warned about: one NaN or infinity in a weight turns every activation
     * downstream into NaN, and a neuron browser that silently shows NaN is worse than no model.
     */
    static void checkFinite(String name, float[] values) {
        for (int i = 0; i < values.length; i++) {
            if (!Float.isFinite(values[i])) {
                long bad = 0;
                for (float v : values) {
                    bad += Float.isFinite(v) ? 0 : 1;
                }
                throw new WeightFormatException("Tensor '" + name + "' holds " + values[i] + " at element " + i
                        + " (" + bad + " of its " + values.length + " values are NaN or infinite): the checkpoint is "
                        + "damaged, so it is not loaded.");
            }
        }
    }

    NDArray create(float[] values, long... shape) {
        return manager.create(values, new Shape(shape));
    }

    /** A torch Linear weight stored [out, in], kept as it is. */
    NDArray linear(String name, int out, int in) {
        return read(name, out, in);
    }

    /** A GPT-2 Conv1D weight stored [in, out], transposed in Java to Linear layout [out, in]. */
    NDArray conv1d(String name, int in, int out) {
        return create(Matrices.transpose(floats(name, in, out), in, out), out, in);
    }
}
