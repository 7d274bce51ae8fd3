package org.neuronworkbench.analysis.explain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import org.neuronworkbench.model.MlpNeuron;
import org.neuronworkbench.work.AtomicFiles;
import org.neuronworkbench.work.JsonErrors;

/**
 * The explanations of one index, kept in {@value #FILE} inside the index folder (beside the
 * database, whose schema stays the index's own). The whole file is rewritten through a temporary
 * file in the same folder and an atomic move, so a crash leaves the previous version.
 */
public final class ExplanationStore {
    public static final String FILE = "explanations.json";
    static final int FORMAT = 1;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final TreeMap<MlpNeuron, StoredExplanation> byNeuron = new TreeMap<>();

    private ExplanationStore(Path file) {
        this.file = file;
    }

    /** The store of an index folder; empty when nothing was explained yet. */
    public static ExplanationStore open(Path indexDir) {
        ExplanationStore s = new ExplanationStore(indexDir.resolve(FILE));
        if (Files.exists(s.file)) {
            s.read();
        }
        return s;
    }

    public Path file() {
        return file;
    }

    public synchronized boolean has(MlpNeuron n) {
        return byNeuron.containsKey(n);
    }

    public synchronized StoredExplanation get(MlpNeuron n) {
        return byNeuron.get(n);
    }

    public synchronized void put(StoredExplanation x) {
        byNeuron.put(x.neuron(), x);
    }

    /** Every stored explanation, by layer and neuron. */
    public synchronized List<StoredExplanation> all() {
        return List.copyOf(byNeuron.values());
    }

    public synchronized void save() {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        ArrayNode arr = root.putArray("explanations");
        for (StoredExplanation x : byNeuron.values()) {
            arr.add(toJson(x));
        }
        // A pane cancels its task by interrupting the worker, and an interrupted thread cannot write
        // through a file channel: the work done before the cancel is written all the same.
        boolean interrupted = Thread.interrupted();
        try {
            AtomicFiles.writeString(file, root.toString());
        } catch (IOException e) {
            throw new IllegalStateException(e.getMessage(), e); // AtomicFiles names the file and the reason
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void read() {
        try {
            JsonNode root = JSON.readTree(file.toFile());
            if (root == null || root.path("format").asInt() != FORMAT) {
                throw new IllegalStateException(file + " is not an explanations file of format " + FORMAT);
            }
            for (JsonNode n : root.path("explanations")) {
                StoredExplanation x = fromJson(n);
                byNeuron.put(x.neuron(), x);
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(file + " is not valid JSON: " + JsonErrors.describe(e)
                    + " (it is left as it is: repair it from a copy, or delete it to explain again)", e);
        } catch (IOException e) {
            throw new IllegalStateException("could not read " + file + ": " + e.getMessage(), e);
        }
    }

    static ObjectNode toJson(StoredExplanation x) {
        ObjectNode o = JSON.createObjectNode();
        o.put("layer", x.neuron().layer());
        o.put("neuron", x.neuron().index());
        o.put("text", x.text());
        o.put("method", x.method());
        o.put("rule", x.rule());
        number(o, "score", x.score());
        o.put("offline_text", x.offlineText());
        number(o, "offline_score", x.offlineScore());
        number(o, "coherence", x.coherence());
        strings(o.putArray("tokens"), x.tokens());
        o.put("char_class", x.charClass() == null ? null : x.charClass().name());
        if (x.nounClass() != null) {
            o.putObject("noun_class").put("offset", x.nounClass().offset()).put("lemma", x.nounClass().lemma())
                    .put("depth", x.nounClass().depth());
        }
        strings(o.putArray("top_tokens"), x.topTokens());
        ArrayNode subs = o.putArray("substitutions");
        for (Substitutions.Row r : x.substitutions()) {
            subs.addObject().put("excerpt", r.excerpt()).put("original", r.original()).put("substitute", r.substitute())
                    .put("source", r.source()).put("activation", r.activation()).put("original_activation", r.originalActivation())
                    .put("ratio", r.ratio()).put("kept", r.kept());
        }
        strings(o.putArray("extended_tokens"), x.extendedTokens());
        number(o, "substitution_mean", x.substitutionMean());
        o.put("endpoint", x.endpoint());
        o.put("llm_model", x.llmModel());
        o.put("time", x.time().toString());
        return o;
    }

    static StoredExplanation fromJson(JsonNode o) {
        JsonNode nc = o.path("noun_class");
        return new StoredExplanation(new MlpNeuron(o.path("layer").asInt(), o.path("neuron").asInt()), o.path("text").asText(),
                o.path("method").asText(), o.path("rule").asText(), num(o, "score"), o.path("offline_text").asText(),
                num(o, "offline_score"), num(o, "coherence"), new HashSet<>(list(o.path("tokens"))),
                o.path("char_class").isTextual() ? CharClass.valueOf(o.path("char_class").asText()) : null,
                nc.isObject() ? new WordNetLexicon.NounClass(nc.path("offset").asLong(), nc.path("lemma").asText(),
                        nc.path("depth").asInt()) : null,
                list(o.path("top_tokens")), rows(o.path("substitutions")), new HashSet<>(list(o.path("extended_tokens"))),
                num(o, "substitution_mean"), text(o, "endpoint"), text(o, "llm_model"), Instant.parse(o.path("time").asText()));
    }

    private static void number(ObjectNode o, String k, double v) {
        if (Double.isNaN(v)) {
            o.putNull(k);
        } else {
            o.put(k, v);
        }
    }

    private static double num(JsonNode o, String k) {
        return o.path(k).isNumber() ? o.path(k).asDouble() : Double.NaN;
    }

    private static String text(JsonNode o, String k) {
        return o.path(k).isTextual() ? o.path(k).asText() : null;
    }

    private static void strings(ArrayNode a, Collection<String> values) {
        List<String> sorted = new ArrayList<>(values);
        if (values instanceof Set) {
            sorted.sort(null);
        }
        sorted.forEach(a::add);
    }

    private static List<Substitutions.Row> rows(JsonNode arr) {
        List<Substitutions.Row> out = new ArrayList<>();
        for (JsonNode r : arr) {
            out.add(new Substitutions.Row(r.path("excerpt").asInt(), r.path("original").asText(), r.path("substitute").asText(),
                    r.path("source").asText(), num(r, "activation"), num(r, "original_activation"), num(r, "ratio"),
                    r.path("kept").asBoolean()));
        }
        return out;
    }

    private static List<String> list(JsonNode arr) {
        List<String> out = new ArrayList<>();
        arr.forEach(v -> out.add(v.asText()));
        return out;
    }
}
