package org.neuronworkbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuronworkbench.index.CorpusIndex;
import org.neuronworkbench.model.Offline;

/** {@code fires} against {@code probe} over every layer's neurons, and against the index's maxima. */
class FiresCommandTest {
    private static final int LAYERS = 6;
    @TempDir
    static Path tmp;
    static Path idx;

    @BeforeAll
    static void build() throws Exception {
        Offline.enforce();
        List<String> lines = Files.readAllLines(Path.of("sample-data/sentences.txt"), StandardCharsets.UTF_8);
        Path corpus = tmp.resolve("c.txt");
        Files.write(corpus, lines.subList(0, 12), StandardCharsets.UTF_8);
        idx = tmp.resolve("idx");
        CliRun r = CliRun.of("index", "--corpus", corpus.toString(), "--out", idx.toString(), "--sentences", "--json");
        assertEquals(0, r.code(), r.err());
    }

    /** (layer, neuron, max, token) of every neuron from probe's full hook rows, ranked like fires. */
    private static List<double[]> fromProbe(String text) throws Exception {
        List<String> args = new ArrayList<>(List.of("probe", "--text", text, "--json"));
        for (int l = 0; l < LAYERS; l++) {
            args.add("--hook");
            args.add("blocks." + l + ".mlp.hook_post");
        }
        CliRun p = CliRun.of(args.toArray(String[]::new));
        assertEquals(0, p.code(), p.err());
        JsonNode j = p.json();
        List<double[]> all = new ArrayList<>();
        for (int l = 0; l < LAYERS; l++) {
            JsonNode rows = j.get("activations").get("blocks." + l + ".mlp.hook_post");
            int width = rows.get(0).size();
            for (int n = 0; n < width; n++) {
                int at = -1;
                double best = 0;
                for (int t = 0; t < rows.size(); t++) {
                    if (j.get("tokens").get(t).get("special").asBoolean()) {
                        continue;
                    }
                    double v = rows.get(t).get(n).asDouble();
                    if (at < 0 || v > best) {
                        at = t;
                        best = v;
                    }
                }
                all.add(new double[] {l, n, best, at});
            }
        }
        all.sort(Comparator.comparingDouble((double[] a) -> -a[2]));
        return all;
    }

    @Test
    void equalsProbeOverEveryLayerForThreeTexts() throws Exception {
        for (String text : List.of("The cat sat on the mat.", "Paris is the capital of France.", "for (int i = 0; i < 10; i++) {}")) {
            CliRun f = CliRun.of("fires", "--text", text, "--top", "25", "--json");
            assertEquals(0, f.code(), f.err());
            JsonNode j = f.json();
            List<double[]> expected = fromProbe(text);
            JsonNode got = j.get("neurons");
            assertEquals(25, got.size());
            for (int i = 0; i < got.size(); i++) {
                JsonNode g = got.get(i);
                double[] e = expected.get(i);
                // Values agree to float32 rounding; near-equal neighbours may swap, so compare values first.
                assertEquals(e[2], g.get("max").asDouble(), 1e-4, text + " rank " + i);
                double probed = findValue(expected, g.get("layer").asInt(), g.get("neuron").asInt());
                assertEquals(probed, g.get("max").asDouble(), 1e-4, text + " " + g);
                assertTrue(g.get("index_max").isNull() && g.get("relative").isNull());
                assertTrue(!j.get("tokens").get(g.get("token_index").asInt()).get("special").asBoolean());
            }
        }
    }

    private static double findValue(List<double[]> all, int layer, int neuron) {
        for (double[] a : all) {
            if (a[0] == layer && a[1] == neuron) {
                return a[2];
            }
        }
        throw new AssertionError("L" + layer + "N" + neuron + " not found");
    }

    @Test
    void relativeUsesTheIndexMaxima() throws Exception {
        String text = "The cat sat on the mat.";
        CliRun f = CliRun.of("fires", "--text", text, "--index", idx.toString(), "--relative", "--top", "30", "--json");
        assertEquals(0, f.code(), f.err());
        JsonNode got = f.json().get("neurons");
        List<double[]> expected = fromProbe(text);
        double previous = Double.POSITIVE_INFINITY;
        try (CorpusIndex index = CorpusIndex.open(idx)) {
            for (JsonNode g : got) {
                int l = g.get("layer").asInt();
                int n = g.get("neuron").asInt();
                double corpusMax = index.stats(l, n).max();
                assertEquals(corpusMax, g.get("index_max").asDouble(), 1e-6);
                assertEquals(findValue(expected, l, n) / corpusMax, g.get("relative").asDouble(), 1e-4);
                assertTrue(g.get("relative").asDouble() <= previous + 1e-12, "sorted by relative");
                previous = g.get("relative").asDouble();
            }
            // Brute force: no neuron outside the list has a larger ratio than the last one listed.
            double worstListed = previous;
            for (double[] e : expected) {
                double m = index.stats((int) e[0], (int) e[1]).max();
                if (m > 0) {
                    assertTrue(e[2] / m <= worstListed + 1e-4 || contains(got, (int) e[0], (int) e[1]),
                            "L" + (int) e[0] + "N" + (int) e[1] + " ratio " + e[2] / m + " beats the list");
                }
            }
        }
    }

    private static boolean contains(JsonNode got, int layer, int neuron) {
        for (JsonNode g : got) {
            if (g.get("layer").asInt() == layer && g.get("neuron").asInt() == neuron) {
                return true;
            }
        }
        return false;
    }

    @Test
    void badInputIsOneErrorLine() {
        CliRun noIndex = CliRun.of("fires", "--text", "cat", "--relative");
        assertEquals(2, noIndex.code());
        assertTrue(noIndex.err().startsWith("error: --relative"), noIndex.err());
        CliRun zero = CliRun.of("fires", "--text", "cat", "--top", "0");
        assertEquals(2, zero.code());
        assertTrue(zero.err().contains("at least 1"), zero.err());
        CliRun missing = CliRun.of("fires", "--text", "cat", "--index", tmp.resolve("nope").toString());
        assertEquals(2, missing.code());
        assertTrue(missing.err().contains("does not exist"), missing.err());
    }
}
