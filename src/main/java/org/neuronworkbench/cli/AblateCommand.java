package org.neuronworkbench.cli;

import org.neuronworkbench.model.MlpNeuron;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.neuronworkbench.analysis.AblationEffect;
import org.neuronworkbench.index.CorpusIndex;
import org.neuronworkbench.model.ModelRunner;
import org.neuronworkbench.work.JsonErrors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ablate}: zero- or mean-ablate neurons and show what changes downstream. */
@Command(name = "ablate", mixinStandardHelpOptions = true,
        description = "Zero- or mean-ablate neurons at every position; decoders: next-token log-probabilities,"
                + " encoders: pinned neurons and the final residual norm.")
public final class AblateCommand implements Callable<Integer> {
    @Mixin
    ModelOption model;

    @Mixin
    InputOption input;

    @Option(names = {"--neuron", "--neurons"}, paramLabel = "L:N[,L:N...]", split = ",", required = true,
            description = "Neurons to ablate, e.g. --neuron 3:17 --neuron 3:200 or --neurons 3:17,3:200.")
    List<String> neurons = new ArrayList<>();

    @Option(names = "--pin", paramLabel = "L:N", split = ",", description = "Neurons to watch (repeatable).")
    List<String> pins = new ArrayList<>();

    @Option(names = "--mode", defaultValue = "zero", paramLabel = "zero|mean", description = "Ablation value (default: zero).")
    String mode;

    @Option(names = "--means-file", paramLabel = "FILE",
            description = "JSON object of per-layer neuron means for --mode mean, e.g. {\"3\": [0.01, ...]}.")
    Path meansFile;

    @Option(names = "--index", paramLabel = "DIR",
            description = "Corpus index (built with the same model) whose neuron means --mode mean uses.")
    Path indexDir;

