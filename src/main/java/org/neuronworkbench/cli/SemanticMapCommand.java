package org.neuronworkbench.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.neuronworkbench.analysis.semantic.LayerMap;
import org.neuronworkbench.analysis.semantic.LayerSeparation;
import org.neuronworkbench.analysis.semantic.Lemma;
import org.neuronworkbench.analysis.semantic.LemmaNeurons;
import org.neuronworkbench.analysis.semantic.LemmaVectors;
import org.neuronworkbench.analysis.semantic.MapParams;
import org.neuronworkbench.analysis.semantic.MapStore;
import org.neuronworkbench.analysis.semantic.SemanticMap;
import org.neuronworkbench.analysis.semantic.VectorSource;
import org.neuronworkbench.analysis.semantic.WordNetLemmas;
import org.neuronworkbench.export.FxPlatform;
import org.neuronworkbench.export.MapExporter;
import org.neuronworkbench.export.MapPalette;
import org.neuronworkbench.export.MapPoint;
import org.neuronworkbench.index.CorpusIndex;
import org.neuronworkbench.index.NeuronScore;
import org.neuronworkbench.model.ModelRunner;
import org.neuronworkbench.work.AtomicFiles;
import org.neuronworkbench.work.Cancel;
import org.neuronworkbench.work.Progress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code semantic-map}: WordNet lemmas on per-layer t-SNE maps, k-NN separation per layer, a lemma's top neurons. */
@Command(name = "semantic-map", mixinStandardHelpOptions = true,
        description = {"WordNet lemmas on a t-SNE map per layer, coloured by domain or part of speech, with k-NN",
                "label agreement of the vectors per layer; or, with --lemma, the neurons a lemma ranks highest.",
                "Finished maps are stored in the index folder (maps/) and reused; --recompute reruns them."})
public final class SemanticMapCommand implements Callable<Integer> {
    @Mixin
    IndexDirOption index;

    @Mixin
    ModelOption model;

    @Option(names = "--layer", required = true, paramLabel = "L|all", description = "A layer number or 'all'.")
    String layer;

    @Option(names = "--source", defaultValue = "amap", paramLabel = "amap|isolated",
            description = "Lemma vectors from the index's activation map (default) or each lemma run alone.")
    String source;

    @Option(names = "--color", defaultValue = "domain", paramLabel = "domain|pos", description = "Colour of the PNG/SVG points.")
    String color;

    @Option(names = "--max-points", defaultValue = "" + MapParams.DEFAULT_MAX_POINTS,
            description = "At most this many lemmas, the best-attested first (0 = all; default ${DEFAULT-VALUE}).")
    int maxPoints;

    @Option(names = "--perplexity", defaultValue = "30", description = "t-SNE perplexity (default ${DEFAULT-VALUE}).")
    double perplexity;

    @Option(names = "--iterations", defaultValue = "1000", description = "t-SNE iterations (default ${DEFAULT-VALUE}).")
    int iterations;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of t-SNE and the shuffled baseline (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", paramLabel = "FILE.csv", description = "CSV: lemma,synset,pos,domain,layer,x,y (required without --lemma).")
    Path out;

    @Option(names = "--png", paramLabel = "FILE", description = "Also a PNG of the map (-L<n> added per layer for 'all'); needs a display.")
    Path png;

    @Option(names = "--svg", paramLabel = "FILE", description = "Also an SVG of the map (-L<n> added per layer for 'all').")
    Path svg;

    @Option(names = "--lemma", paramLabel = "WORD", description = "Instead of a map: the lemma's tokens and its vector's largest entries.")
    String lemma;

    @Option(names = "--top", defaultValue = "10", description = "Neurons listed with --lemma (default ${DEFAULT-VALUE}).")
    int top;

    @Option(names = "--recompute", description = "Compute the maps again even when stored ones exist.")
    boolean recompute;

    @Option(names = "--json", description = "Print JSON on stdout (progress goes to stderr).")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        VectorSource src = VectorSource.parse(source);
        boolean byDomain = switch (color.strip().toLowerCase(Locale.ROOT)) {
            case "domain" -> true;
            case "pos" -> false;
            default -> throw new IllegalArgumentException("--color '" + color + "' is not one of domain, pos");
        };
        MapParams params = new MapParams(src, maxPoints, perplexity, iterations, seed);
        if (lemma == null && out == null) {
            throw new IllegalArgumentException("--out FILE.csv is required (or ask for one lemma with --lemma WORD)");
        }
        if (lemma != null && top < 1) {
            throw new IllegalArgumentException("--top must be at least 1 (got " + top + ")");
        }
        // Fail on an unwritable output before minutes of work, not after.
        for (Path p : new Path[] {out, png, svg}) {
            if (p != null && lemma == null) {
                AtomicFiles.requireWritable(p);
            }
        }
        try (CorpusIndex idx = index.open(); ModelRunner runner = model.load()) {
            idx.requireModel(runner.source(), runner.config().name(), runner.config().layers(), runner.config().dMlp());
            int[] layers = layers(idx.info().layers());
            WordNetLemmas wn = lemma == null ? WordNetLemmas.load() : onlyLemma(WordNetLemmas.load());
            Progress progress = stderrProgress(err);
            LemmaVectors vectors = src == VectorSource.AMAP
                    ? LemmaVectors.fromAmap(idx, runner.tokenizer(), wn, lemma != null ? 0 : maxPoints)
                    : LemmaVectors.isolated(runner, idx, wn, lemma != null ? 0 : maxPoints, layers, progress, Cancel.NEVER);
            if (lemma != null) {
                return lemma(vectors, runner, layers);
            }
            err.println("lemmas: " + vectors.counts().kept() + " kept of " + vectors.counts().lemmas() + " ("
                    + vectors.counts().synsets() + " synsets); left out: " + vectors.counts().leftOutText());
            err.flush();
            List<LayerMap> maps = new ArrayList<>();
            List<LayerSeparation> separations = new ArrayList<>();
            for (int l : layers) {
                Optional<MapStore.Stored> stored = recompute ? Optional.empty() : MapStore.load(idx.dir(), MapStore.identity(idx.info()), params, l, vectors);
                if (stored.isPresent()) {
                    err.println("layer " + l + ": stored map " + MapStore.file(idx.dir(), params, l));
                    maps.add(stored.get().map());
                    separations.add(stored.get().separation());
                    continue;
                }
                err.println("layer " + l + ": laying out " + vectors.size() + " lemmas");
                err.flush();
                LayerMap map = SemanticMap.compute(vectors, l, params, progress, Cancel.NEVER, null);
                LayerSeparation sep = LayerSeparation.measure(vectors, l, seed);
                MapStore.save(idx.dir(), MapStore.identity(idx.info()), params, vectors, map, sep);
                maps.add(map);
                separations.add(sep);
            }
            writeFiles(vectors, maps, byDomain);
            if (json) {
                Json.print(spec.commandLine().getOut(), toJson(vectors, maps, separations));
            } else {
                table(vectors, maps, separations);
            }
            return 0;
        }
    }

