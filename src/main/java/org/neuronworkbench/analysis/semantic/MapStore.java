package org.neuronworkbench.analysis.semantic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.neuronworkbench.index.IndexInfo;
import org.neuronworkbench.work.AtomicFiles;

/**
 * Finished maps stored beside the index, one small JSON file per (layer, source, parameters) in
 * the {@value #FOLDER} folder of the index, written atomically, so a reopened map appears at once.
 * A file holds the identity of the index it was made from (model, corpus, token and window
 * counts: a rebuilt index is another index) and the synset ids of its points; it is used only when
 * both match the current index and kept lemmas, otherwise the map is computed again.
 * Cancelled maps are not stored.
 */
public final class MapStore {
    public static final String FOLDER = "maps";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A map read back with the layer's separation numbers. */
    public record Stored(LayerMap map, LayerSeparation separation) {
    }

    private MapStore() {
    }

    /** What a stored map must have been computed from. */
    public static String identity(IndexInfo info) {
        return info.modelSource() + "|" + info.modelName() + "|" + info.corpusSpec() + "|" + info.tokens() + "|"
                + info.windows() + "|" + info.layers() + "x" + info.dMlp();
    }

    public static Path file(Path indexDir, MapParams p, int layer) {
        String name = String.format(Locale.ROOT, "semantic-%s-L%d-n%d-p%s-i%d-s%d.json", p.source().key(), layer,
                p.maxPoints(), Double.toString(p.perplexity()), p.iterations(), p.seed());
        return indexDir.resolve(FOLDER).resolve(name);
    }

    public static void save(Path indexDir, String identity, MapParams p, LemmaVectors vectors, LayerMap map, LayerSeparation sep)
            throws IOException {
        if (map.cancelled()) {
            throw new IllegalArgumentException("a cancelled map is not stored");
        }
        Path file = file(indexDir, p, map.layer());
        try {
            Files.createDirectories(file.getParent());
        } catch (IOException e) {
            throw new IOException("cannot store the map in " + file.getParent() + ": " + e.getMessage(), e);
        }
        ObjectNode root = JSON.createObjectNode();
        root.put("index", identity);
        root.put("layer", map.layer());
        root.put("method", map.method());
        root.put("seconds", map.seconds());
        root.put("iterations_done", map.iterationsDone());
        ObjectNode s = root.putObject("separation");
        s.put("domain_points", sep.domainPoints());
        s.put("knn_domain", sep.knnDomain());
        s.put("knn_domain_shuffled", sep.knnDomainShuffled());
        s.put("knn_pos", sep.knnPos());
        s.put("knn_pos_shuffled", sep.knnPosShuffled());
        ArrayNode synsets = root.putArray("synsets");
        vectors.lemmas().forEach(l -> synsets.add(l.synset()));
        ArrayNode xy = root.putArray("xy");
        for (float v : map.xy()) {
            xy.add(v);
        }
        AtomicFiles.write(file, out -> JSON.writeValue(out, root));
    }

    /** The stored map of these settings and layer, if there is one for exactly these lemmas. */
    public static Optional<Stored> load(Path indexDir, String identity, MapParams p, int layer, LemmaVectors vectors) {
        Path file = file(indexDir, p, layer);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            JsonNode root = JSON.readTree(file.toFile());
            if (!root.path("index").asText().equals(identity)) {
                return Optional.empty();
            }
            JsonNode synsets = root.get("synsets");
            List<Lemma> lemmas = vectors.lemmas();
            if (synsets == null || synsets.size() != lemmas.size()) {
                return Optional.empty();
            }
            for (int i = 0; i < lemmas.size(); i++) {
                if (!lemmas.get(i).synset().equals(synsets.get(i).asText())) {
                    return Optional.empty();
                }
            }
            JsonNode xyNode = root.get("xy");
            float[] xy = new float[xyNode.size()];
            for (int i = 0; i < xy.length; i++) {
                xy[i] = (float) xyNode.get(i).asDouble();
            }
            JsonNode s = root.get("separation");
            LayerMap map = new LayerMap(layer, xy, root.get("method").asText(), root.get("seconds").asDouble(),
                    root.get("iterations_done").asInt(), false);
            LayerSeparation sep = new LayerSeparation(layer, s.get("domain_points").asInt(), number(s, "knn_domain"),
                    number(s, "knn_domain_shuffled"), number(s, "knn_pos"), number(s, "knn_pos_shuffled"));
            return Optional.of(new Stored(map, sep));
        } catch (IOException | RuntimeException e) {
            // A damaged or foreign file is not a map: compute it again (and overwrite it).
            return Optional.empty();
        }
    }

    private static double number(JsonNode s, String name) {
        JsonNode n = s.get(name);
        return n == null || !n.isNumber() ? Double.NaN : n.asDouble();
    }
}