    @Option(names = "--json", description = "Print JSON on stdout (logs go to stderr).")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        AblationEffect.Mode m = switch (mode.toLowerCase(Locale.ROOT)) {
            case "zero" -> AblationEffect.Mode.ZERO;
            case "mean" -> AblationEffect.Mode.MEAN;
            default -> throw new IllegalArgumentException("Mode '" + mode + "' is not zero or mean.");
        };
        if (meansFile != null && indexDir != null) {
            throw new IllegalArgumentException("Give the means with --means-file or --index, not both.");
        }
        if (m == AblationEffect.Mode.MEAN && meansFile == null && indexDir == null) {
            throw new IllegalArgumentException("--mode mean needs --index DIR (a corpus index of this model)"
                    + " or --means-file (per-layer neuron means).");
        }
        List<MlpNeuron> ablate = neurons.stream().map(MlpNeuron::parse).toList();
        List<MlpNeuron> pin = pins.stream().map(MlpNeuron::parse).toList();
        Map<Integer, float[]> fileMeans = meansFile == null ? Map.of() : readMeans(meansFile);
        try (ModelRunner runner = model.load()) {
            Map<Integer, float[]> means = indexDir == null || m != AblationEffect.Mode.MEAN ? fileMeans
                    : indexMeans(indexDir, runner, ablate);
            AblationEffect.Result r = new AblationEffect(runner).run(new AblationEffect.Request(
                    input.sequence(runner, spec.commandLine().getErr()), ablate, m, means, pin));
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                Json.print(out, toJson(r));
            } else {
                print(out, r);
            }
            return 0;
        }
    }

    /** The index's means of every ablated layer, after checking the index belongs to this model. */
    static Map<Integer, float[]> indexMeans(Path dir, ModelRunner runner, List<MlpNeuron> ablate) {
        try (CorpusIndex index = CorpusIndex.open(dir)) {
            return index.layerMeans(runner, ablate);
        }
    }

    static Map<Integer, float[]> readMeans(Path file) {
        try (InputStream in = Files.newInputStream(file)) { // NIO: a missing file says why, not just its path
            JsonNode root = Json.MAPPER.readTree(in);
            if (root == null || !root.isObject()) {
                throw new IllegalArgumentException("Means file " + file + " is not a JSON object of layer -> array.");
            }
            Map<Integer, float[]> out = new HashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonNode arr = e.getValue();
                if (!arr.isArray()) {
                    throw new IllegalArgumentException("Means for layer " + e.getKey() + " in " + file + " are not an array.");
                }
                float[] v = new float[arr.size()];
                for (int i = 0; i < v.length; i++) {
                    v[i] = (float) arr.get(i).asDouble();
                }
                out.put(Integer.parseInt(e.getKey().trim()), v);
            }
            return out;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("Means file " + file + " is not valid JSON: " + JsonErrors.describe(e), e);
        } catch (IOException | NumberFormatException e) {
            throw new IllegalArgumentException("Cannot read means file " + file + ": " + e.getMessage(), e);
        }
    }

    private static ObjectNode toJson(AblationEffect.Result r) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("mode", r.mode().name().toLowerCase(Locale.ROOT));
        ArrayNode abl = root.putArray("ablated");
        r.ablated().forEach(n -> abl.add(n.toString()));
        root.put("has_lm_head", r.hasLmHead());
        root.put("note", r.note());
        ArrayNode pos = root.putArray("positions");
        for (AblationEffect.PositionEffect p : r.positions()) {
            ObjectNode o = pos.addObject();
            o.put("position", p.position());
            o.put("token", p.token());
            if (p.nextId() >= 0) {
                o.put("next_token", p.nextToken());
                o.put("original_logprob", p.original());
                o.put("ablated_logprob", p.ablated());
                o.put("change", p.change());
            } else {
                o.putNull("next_token");
            }
            o.put("most_changed_token", p.mostChangedToken());
            o.put("most_changed_id", p.mostChangedId());
            o.put("most_changed_delta", p.mostChangedDelta());
        }
        ArrayNode pins = root.putArray("pinned");
        for (AblationEffect.PinnedEffect p : r.pinned()) {
            ObjectNode o = pins.addObject();
            o.put("neuron", p.neuron().toString());
            ArrayNode a = o.putArray("original");
            for (float v : p.original()) {
                a.add(v);
            }
            ArrayNode b = o.putArray("ablated");
            for (float v : p.ablated()) {
                b.add(v);
            }
        }
        ArrayNode no = root.putArray("resid_norm_original");
        for (float v : r.residNormOriginal()) {
            no.add(v);
        }
        ArrayNode na = root.putArray("resid_norm_ablated");
        for (float v : r.residNormAblated()) {
            na.add(v);
        }
        root.put("forwards", r.forwards());
        return root;
    }

    private static void print(PrintWriter out, AblationEffect.Result r) {
        out.printf("%s-ablated %s%n", r.mode().name().toLowerCase(Locale.ROOT), r.ablated());
        if (r.note() != null) {
            out.println("note: " + r.note());
        }
        if (r.hasLmHead()) {
            out.printf("%4s  %-14s %-14s %9s %9s %9s   %s%n", "pos", "token", "next", "logp", "ablated", "change", "most changed");
            for (AblationEffect.PositionEffect p : r.positions()) {
                out.printf("%4d  %-14s %-14s %9.4f %9.4f %9.4f   %s %+.4f%n", p.position(), TerminalText.quote(p.token()),
                        p.nextToken() == null ? "-" : TerminalText.quote(p.nextToken()), p.original(), p.ablated(), p.change(),
                        TerminalText.quote(p.mostChangedToken()), p.mostChangedDelta());
            }
        }
        for (AblationEffect.PinnedEffect p : r.pinned()) {
            out.printf("pinned %s:%n", p.neuron());
            for (int i = 0; i < p.original().length; i++) {
                out.printf("  %4d %9.4f -> %9.4f%n", i, p.original()[i], p.ablated()[i]);
            }
        }
        out.println("final residual norm per position (clean -> ablated):");
        for (int i = 0; i < r.residNormOriginal().length; i++) {
            out.printf("  %4d %9.4f -> %9.4f%n", i, r.residNormOriginal()[i], r.residNormAblated()[i]);
        }
        out.flush();
    }
}