    private int[] layers(int count) {
        if (layer.strip().equalsIgnoreCase("all")) {
            int[] all = new int[count];
            for (int i = 0; i < count; i++) {
                all[i] = i;
            }
            return all;
        }
        int l;
        try {
            l = Integer.parseInt(layer.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--layer '" + layer + "' is not a layer number or 'all'");
        }
        if (l < 0 || l >= count) {
            throw new IllegalArgumentException("--layer " + l + " is out of range: the index has layers 0.." + (count - 1));
        }
        return new int[] {l};
    }

    /** For --lemma only that lemma is tokenized (and, isolated, run): not all 87k of WordNet. */
    private WordNetLemmas onlyLemma(WordNetLemmas wn) {
        String wanted = lemma.strip();
        List<Lemma> match = wn.lemmas().stream().filter(l -> l.lemma().equals(wanted)).toList();
        if (match.isEmpty()) {
            match = wn.lemmas().stream().filter(l -> l.lemma().equalsIgnoreCase(wanted)).limit(1).toList();
        }
        if (match.isEmpty()) {
            throw new IllegalArgumentException("'" + lemma + "' is not the first lemma of any WordNet synset");
        }
        return new WordNetLemmas(match, wn.synsets());
    }

    private int lemma(LemmaVectors vectors, ModelRunner runner, int[] layers) {
        if (layers.length != 1) {
            throw new IllegalArgumentException("--lemma needs one --layer, not 'all'");
        }
        int i = vectors.find(lemma);
        if (i < 0) {
            throw new IllegalArgumentException("lemma '" + lemma + "' is not kept (" + vectors.counts().leftOutText()
                    + "): a token of it never occurs in the index; --source isolated runs it alone");
        }
        List<NeuronScore> neurons = LemmaNeurons.top(vectors.vector(i, layers[0]), layers[0], top);
        PrintWriter o = spec.commandLine().getOut();
        Lemma l = vectors.lemmas().get(i);
        if (json) {
            ObjectNode root = Json.MAPPER.createObjectNode();
            root.put("lemma", l.lemma());
            root.put("synset", l.synset());
            root.put("source", vectors.source().key());
            ArrayNode tokens = root.putArray("tokens");
            for (int id : vectors.tokens().get(i)) {
                tokens.add(runner.tokenizer().vocabString(id));
            }
            ArrayNode arr = root.putArray("neurons");
            neurons.forEach(n -> arr.addObject().put("layer", n.layer()).put("neuron", n.neuron()).put("value", n.score()));
            Json.print(o, root);
        } else {
            o.println(l.lemma() + " (" + l.synset() + ", " + l.pos() + ", " + l.domain() + ")");
            neurons.forEach(n -> o.printf("L%d N%-5d %.4f%n", n.layer(), n.neuron(), n.score()));
            o.flush();
        }
        return 0;
    }

    private void writeFiles(LemmaVectors vectors, List<LayerMap> maps, boolean byDomain) throws IOException {
        List<MapPoint> all = new ArrayList<>();
        for (LayerMap m : maps) {
            all.addAll(points(vectors, m));
        }
        MapExporter.csv(all, out);
        if (png != null) {
            FxPlatform.ensureStarted();
        }
        for (LayerMap m : maps) {
            MapExporter.Style style = style(vectors, m, byDomain);
            if (svg != null) {
                MapExporter.svg(points(vectors, m), style, perLayer(svg, m.layer(), maps.size()));
            }
            if (png != null) {
                MapExporter.png(points(vectors, m), style, perLayer(png, m.layer(), maps.size()));
            }
        }
    }

    static List<MapPoint> points(LemmaVectors vectors, LayerMap m) {
        List<MapPoint> out = new ArrayList<>(vectors.size());
        for (int i = 0; i < vectors.size(); i++) {
            Lemma l = vectors.lemmas().get(i);
            out.add(new MapPoint(l.lemma(), l.synset(), l.pos(), l.domain(), m.layer(), m.xy()[2 * i], m.xy()[2 * i + 1]));
        }
        return out;
    }

    private MapExporter.Style style(LemmaVectors vectors, LayerMap m, boolean byDomain) {
        Map<String, Integer> counts = new java.util.HashMap<>();
        vectors.lemmas().forEach(l -> counts.merge(byDomain ? l.domain() : l.pos(), 1, Integer::sum));
        List<Map.Entry<String, Integer>> legend = new ArrayList<>(counts.entrySet());
        legend.sort(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
        Map<String, org.neuronworkbench.export.Rgb> colours = MapPalette.colours(
                legend.stream().map(Map.Entry::getKey).toList(), MapPalette.maxColours());
        List<Map.Entry<String, Integer>> shown = legend.subList(0, Math.min(legend.size(), MapPalette.maxColours() + 1));
        String title = String.format(Locale.ROOT, "Layer %d: %d WordNet lemmas (%s vectors), %s, coloured by %s",
                m.layer(), m.points(), vectors.source().key(), m.method(), byDomain ? "domain" : "part of speech");
        return new MapExporter.Style(title, byDomain, colours, List.copyOf(shown));
    }

    private static Path perLayer(Path file, int layer, int layerCount) {
        if (layerCount == 1) {
            return file;
        }
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String withLayer = dot > 0 ? name.substring(0, dot) + "-L" + layer + name.substring(dot) : name + "-L" + layer;
        return file.resolveSibling(withLayer);
    }

    private static Progress stderrProgress(PrintWriter err) {
        long[] last = {0};
        return step -> {
            long now = System.nanoTime();
            if (now - last[0] > 2_000_000_000L || step.fraction() >= 1) {
                last[0] = now;
                err.printf(Locale.ROOT, "%s %5.1f%%  %s%n", step.phase(), 100 * Math.max(0, step.fraction()), step.detail());
                err.flush();
            }
        };
    }

    private ObjectNode toJson(LemmaVectors vectors, List<LayerMap> maps, List<LayerSeparation> seps) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        ObjectNode counts = root.putObject("counts");
        counts.put("synsets", vectors.counts().synsets());
        counts.put("lemmas", vectors.counts().lemmas());
        counts.put("kept", vectors.counts().kept());
        ObjectNode left = counts.putObject("left_out");
        vectors.counts().leftOut().forEach(left::put);
        root.put("source", vectors.source().key());
        ArrayNode layers = root.putArray("layers");
        for (int i = 0; i < maps.size(); i++) {
            LayerMap m = maps.get(i);
            LayerSeparation s = seps.get(i);
            ObjectNode o = layers.addObject();
            o.put("layer", m.layer());
            o.put("points", m.points());
            o.put("method", m.method());
            o.put("seconds", m.seconds());
            number(o, "knn_domain", s.knnDomain());
            number(o, "knn_domain_shuffled", s.knnDomainShuffled());
            number(o, "knn_pos", s.knnPos());
            number(o, "knn_pos_shuffled", s.knnPosShuffled());
            o.put("domain_points", s.domainPoints());
        }
        return root;
    }

    /** JSON has no NaN: a score that could not be measured is null. */
    private static void number(ObjectNode o, String name, double v) {
        if (Double.isNaN(v)) {
            o.putNull(name);
        } else {
            o.put(name, v);
        }
    }

    private void table(LemmaVectors vectors, List<LayerMap> maps, List<LayerSeparation> seps) {
        PrintWriter o = spec.commandLine().getOut();
        o.printf(Locale.ROOT, "%d synsets, %d lemmas, %d kept, left out: %s%n", vectors.counts().synsets(),
                vectors.counts().lemmas(), vectors.counts().kept(), vectors.counts().leftOutText());
        o.printf("%-5s %7s %10s %10s %10s %10s %8s  %s%n", "layer", "points", "knn dom", "shuffled", "knn pos", "shuffled",
                "seconds", "method");
        for (int i = 0; i < maps.size(); i++) {
            LayerMap m = maps.get(i);
            LayerSeparation s = seps.get(i);
            o.printf(Locale.ROOT, "%-5d %7d %10.3f %10.3f %10.3f %10.3f %8.1f  %s%n", m.layer(), m.points(), s.knnDomain(),
                    s.knnDomainShuffled(), s.knnPos(), s.knnPosShuffled(), m.seconds(), m.method());
        }
        o.flush();
    }
}
