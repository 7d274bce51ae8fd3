package org.neuronworkbench.model.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.neuronworkbench.model.ActivationCache;
import org.neuronworkbench.model.ModelLoadException;
import org.neuronworkbench.model.hooks.HookName;

/**
 * The embedded MiniLM's {@code mlp.hook_post} (each layer's GELU output) through ONNX Runtime, for
 * the hypothesis editor's small forwards.
 *
 * <p>Why a second runtime: on one thread, ONNX Runtime runs a 64-token line through all six layers
 * in 9 ms where libtorch takes 18 ms (same machine, same file; BENCHMARKS.md, "Hypothesis
 * editor"), and one thread is what a small forward may use (see {@code ForwardThreads}). Only
 * plain caching of MLP activations goes this way; hooks that read other points or change
 * activations, gradients and batches stay on the libtorch forward, which every analysis is
 * checked against.
 *
 * <p>The ONNX file's only output is the last hidden state, so the graph gets one more output per
 * layer: the input of {@code /encoder/layer.L/output/dense/MatMul}, which is the GELU's output.
 */
public final class OrtMlpPost implements AutoCloseable {
    private static final int MODEL_GRAPH = 7;
    private static final int GRAPH_OUTPUT = 12;
    private static final int VALUE_INFO_NAME = 1;
    private static final int VALUE_INFO_TYPE = 2;
    private static final int TYPE_TENSOR = 1;
    private static final int TENSOR_ELEM_TYPE = 1;
    private static final int FLOAT = 1;

    private final OrtEnvironment env = OrtEnvironment.getEnvironment();
    private final OrtSession session;
    private final List<String> layerOutputs;
    private final int width;

    private OrtMlpPost(OrtSession session, List<String> layerOutputs, int width) {
        this.session = session;
        this.layerOutputs = List.copyOf(layerOutputs);
        this.width = width;
    }

    /** A session on {@code model} (the embedded ONNX file's bytes) with one intra-op thread that does not spin. */
    public static OrtMlpPost open(byte[] model, int layers, int width) {
        OnnxModelFile parsed = OnnxModelFile.parse(ByteBuffer.wrap(model), EmbeddedMiniLm.MODEL_RESOURCE);
        List<String> outputs = new ArrayList<>();
        for (int l = 0; l < layers; l++) {
            String node = "/encoder/layer." + l + "/output/dense/MatMul";
            String input = parsed.nodes().stream().filter(n -> n.name().equals(node)).findFirst()
                    .map(n -> n.inputs().get(0))
                    .orElseThrow(() -> new ModelLoadException("The embedded model has no node " + node + "."));
            outputs.add(input);
        }
        try {
            OrtEnvironment env = OrtEnvironment.getEnvironment();
            OrtSession.SessionOptions options = new OrtSession.SessionOptions();
            options.setIntraOpNumThreads(1);
            options.setInterOpNumThreads(1);
            // A spinning thread would take a core from the app while it waits for work.
            options.addConfigEntry("session.intra_op.allow_spinning", "0");
            return new OrtMlpPost(env.createSession(withOutputs(model, outputs), options), outputs, width);
        } catch (OrtException | IOException e) {
            throw new ModelLoadException("Cannot open the embedded model in ONNX Runtime: " + e.getMessage(), e);
        }
    }

    /** {@code mlp.hook_post} of {@code layers} for right-padded rows, as the libtorch forward caches it. */
    public ActivationCache run(List<int[]> ids, Set<Integer> layers) {
        int rows = ids.size();
        int t = 0;
        int[] lengths = new int[rows];
        for (int i = 0; i < rows; i++) {
            lengths[i] = ids.get(i).length;
            t = Math.max(t, lengths[i]);
        }
        long[][] input = new long[rows][t];
        long[][] mask = new long[rows][t];
        long[][] types = new long[rows][t];
        for (int i = 0; i < rows; i++) {
            for (int p = 0; p < lengths[i]; p++) {
                input[i][p] = ids.get(i)[p];
                mask[i][p] = 1;
            }
        }
        Set<String> wanted = new LinkedHashSet<>();
        for (int l : layers) {
            wanted.add(layerOutputs.get(l));
        }
        try (OnnxTensor i = OnnxTensor.createTensor(env, input);
             OnnxTensor m = OnnxTensor.createTensor(env, mask);
             OnnxTensor y = OnnxTensor.createTensor(env, types);
             OrtSession.Result r = session.run(Map.of("input_ids", i, "attention_mask", m, "token_type_ids", y), wanted)) {
            Map<HookName, ActivationCache.CachedTensor> out = new LinkedHashMap<>();
            for (int l : layers) {
                OnnxTensor a = (OnnxTensor) r.get(layerOutputs.get(l)).orElseThrow();
                FloatBuffer buffer = a.getFloatBuffer();
                float[] data = new float[buffer.remaining()];
                buffer.get(data);
                out.put(HookName.mlpPost(l), new ActivationCache.CachedTensor(data, new long[] {rows, t, width}));
            }
            return new ActivationCache(out, lengths);
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime failed on the embedded model: " + e.getMessage(), e);
        }
    }

    /** The model with {@code names} added to its graph's outputs (float tensors, shapes left to inference). */
    static byte[] withOutputs(byte[] model, List<String> names) throws IOException {
        ByteArrayOutputStream extra = new ByteArrayOutputStream();
        CodedOutputStream e = CodedOutputStream.newInstance(extra);
        for (String name : names) {
            e.writeByteArray(GRAPH_OUTPUT, valueInfo(name));
        }
        e.flush();
        CodedInputStream in = CodedInputStream.newInstance(model);
        in.setSizeLimit(Integer.MAX_VALUE);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(model.length + extra.size() + 16);
        CodedOutputStream out = CodedOutputStream.newInstance(bytes);
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            if (tag >>> 3 == MODEL_GRAPH) {
                // Repeated fields may be appended to a message: the graph keeps its outputs and gains these.
                ByteString graph = in.readBytes();
                out.writeBytes(MODEL_GRAPH, graph.concat(ByteString.copyFrom(extra.toByteArray())));
            } else {
                in.skipField(tag, out);
            }
        }
        out.flush();
        return bytes.toByteArray();
    }

    private static byte[] valueInfo(String name) throws IOException {
        ByteArrayOutputStream tensor = new ByteArrayOutputStream();
        CodedOutputStream t = CodedOutputStream.newInstance(tensor);
        t.writeInt32(TENSOR_ELEM_TYPE, FLOAT);
        t.flush();
        ByteArrayOutputStream type = new ByteArrayOutputStream();
        CodedOutputStream y = CodedOutputStream.newInstance(type);
        y.writeByteArray(TYPE_TENSOR, tensor.toByteArray());
        y.flush();
        ByteArrayOutputStream info = new ByteArrayOutputStream();
        CodedOutputStream v = CodedOutputStream.newInstance(info);
        v.writeString(VALUE_INFO_NAME, name);
        v.writeByteArray(VALUE_INFO_TYPE, type.toByteArray());
        v.flush();
        return info.toByteArray();
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            // Closing at exit: nothing is left to save.
        }
    }
}
