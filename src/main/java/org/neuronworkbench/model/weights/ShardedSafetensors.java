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

/** A checkpoint split over several safetensors files, as listed by {@code model.safetensors.index.json}. */
public final class ShardedSafetensors implements WeightSource {
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
                    Path shardPath = dir.resolve(shardName);
                    if (!Files.isRegularFile(shardPath)) {
                        throw new WeightFormatException("Shard file " + shardName + ", listed in " + indexJson
                                + ", is missing from " + dir + ".");
                    }
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
            root = new ObjectMapper().readTree(indexJson.toFile());
        } catch (NoSuchFileException | java.io.FileNotFoundException e) {
            throw new WeightFormatException("Shard index " + indexJson + " does not exist.", e);
        } catch (JsonProcessingException e) {
            throw new WeightFormatException("Shard index " + indexJson + " is not valid JSON: "
                    + e.getOriginalMessage(), e);
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
