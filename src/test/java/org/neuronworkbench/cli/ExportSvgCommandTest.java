package org.neuronworkbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuronworkbench.analysis.explain.SampleIndex;
import org.neuronworkbench.export.ActivationColours;
import org.neuronworkbench.export.ColourScale;
import org.neuronworkbench.export.TokenColours;
import org.neuronworkbench.index.CorpusIndex;
import org.neuronworkbench.model.MlpNeuron;
import org.neuronworkbench.model.ModelLoader;
import org.neuronworkbench.model.ModelRunner;
import org.neuronworkbench.model.NeuronValues;
import org.neuronworkbench.model.Offline;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class ExportSvgCommandTest {
    private static final List<String> TEXTS = List.of("The cat sat on the mat.", "Dogs bark at night.");

    private static CliRun run(String... args) {
        Offline.enforce();
        return CliRun.of(args);
    }

    @Test
    void writesAnSvgWithOneColouredRectPerToken(@TempDir Path dir) throws Exception {
        Path svg = dir.resolve("l3n42.svg");
        CliRun r = run("export-svg", "--model", "default", "--layer", "3", "--neuron", "42",
                "--text", TEXTS.get(0), "--text", TEXTS.get(1), "--darken", "3", "-o", svg.toString());
        assertEquals(0, r.code(), r.err());
        int expectedTokens;
        try (ModelRunner runner = ModelLoader.loadEmbedded()) {
            expectedTokens = (int) runner.tokenize(TEXTS).stream()
                    .flatMap(t -> t.tokens().stream()).filter(t -> !t.special()).count();
        }
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        Document doc = f.newDocumentBuilder().parse(svg.toFile());
        NodeList rects = doc.getElementsByTagNameNS("http://www.w3.org/2000/svg", "rect");
        assertEquals(expectedTokens, rects.getLength(), "one rect per non-special token");
        int coloured = 0;
        for (int i = 0; i < rects.getLength(); i++) {
            String fill = ((Element) rects.item(i)).getAttribute("fill");
            assertTrue(fill.matches("#[0-9a-f]{6}"), fill);
            coloured += fill.equals("#ffffff") ? 0 : 1;
        }
        assertTrue(coloured > 0, "some tokens are coloured");
        assertEquals(2, doc.getElementsByTagNameNS("http://www.w3.org/2000/svg", "g").getLength() - rects.getLength());
        assertTrue(r.out().contains("2 texts, " + expectedTokens + " tokens"), r.out());
    }

    @Test
    void aFileNameThatDoesNotSayTheFormatGetsSvgAndTheLineSaysSo(@TempDir Path dir) throws Exception {
        Path doc = dir.resolve("cat.doc");
        CliRun r = run("export-svg", "--layer", "4", "--neuron", "1253", "--text", "The cat sat.", "-o", doc.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("Wrote " + doc + " as SVG: 1 text"), r.out());
        assertTrue(Files.readString(doc).contains("<svg"), "the file is an SVG");

        Path html = dir.resolve("cat.HTM");
        CliRun named = run("export-svg", "--layer", "4", "--neuron", "1253", "--text", "The cat sat.", "-o", html.toString());
        assertEquals(0, named.code(), named.err());
        assertTrue(named.out().startsWith("Wrote " + html + ": 1 text"), "the name says it: " + named.out());
        assertTrue(Files.readString(html).contains("<html"), "the file is HTML");

        CliRun forced = run("export-svg", "--layer", "4", "--neuron", "1253", "--text", "The cat sat.",
                "--format", "csv", "-o", doc.toString());
        assertEquals(0, forced.code(), forced.err());
        assertTrue(forced.out().startsWith("Wrote " + doc + ": 1 text"), "--format says it: " + forced.out());
    }

    @Test
    void badInputIsOneClearLine(@TempDir Path dir) {
        CliRun r = run("export-svg", "--layer", "9", "--neuron", "1", "--text", "x", "-o", dir.resolve("x.svg").toString());
        assertEquals(2, r.code());
        assertEquals("error: Layer 9 is out of range: the model has layers 0..5.", r.err().strip());
        CliRun f = run("export-svg", "--layer", "1", "--neuron", "1", "--text", "x", "--format", "gif",
                "-o", dir.resolve("x.gif").toString());
        assertEquals(2, f.code());
        assertTrue(f.err().strip().startsWith("error: Unknown export format 'gif'") && !f.err().strip().contains("\n"), f.err());
    }

    @Test
    void writesPngStartingTheToolkitIfNeeded(@TempDir Path dir) throws Exception {
        Path png = dir.resolve("out.png");
        CliRun r = run("export-svg", "--layer", "2", "--neuron", "5", "--text", TEXTS.get(0), "-o", png.toString());
        assertEquals(0, r.code(), r.err());
        var image = ImageIO.read(png.toFile());
        assertTrue(image.getWidth() > 100 && Files.size(png) > 0);
    }

    /**
     * Pinned neurons: a row per text and neuron in that order, each labelled, each on its own scale
     * (its largest value over the texts), in NeuroX's colours; fills recomputed from the model's values.
     */
    @Test
    void pinnedRowsEachOnTheirOwnScaleInNeuroXColours(@TempDir Path dir) throws Exception {
        Path svg = dir.resolve("rows.svg");
        CliRun r = run("export-svg", "--layer", "4", "--neuron", "1253", "--pin", "L2N5", "--colors", "neurox",
                "--text", TEXTS.get(0), "--text", TEXTS.get(1), "-o", svg.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("and 1 pinned (a row each)"), r.out());
        List<MlpNeuron> neurons = List.of(new MlpNeuron(4, 1253), new MlpNeuron(2, 5));
        // Each neuron's own full colour: its largest activation over both texts (no index).
        Map<MlpNeuron, Double> full = assertRowFills(svg, neurons, n -> Double.NaN, TokenColours.NEUROX);
        assertTrue(Math.abs(full.get(neurons.get(0)) - full.get(neurons.get(1))) > 0.05, "the two scales differ: " + full);
        // The neuron's strongest token is in full NeuroX blue.
        assertTrue(Files.readString(svg).contains("#00aad4"), "full colour is NeuroX's blue");
    }

    @Test
    void withAnIndexEachRowIsOnItsNeuronsIndexMaximum(@TempDir Path dir) throws Exception {
        Path index = SampleIndex.index();
        Path svg = dir.resolve("indexed.svg");
        // L3N42 barely fires on these texts: on the texts' own maximum it would be painted strong.
        CliRun r = run("export-svg", "--layer", "4", "--neuron", "1253", "--pin", "L3N42", "--index", index.toString(),
                "--text", TEXTS.get(0), "--text", TEXTS.get(1), "-o", svg.toString());
        assertEquals(0, r.code(), r.err());
        List<MlpNeuron> neurons = List.of(new MlpNeuron(4, 1253), new MlpNeuron(3, 42));
        Map<MlpNeuron, Double> indexMax = new HashMap<>();
        try (CorpusIndex idx = CorpusIndex.open(index)) {
            neurons.forEach(n -> indexMax.put(n, idx.stats(n.layer(), n.index()).max()));
        }
        Map<MlpNeuron, Double> full = assertRowFills(svg, neurons, indexMax::get, TokenColours.COLORBREWER);
        for (MlpNeuron n : neurons) {
            assertEquals(indexMax.get(n), full.get(n), 0, n + " is on its index maximum");
            assertTrue(r.out().contains(String.format(Locale.ROOT, "%.4f (index maximum)", indexMax.get(n))), r.out());
        }
        // The same texts without the index: the rows are darker, because the texts' maximum is lower.
        Path plain = dir.resolve("plain.svg");
        assertEquals(0, run("export-svg", "--layer", "4", "--neuron", "1253", "--pin", "L3N42",
                "--text", TEXTS.get(0), "--text", TEXTS.get(1), "-o", plain.toString()).code());
        assertTrue(!Files.readString(plain).equals(Files.readString(svg)), "the index changes the colours");
    }

    @Test
    void anIndexOfAnotherModelIsOneClearLine(@TempDir Path dir) throws Exception {
        CliRun r = run("export-svg", "--model", "src/test/resources/fixtures/gpt2-tiny", "--layer", "0", "--neuron", "1",
                "--index", SampleIndex.index().toString(), "--text", "x", "-o", dir.resolve("x.svg").toString());
        assertEquals(2, r.code());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().startsWith("error: ") && r.err().contains("was built with model"), r.err());
        CliRun missing = run("export-svg", "--layer", "0", "--neuron", "1", "--index", dir.resolve("none").toString(),
                "--text", "x", "-o", dir.resolve("x.svg").toString());
        assertEquals(2, missing.code());
        assertTrue(missing.err().startsWith("error: ") && missing.err().contains("none"), missing.err());
        assertTrue(Files.notExists(dir.resolve("x.svg")), "nothing written");
    }

    /**
     * Checks every rect of every row (texts × neurons, in that order) against the shared colour
     * rule with each neuron's scale from {@link ColourScale#of} (its {@code indexMax}, else the
     * texts' maximum); returns the full colour used per neuron.
     */
    private static Map<MlpNeuron, Double> assertRowFills(Path svg, List<MlpNeuron> neurons,
                                                         java.util.function.Function<MlpNeuron, Double> indexMax,
                                                         TokenColours palette) throws Exception {
        Map<MlpNeuron, List<float[]>> values = new HashMap<>();
        List<List<Integer>> content = new ArrayList<>();
        try (ModelRunner runner = ModelLoader.loadEmbedded()) {
            var tokenized = runner.tokenize(TEXTS);
            var run = NeuronValues.of(runner, tokenized, neurons);
            for (int s = 0; s < TEXTS.size(); s++) {
                content.add(tokenized.get(s).tokens().stream().filter(t -> !t.special()).map(t -> t.index()).toList());
                for (var n : neurons) {
                    values.computeIfAbsent(n, k -> new ArrayList<>()).add(run.perText().get(s).get(n));
                }
            }
        }
        Map<MlpNeuron, Double> full = new HashMap<>();
        for (var n : neurons) {
            double max = Double.NEGATIVE_INFINITY;
            for (int s = 0; s < TEXTS.size(); s++) {
                for (int i : content.get(s)) {
                    max = Math.max(max, values.get(n).get(s)[i]);
                }
            }
            full.put(n, ColourScale.of(indexMax.apply(n), max).full()); // the shared rule
        }
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        Document doc = f.newDocumentBuilder().parse(svg.toFile());
        NodeList sentences = doc.getElementsByTagNameNS("http://www.w3.org/2000/svg", "g");
        List<Element> rows = new ArrayList<>();
        for (int i = 0; i < sentences.getLength(); i++) {
            Element g = (Element) sentences.item(i);
            if (g.getAttribute("class").equals("sentence")) {
                rows.add(g);
            }
        }
        assertEquals(TEXTS.size() * neurons.size(), rows.size(), "a row per text and neuron");
        int checked = 0;
        for (int row = 0; row < rows.size(); row++) {
            int s = row / neurons.size();
            var n = neurons.get(row % neurons.size());
            Element label = (Element) rows.get(row).getElementsByTagNameNS("http://www.w3.org/2000/svg", "text").item(0);
            assertEquals("row-label", label.getAttribute("class"));
            assertEquals(n.toString(), label.getTextContent());
            NodeList rects = rows.get(row).getElementsByTagNameNS("http://www.w3.org/2000/svg", "rect");
            assertEquals(content.get(s).size(), rects.getLength());
            var colours = new ActivationColours(full.get(n), 2);
            for (int t = 0; t < rects.getLength(); t++) {
                float a = values.get(n).get(s)[content.get(s).get(t)];
                assertEquals(palette.fill(colours, a).hex(), ((Element) rects.item(t)).getAttribute("fill"),
                        n + " text " + s + " token " + t);
                checked++;
            }
        }
        assertTrue(checked > 10);
        return full;
    }

    @Test
    void badColoursAndPinsAreOneClearLine(@TempDir Path dir) {
        CliRun c = run("export-svg", "--layer", "1", "--neuron", "1", "--text", "x", "--colors", "red",
                "-o", dir.resolve("x.svg").toString());
        assertEquals(2, c.code());
        assertEquals("error: --colors: colours 'red' are not two colours: give NEGATIVE,POSITIVE as hex (e.g. #d35f5f,#00aad4),"
                + " or colorbrewer or neurox.", c.err().strip());
        CliRun h = run("export-svg", "--layer", "1", "--neuron", "1", "--text", "x", "--colors", "#d35f5f,#00aaz4",
                "-o", dir.resolve("x.svg").toString());
        assertEquals(2, h.code());
        assertEquals("error: --colors: colour '#00aaz4' in '#d35f5f,#00aaz4' is not a hex colour like #00aad4.", h.err().strip());
        CliRun p = run("export-svg", "--layer", "1", "--neuron", "1", "--text", "x", "--pin", "7:1",
                "-o", dir.resolve("x.svg").toString());
        assertEquals(2, p.code());
        assertEquals("error: Layer 7 is out of range: the model has layers 0..5.", p.err().strip());
        assertTrue(!Files.exists(dir.resolve("x.svg")), "nothing written");
    }

    @Test
    void helpSaysWhatDarkenTheFilterAndColoursDo() {
        CliRun r = run("export-svg", "--help");
        assertEquals(0, r.code());
        String help = r.out().replaceAll("\\s+", " ");
        assertTrue(help.contains("higher values make faint positive activations darker"), help);
        assertTrue(help.contains("colour only tokens whose |activation| is above 80% of their row's largest"), help);
        assertTrue(help.contains("neurox (#d35f5f,#00aad4)"), help);
    }
}
