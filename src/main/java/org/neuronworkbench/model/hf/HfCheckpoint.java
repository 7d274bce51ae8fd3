package org.neuronworkbench.model.hf;

import java.nio.file.Files;
import java.nio.file.Path;
import org.neuronworkbench.model.ModelConfig;
import org.neuronworkbench.model.ModelLoadException;
import org.neuronworkbench.model.weights.SafetensorsFile;
import org.neuronworkbench.model.weights.ShardedSafetensors;
import org.neuronworkbench.model.weights.WeightSource;

/**
 * A model folder in Hugging Face layout: config.json plus safetensors weights.
 *
 * @param weights {@code model.safetensors}, or {@code model.safetensors.index.json} for sharded weights
 * @param tokenizerJson {@code tokenizer.json}, or null if the folder has none
 */
public record HfCheckpoint(Path dir, ModelConfig config, Path weights, Path tokenizerJson) {
    public static final String CONFIG = "config.json";
    public static final String SINGLE = "model.safetensors";
    public static final String INDEX = "model.safetensors.index.json";
    /** Real configs are a few KiB, real tokenizer.json files up to a few tens of MiB. */
    static final long MAX_CONFIG_BYTES = 16L << 20;
    static final long MAX_TOKENIZER_BYTES = 512L << 20;
    private static final String PICKLE = "pytorch_model.bin";
    private static final String PICKLE_INDEX = "pytorch_model.bin.index.json";

    /** Opens a folder, naming the model after it (or after ORG/NAME inside a hub cache snapshot). */
    public static HfCheckpoint open(Path dir) {
        return open(dir, displayName(dir));
    }

    public static HfCheckpoint open(Path dir, String displayName) {
        if (!Files.exists(dir)) {
            throw new ModelLoadException("Model folder " + dir + " does not exist.");
        }
        if (!Files.isDirectory(dir)) {
            throw new ModelLoadException(dir + " is a file, not a model folder.");
        }
        Path config = dir.resolve(CONFIG);
        if (Files.exists(config)) {
            checkModelFile(config, MAX_CONFIG_BYTES);
        }
        if (!Files.isRegularFile(config)) {
            throw new ModelLoadException("Model folder " + dir + " has no config.json, so its architecture "
                    + "is unknown: expected a Hugging Face model folder.");
        }
        Path weights = findWeights(dir);
        Path tokenizer = dir.resolve("tokenizer.json");
        boolean hasTokenizer = Files.exists(tokenizer);
        if (hasTokenizer) {
            checkModelFile(tokenizer, MAX_TOKENIZER_BYTES);
        }
        return new HfCheckpoint(dir, HfConfigReader.read(config, displayName), weights,
                hasTokenizer ? tokenizer : null);
    }

    /**
     * The files a folder holds are read under fixed names, and each must be a regular file (symlinks
     * are followed: hub cache snapshots are made of them) of a plausible size. A FIFO or device would
     * hang or stream forever; a multi-gigabyte config.json is not a config.
     */
    static void checkModelFile(Path file, long maxBytes) {
        if (!Files.isRegularFile(file)) {
            throw new ModelLoadException(file + " is not a regular file (a folder, device or pipe), so it is not read.");
        }
        long size;
        try {
            size = Files.size(file);
        } catch (java.io.IOException e) {
            throw new ModelLoadException("Could not read " + file + ": " + e.getMessage(), e);
        }
        if (size > maxBytes) {
            throw new ModelLoadException(file + " is " + size + " bytes, more than the " + (maxBytes >> 20)
                    + " MiB such a file may take; it is not read.");
        }
    }

    public boolean sharded() {
        return weights.getFileName().toString().equals(INDEX);
    }

    /** Maps the weights; the caller closes the source. */
    public WeightSource openWeights() {
        return sharded() ? ShardedSafetensors.open(weights) : SafetensorsFile.open(weights);
    }

    private static Path findWeights(Path dir) {
        for (String name : new String[] {SINGLE, INDEX}) {
            Path p = dir.resolve(name);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        for (String name : new String[] {PICKLE, PICKLE_INDEX}) {
            if (Files.isRegularFile(dir.resolve(name))) {
                throw new ModelLoadException("Model folder " + dir + " holds only " + name
                        + " (a Python pickle, which is not loaded for safety): convert it to model.safetensors,"
                        + " e.g. with the safetensors convert script.");
            }
        }
        throw new ModelLoadException("Model folder " + dir + " has no weights: expected " + SINGLE + " or "
                + INDEX + ".");
    }

    /** Hub snapshots live in models--ORG--NAME/snapshots/REV; a commit hash makes a poor name. */
    static String displayName(Path dir) {
        Path abs = dir.toAbsolutePath().normalize();
        Path parent = abs.getParent();
        Path repo = parent == null ? null : parent.getParent();
        if (repo != null && repo.getFileName() != null && parent.getFileName().toString().equals("snapshots")) {
            String id = HfCache.modelId(repo.getFileName().toString());
            if (id != null) {
                return id;
            }
        }
        Path name = abs.getFileName();
        return name == null ? abs.toString() : name.toString();
    }
}
