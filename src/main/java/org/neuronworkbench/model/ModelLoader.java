package org.neuronworkbench.model;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.neuronworkbench.model.arch.Architectures;
import org.neuronworkbench.model.arch.TransformerWeights;
import org.neuronworkbench.model.hf.HfCache;
import org.neuronworkbench.model.hf.HfCheckpoint;
import org.neuronworkbench.model.onnx.EmbeddedMiniLm;
import org.neuronworkbench.model.onnx.OrtMlpPost;
import org.neuronworkbench.model.tokenizer.HfTokenizer;
import org.neuronworkbench.model.tokenizer.Tokenizer;
import org.neuronworkbench.model.weights.WeightSource;

/** Turns a model spec ("default", a folder, or a Hugging Face id in the local cache) into a runner. */
public final class ModelLoader {
    public static final String DEFAULT = "default";

    private ModelLoader() {
    }

    public static ModelRunner load(String spec) {
        return load(spec, System.getenv());
    }

    /**
     * As {@link #load(String)}, with the environment that locates the Hugging Face cache. A spec that
     * is not an existing path but could be a hub id, with or without its organisation ("gpt2",
     * "EleutherAI/pythia-70m"), is looked up in the cache; the message names both places looked at.
     */
    public static ModelRunner load(String spec, Map<String, String> env) {
        if (spec == null || spec.isBlank() || spec.equals(DEFAULT)) {
            return loadEmbedded();
        }
        Path path;
        try {
            path = Path.of(spec);
        } catch (java.nio.file.InvalidPathException e) {
            // A NUL in a typed-in spec would otherwise escape as an untyped exception.
            throw new ModelLoadException("Model '" + spec.replace("\0", "\\0") + "' is not a valid path: " + e.getReason(), e);
        }
        if (Files.exists(path)) {
            return loadFolder(path);
        }
        Optional<String> cacheFolder = HfCache.cacheFolder(spec, env);
        if (cacheFolder.isPresent()) {
            Optional<Path> cached = HfCache.resolve(spec, env);
            if (cached.isPresent()) {
                return loadFolder(cached.get(), spec);
            }
            throw new ModelLoadException("Model '" + spec + "' is neither a folder (no " + path.toAbsolutePath()
                    + ") nor in the local Hugging Face cache (no usable snapshot in " + cacheFolder.get()
                    + "). Neuron Workbench never downloads: copy the model folder here, or fetch it into the cache on a "
                    + "connected machine.");
        }
        throw new ModelLoadException("Model folder " + path.toAbsolutePath() + " does not exist.");
    }

    public static ModelRunner loadEmbedded() {
        byte[] bytes = EmbeddedMiniLm.modelBytes();
        try (WeightSource src = EmbeddedMiniLm.openWeights(bytes)) {
            ModelConfig config = EmbeddedMiniLm.config(src);
            TransformerWeights weights = Architectures.load(config, src);
            return new ModelRunner(DEFAULT, weights, HfTokenizer.open(EmbeddedMiniLm.tokenizerJson()),
                    smallForwards(bytes, config));
        }
    }

    /**
     * ONNX Runtime for the embedded model's small forwards, or null when it cannot run here (its
     * native library does not load on this system, say): libtorch then runs those forwards too,
     * about twice as slowly. A faster path for typed lines must not cost the user the model.
     */
    private static OrtMlpPost smallForwards(byte[] bytes, ModelConfig config) {
        try {
            return EmbeddedMiniLm.ortMlpPost(bytes, config.layers(), config.dMlp());
        } catch (ModelLoadException | LinkageError | IllegalStateException e) {
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause(); // the loader's own words, e.g. which library file is missing
            }
            System.err.println("warning: ONNX Runtime is not available here (" + root.getMessage()
                    + "); the embedded model's typed lines run on libtorch instead");
            return null;
        }
    }

    public static ModelRunner loadFolder(Path dir) {
        return loadFolder(dir, dir.toString());
    }

    private static ModelRunner loadFolder(Path dir, String source) {
        HfCheckpoint ckpt = HfCheckpoint.open(dir);
        try (WeightSource src = ckpt.openWeights()) {
            TransformerWeights weights = Architectures.load(ckpt.config(), src);
            Tokenizer tok = ckpt.tokenizerJson() == null ? null : HfTokenizer.open(ckpt.tokenizerJson());
            return new ModelRunner(source, weights, tok);
        }
    }
}
