package org.neuronworkbench.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuronworkbench.ui.neurons.TestIndex;

/** The semantic-map command on a real index (60 sample sentences, embedded MiniLM). */
class SemanticMapCommandTest {

    private static String index() {
        TestIndex.runner();
        return TestIndex.dir().toString();
    }

    /** Layer {@code layer} of a token's full activation-map row, read through {@code amap --token}. */
    private static double[] amapRow(String token, int layer) throws IOException {
        CliRun r = CliRun.of("amap", "--index", index(), "--token", token, "--top", "100000", "--json");
        assertEquals(0, r.code(), r.err());
        double[] row = new double[1536];
        for (JsonNode n : r.json().get("neurons")) {
            if (n.get("layer").asInt() == layer) {
                row[n.get("neuron").asInt()] = n.get("mean_activation").asDouble();
            }
        }
        return row;
    }

    private static void assertLemmaIsMeanOf(String lemma, int layer, String... tokens) throws IOException {
        double[] mean = new double[1536];
        for (String t : tokens) {
            double[] row = amapRow(t, layer);
            for (int n = 0; n < mean.length; n++) {
                mean[n] += row[n] / tokens.length;
            }
        }
        CliRun r = CliRun.of("semantic-map", "--index", index(), "--layer", "" + layer, "--lemma", lemma, "--top", "12", "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode j = r.json();
        List<String> shown = new ArrayList<>();
        j.get("tokens").forEach(t -> shown.add(t.asText()));
        assertEquals(List.of(tokens), shown, "the lemma's tokens");
        List<Integer> order = new ArrayList<>();
        for (int n = 0; n < mean.length; n++) {
            order.add(n);
        }
        order.sort(Comparator.comparingDouble((Integer n) -> -mean[n]).thenComparingInt(n -> n));
        JsonNode neurons = j.get("neurons");
        assertEquals(12, neurons.size());
        for (int k = 0; k < 12; k++) {
            JsonNode n = neurons.get(k);
            assertEquals(layer, n.get("layer").asInt());
            assertEquals(order.get(k), n.get("neuron").asInt(), "rank " + k + " of " + lemma);
            assertEquals(mean[order.get(k)], n.get("value").asDouble(), 1e-5);
        }
    }

    @Test
    void aSingleTokenLemmaIsItsAmapRowAndListsItsLargestEntries() throws IOException {
        assertLemmaIsMeanOf("kitchen", 3, "kitchen");
    }

    @Test
    void aMultiTokenLemmaIsTheMeanOfItsTokensAmapRows() throws IOException {
        assertLemmaIsMeanOf("water boatman", 2, "water", "boat", "##man");
    }

    @Test
    void aMapRunWritesTheCsvTheJsonAndTheStoredMapThenReusesIt(@TempDir Path dir) throws IOException {
        Path csv = dir.resolve("map.csv");
        Path svg = dir.resolve("map.svg");
        String[] args = {"semantic-map", "--index", index(), "--layer", "2", "--max-points", "120", "--perplexity", "8",
                "--iterations", "60", "--seed", "3", "--out", csv.toString(), "--svg", svg.toString(), "--json"};
        CliRun r = CliRun.of(args);
        assertEquals(0, r.code(), r.err());
        JsonNode j = r.json();
        JsonNode c = j.get("counts");
        assertEquals(117_791, c.get("synsets").asInt());
        assertEquals(120, c.get("kept").asInt());
        int leftOut = 0;
        for (JsonNode v : c.get("left_out")) {
            leftOut += v.asInt();
        }
        assertEquals(c.get("lemmas").asInt(), 120 + leftOut);
        JsonNode layer = j.get("layers").get(0);
        assertEquals(2, layer.get("layer").asInt());
        assertEquals(120, layer.get("points").asInt());
        assertTrue(layer.get("knn_pos").asDouble() >= 0 && layer.get("knn_pos_shuffled").asDouble() >= 0);
        assertTrue(layer.has("knn_domain") && layer.has("method") && layer.has("seconds"));
        List<String> lines = Files.readAllLines(csv);
        assertEquals("lemma,synset,pos,domain,layer,x,y", lines.get(0));
        assertEquals(121, lines.size());
        String svgText = Files.readString(svg);
        assertEquals(120 + legendCircles(svgText), svgText.split("<circle").length - 1, "one circle per point plus the legend");

        CliRun again = CliRun.of(args);
        assertEquals(0, again.code(), again.err());
        assertTrue(again.err().contains("stored map"), again.err());
        assertEquals(lines, Files.readAllLines(csv), "the stored map is the same map");
        try (Stream<Path> maps = Files.list(TestIndex.dir().resolve("maps"))) {
            assertTrue(maps.anyMatch(p -> p.getFileName().toString().startsWith("semantic-amap-L2-n120")));
        }
    }

    @Test
    void allLayersGiveOneRowPerLemmaAndLayerAndOneImagePerLayer(@TempDir Path dir) throws IOException {
        Path csv = dir.resolve("all.csv");
        CliRun r = CliRun.of("semantic-map", "--index", index(), "--layer", "all", "--max-points", "60", "--perplexity", "5",
                "--iterations", "20", "--color", "pos", "--out", csv.toString(), "--svg", dir.resolve("map.svg").toString(),
                "--png", dir.resolve("map.png").toString(), "--json");
        assertEquals(0, r.code(), r.err());
        assertEquals(6, r.json().get("layers").size());
        List<String> lines = Files.readAllLines(csv);
        assertEquals(1 + 6 * 60, lines.size());
        for (int l = 0; l < 6; l++) {
            int layer = l;
            assertEquals(60, lines.stream().skip(1).filter(x -> x.split(",")[x.split(",").length - 3].equals("" + layer)).count());
            assertTrue(Files.size(dir.resolve("map-L" + l + ".svg")) > 1000);
            assertTrue(javax.imageio.ImageIO.read(dir.resolve("map-L" + l + ".png").toFile()).getWidth() == 1000);
        }
        assertTrue(r.err().contains("lemmas: 60 kept"), "progress and counts go to stderr: " + r.err());
    }

    /** Legend circles have r="5"; points have the map radius. */
    private static int legendCircles(String svg) {
        return svg.split("r=\"5\"").length - 1;
    }

    private static void assertOneError(CliRun r, String... words) {
        assertEquals(2, r.code(), r.err());
        long errors = r.err().lines().filter(l -> l.startsWith("error: ")).count();
        assertEquals(1, errors, r.err());
        for (String w : words) {
            assertTrue(r.err().contains(w), "'" + w + "' in: " + r.err());
        }
        assertTrue(r.out().isEmpty(), "nothing on stdout: " + r.out());
    }

    @Test
    void badInputGivesOneClearErrorLine(@TempDir Path dir) throws IOException {
        String csv = dir.resolve("m.csv").toString();
        assertOneError(CliRun.of("semantic-map", "--index", index(), "--layer", "6", "--out", csv), "out of range", "0..5");
        assertOneError(CliRun.of("semantic-map", "--index", index(), "--layer", "two", "--out", csv), "'two'");
        assertOneError(CliRun.of("semantic-map", "--index", index(), "--layer", "1", "--max-points", "40",
                "--perplexity", "30", "--iterations", "10", "--out", csv), "perplexity", "40 lemmas");
        assertOneError(CliRun.of("semantic-map", "--index", index(), "--layer", "1", "--out", "/proc/m.csv"), "cannot write /proc/m.csv");
        assertOneError(CliRun.of("semantic-map", "--index", index(), "--layer", "1", "--source", "corpus", "--out", csv), "corpus");
        assertOneError(CliRun.of("semantic-map", "--index", index(), "--layer", "1"), "--out");
        assertOneError(CliRun.of("semantic-map", "--index", index(), "--layer", "1", "--lemma", "qwertyuiop", "--json"),
                "not the first lemma");
        assertTrue(!Files.exists(Path.of(csv)), "no output written on bad input");
    }

    @Test
    void anIndexOfAnotherModelOrWithoutActivationMapIsRefused(@TempDir Path dir) throws IOException {
        String csv = dir.resolve("m.csv").toString();
        Path gpt2 = Path.of("src/test/resources/fixtures/gpt2-tiny");
        assertOneError(CliRun.of("semantic-map", "--index", index(), "--model", gpt2.toString(), "--layer", "0", "--out", csv),
                "was built with model");
        Path copy = dir.resolve("no-amap");
        Files.createDirectories(copy);
        try (Stream<Path> files = Files.list(TestIndex.dir())) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                if (!f.getFileName().toString().equals("amap.safetensors")) {
                    Files.copy(f, copy.resolve(f.getFileName()));
                }
            }
        }
        assertOneError(CliRun.of("semantic-map", "--index", copy.toString(), "--layer", "0", "--out", csv),
                "no activation map", "amap.safetensors");
    }

    @Test
    void anIndexWhoseCorpusHoldsNoWordNetLemmaSaysNoLemmaKept(@TempDir Path dir) throws IOException {
        Path corpus = Files.writeString(dir.resolve("punct.txt"), "!!! ??? ...\n;;; ,,, :::\n");
        CliRun built = CliRun.of("index", "--corpus", corpus.toString(), "--sentences", "--out", dir.resolve("idx").toString());
        assertEquals(0, built.code(), built.err());
        assertOneError(CliRun.of("semantic-map", "--index", dir.resolve("idx").toString(), "--layer", "0", "--out",
                dir.resolve("m.csv").toString()), "no lemma kept", "not_in_index");
        assertArrayEquals(new String[0], Files.exists(dir.resolve("m.csv")) ? new String[] {"m.csv"} : new String[0]);
    }
}
