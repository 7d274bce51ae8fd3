package org.neuronworkbench.model.arch;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.List;
import ai.djl.ndarray.types.DataType;
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

    /**
     * The tensor as stored, after checking its shape, widened straight into a native buffer that
     * the NDArray then uses as it is: no heap copy, no second native copy.
     */
    NDArray read(String name, long... expectedShape) {
        return stacked(List.of(name), List.of(expectedShape));
    }

    /**
     * Tensors stacked along their first axis into one array (q, k and v into one projection), each
     * shape-checked; the result's first dimension is the sum of theirs.
     */
    NDArray stacked(List<String> names, List<long[]> shapes) {
        long count = 0;
        long[] shape = shapes.get(0).clone();
        shape[0] = 0;
        for (int i = 0; i < names.size(); i++) {
            check(names.get(i), shapes.get(i));
            count += source.info(names.get(i)).elementCount();
            shape[0] += shapes.get(i)[0];
        }
        if (count > Integer.MAX_VALUE / Float.BYTES) {
            throw new WeightFormatException("Tensor '" + names.get(0) + "' has " + count
                    + " elements, more than one buffer can hold.");
        }
        ByteBuffer bytes = ByteBuffer.allocateDirect((int) count * Float.BYTES).order(ByteOrder.nativeOrder());
        FloatBuffer dest = bytes.asFloatBuffer();
        for (String name : names) {
            int from = dest.position();
            source.readInto(name, dest);
            checkFinite(name, dest, from, dest.position());
        }
        return manager.create(bytes, new Shape(shape), DataType.FLOAT32);
    }

    /** Values of a tensor after checking its shape (for layouts rearranged in Java). */
    float[] floats(String name, long... expectedShape) {
        check(name, expectedShape);
        float[] values = source.read(name);
        checkFinite(name, FloatBuffer.wrap(values), 0, values.length);
        return values;
    }

    /**
     * Refused rather than warned about: one NaN or infinity in a weight turns every activation
     * downstream into NaN, and a neuron browser that silently shows NaN is worse than no model.
     */
    static void checkFinite(String name, FloatBuffer values, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!Float.isFinite(values.get(i))) {
                long bad = 0;
                for (int j = from; j < to; j++) {
                    bad += Float.isFinite(values.get(j)) ? 0 : 1;
                }
                throw new WeightFormatException("Tensor '" + name + "' holds " + values.get(i) + " at element " + (i - from)
                        + " (" + bad + " of its " + (to - from) + " values are NaN or infinite): the checkpoint is "
                        + "damaged, so it is not loaded.");
            }
        }
    }

    private void check(String name, long[] expectedShape) {
        if (!source.has(name)) {
            throw new WeightFormatException("Checkpoint is missing tensor '" + name + "'.");
        }
        TensorInfo info = source.info(name);
        if (!Arrays.equals(info.shape(), expectedShape)) {
            throw new WeightFormatException("Tensor '" + name + "' has shape " + info.shapeText()
                    + " but the config implies " + Arrays.toString(expectedShape) + ".");
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
