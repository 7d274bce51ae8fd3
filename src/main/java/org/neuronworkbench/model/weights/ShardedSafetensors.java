package org.neuronworkbench.model.weights;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.neuronworkbench.work.JsonErrors;

/** A checkpoint split over several safetensors files, as listed by {@code model.safetensors.index.json}. */
public final class ShardedSafetensors implements WeightSource {
    /** Real indexes are well under 1 MiB (one line per tensor). */
    static final long MAX_INDEX_BYTES = 64L << 20;

    private final Path index;
    private final Map<String, SafetensorsFile> byTensor;
    private final Map<String, SafetensorsFile> shards;

    private ShardedSafetensors(Path index, Map<String, SafetensorsFile> byTensor, Map<String, SafetensorsFile> shards) {
        this.index = index;
        this.byTensor = byTensor;
        this.shards = shards;
    }

    /** Opens every shard the index names, resolved next to the index file. */
    public static ShardedSafetensors open(Path indexJson) {
        Map<String, String> weightMap = readWeightMap(indexJson);
        Path dir = indexJson.toAbsolutePath().getParent();
        Map<String, SafetensorsFile> shards = new LinkedHashMap<>();
        try {
            Map<String, SafetensorsFile> byTensor = new LinkedHashMap<>();
            for (Map.Entry<String, String> e : weightMap.entrySet()) {
                String shardName = e.getValue();
                SafetensorsFile shard = shards.get(shardName);
                if (shard == null) {
                    Path shardPath = shardPath(indexJson, dir, shardName);
                    shard = SafetensorsFile.open(shardPath);
                    shards.put(shardName, shard);
                }
                if (!shard.has(e.getKey())) {
                    throw new WeightFormatException(indexJson + " maps tensor '" + e.getKey() + "' to "
                            + shardName + ", but that shard does not hold it.");
                }
                byTensor.put(e.getKey(), shard);
            }
            return new ShardedSafetensors(indexJson, Collections.unmodifiableMap(byTensor),
                    Collections.unmodifiableMap(shards));
        } catch (RuntimeException e) {
            shards.values().forEach(SafetensorsFile::close);
            throw e;
        }
    }

    /**
     * The index is a file anyone can edit, so a shard name must be a plain file name in the model
     * folder: no separators, no {@code ..}, nothing absolute. Otherwise a downloaded checkpoint could
     * make us open {@code /proc/self/mem} or a file of another folder. Symlinks in the folder are
     * followed (a Hugging Face cache snapshot is made of them), but must end at a regular file.
     */
    static Path shardPath(Path indexJson, Path dir, String shardName) {
        String refusal = plainFileNameProblem(shardName);
        if (refusal != null) {
            throw new WeightFormatException("Shard name '" + printable(shardName) + "' in " + indexJson + " is refused: "
                    + refusal + "; shards must be plain file names inside the model folder " + dir + ".");
        }
        Path shardPath = dir.resolve(shardName);
        if (!Files.isRegularFile(shardPath)) {
            throw new WeightFormatException("Shard file " + printable(shardName) + ", listed in " + indexJson
                    + ", is missing from " + dir + (Files.exists(shardPath) ? " (it is not a regular file)." : "."));
        }
        return shardPath;
    }

    /** Why {@code name} is not a plain file name, or null if it is one. */
    static String plainFileNameProblem(String name) {
        if (name.isEmpty()) {
            return "it is empty";
        }
        if (name.equals(".") || name.equals("..")) {
            return "it names a folder";
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '/' || c == '\\') {
                return "it contains a path separator";
            }
            if (c < 0x20 || c == 0x7F) {
                return "it contains a control character";
            }
        }
        if (name.length() >= 2 && name.charAt(1) == ':') {
            return "it is a drive path";
        }
        return null;
    }

    /** Control and format (bidi) characters escaped, so a hostile name cannot drive the terminal. */
    private static String printable(String s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length() && i < 200; i++) {
            char c = s.charAt(i);
            if (Character.isISOControl(c) || Character.getType(c) == Character.FORMAT) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return s.length() > 200 ? sb.append("...").toString() : sb.toString();
    }

    public Path index() {
        return index;
    }

    @Override
    public Set<String> names() {
        return byTensor.keySet();
    }

    @Override
    public TensorInfo info(String name) {
        return shardOf(name).info(name);
    }

    @Override
    public float[] read(String name) {
        return shardOf(name).read(name);
    }

    @Override
    public void readInto(String name, java.nio.FloatBuffer dest) {
        shardOf(name).readInto(name, dest);
    }

    @Override
    public void close() {
        shards.values().forEach(SafetensorsFile::close);
    }

    private SafetensorsFile shardOf(String name) {
        SafetensorsFile shard = byTensor.get(name);
        if (shard == null) {
            throw new WeightFormatException("tensor '" + name + "' not found in " + index + ".");
        }
        return shard;
    }

    private static Map<String, String> readWeightMap(Path indexJson) {
        JsonNode root;
        try {
            if (Files.isRegularFile(indexJson) && Files.size(indexJson) > MAX_INDEX_BYTES) {
                throw new WeightFormatException("Shard index " + indexJson + " is " + Files.size(indexJson)
                        + " bytes, more than the " + (MAX_INDEX_BYTES >> 20) + " MiB a shard index may take.");
            }
            root = new ObjectMapper().readTree(indexJson.toFile());
        } catch (NoSuchFileException | java.io.FileNotFoundException e) {
            throw new WeightFormatException("Shard index " + indexJson + " does not exist.", e);
        } catch (JsonProcessingException e) {
            throw new WeightFormatException("Shard index " + indexJson + " is not valid JSON: "
                    + JsonErrors.describe(e), e);
        } catch (IOException e) {
            throw new WeightFormatException("Could not read " + indexJson + ": " + e.getMessage(), e);
        }
        JsonNode map = root == null ? null : root.get("weight_map");
        if (map == null || !map.isObject() || map.isEmpty()) {
            throw new WeightFormatException("Shard index " + indexJson + " has no weight_map object.");
        }
        Map<String, String> weightMap = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = map.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isTextual()) {
                throw new WeightFormatException("Shard index " + indexJson + " maps '" + e.getKey()
                        + "' to " + e.getValue() + ", not a file name.");
            }
            weightMap.put(e.getKey(), e.getValue().asText());
        }
        return weightMap;
    }
}
