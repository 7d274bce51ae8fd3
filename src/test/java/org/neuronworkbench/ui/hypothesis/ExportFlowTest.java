package org.neuronworkbench.ui.hypothesis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.neuronworkbench.ui.UiTestSupport.onFx;
import static org.neuronworkbench.ui.UiTestSupport.waitFor;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuronworkbench.export.ActivationColours;
import org.neuronworkbench.export.ExportFormat;
import org.neuronworkbench.export.HighlightedSentence;
import org.neuronworkbench.export.TokenActivation;
import org.neuronworkbench.export.TokenFilter;
import org.neuronworkbench.model.MlpNeuron;
import org.neuronworkbench.ui.UiTestSupport;
import org.neuronworkbench.ui.common.BackgroundTasks;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The editor's export after the file chooser: the options form on the FX thread makes the request,
 * and the background write produces the file and the status line, or a clear failure.
 */
class ExportFlowTest {
    private static final MlpNeuron NEURON = new MlpNeuron(3, 42);
    private static final List<String> LINES = List.of("The cat sat on the mat.", "Paris is the capital of France.");
    private static BackgroundTasks tasks;
    private static List<HighlightedSentence> sentences;

    @BeforeAll
    static void setUp() throws Exception {
        UiTestSupport.startToolkit();
        tasks = new BackgroundTasks();
        HypothesisResult r = new HypothesisViewModel(UiTestSupport.referenceModel()).compute(LINES, List.of(NEURON));
        sentences = r.sentences(NEURON);
    }

    @AfterAll
    static void tearDown() {
        tasks.close();
    }

    @Test
    void theFormsOptionsReachTheWrittenSvg(@TempDir Path dir) throws Exception {
        ExportRequest request = onFx(() -> {
            ExportOptionsForm form = new ExportOptionsForm();
            assertFalse(form.csvNote.isVisible(), "the CSV note only shows for CSV");
            form.fontSize.getValueFactory().setValue(20);
            form.darken.getValueFactory().setValue(3);
            form.filter.setValue(TokenFilter.TOP_TOKENS);
            return form.request();
        });
        assertEquals(ExportFormat.SVG, request.format());
        assertEquals(20.0, request.options().fontSize());
        assertEquals(3, request.options().darken());

        Path file = dir.resolve("L3N42.svg");
        String status = write(request, file);
        assertEquals("Exported 2 lines to " + file, status);
        Document svg = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
        assertEquals(20.0, Double.parseDouble(svg.getDocumentElement().getAttribute("font-size")));
        int tokens = sentences.stream().mapToInt(s -> s.tokens().size()).sum();
        assertEquals(tokens, svg.getElementsByTagName("rect").getLength(), "one box per token");
        // 'top tokens': only tokens above 80% of their line's largest |activation| are coloured.
        ActivationColours colors = ActivationColours.forExport(sentences, request.options());
        String blank = colors.fill(0).hex();
        int top = 0;
        for (HighlightedSentence s : sentences) {
            for (int i = 0; i < s.tokens().size(); i++) {
                top += TokenFilter.TOP_TOKENS.effective(s, i) != 0 ? 1 : 0;
            }
        }
        assertTrue(top > 0 && top < tokens, "the filter keeps some tokens and blanks others");
        assertEquals(top, rectsNotFilled(svg, blank), "a coloured box per kept token");
    }

    @Test
    void csvKeepsEveryValue(@TempDir Path dir) throws Exception {
        ExportRequest request = onFx(() -> {
            ExportOptionsForm form = new ExportOptionsForm();
            form.format.setValue(ExportFormat.CSV);
            assertTrue(form.csvNote.isVisible());
            return form.request();
        });
        Path file = dir.resolve("L3N42.csv");
        assertEquals("Exported 2 lines to " + file, write(request, file));
        List<String> rows = Files.readAllLines(file, StandardCharsets.UTF_8);
        List<TokenActivation> all = sentences.stream().flatMap(s -> s.tokens().stream()).toList();
        assertEquals(all.size() + 1, rows.size(), "a header and a row per token");
    }

    @Test
    void anUnwritablePlaceFailsWithAMessageAndWritesNothing(@TempDir Path dir) throws Exception {
        ExportRequest request = onFx(() -> new ExportOptionsForm().request());
        Path blocker = Files.writeString(dir.resolve("not-a-folder"), "x");
        Path file = blocker.resolve("L3N42.svg");
        String status = write(request, file);
        assertTrue(status.startsWith("Export failed: ") && status.length() > "Export failed: ".length(), status);
        assertFalse(Files.exists(file));
        assertEquals("x", Files.readString(blocker), "what was there is untouched");
    }

    /**
     * With a pinned neuron, every shown row is exported: per line the selected neuron's row, then the
     * pinned one's, each labelled and on the scale the pane gives it, in the chosen colours.
     */
    @Test
    void everyPinnedRowIsExportedOnItsOwnScale(@TempDir Path dir) throws Exception {
        MlpNeuron pinned = new MlpNeuron(4, 1253);
        HypothesisResult r = new HypothesisViewModel(UiTestSupport.referenceModel()).compute(LINES, List.of(NEURON, pinned));
        java.util.Map<MlpNeuron, org.neuronworkbench.export.ColourScale> scales = new java.util.LinkedHashMap<>();
        for (MlpNeuron n : r.neurons()) {
            scales.put(n, r.scale(n, Double.NaN)); // as the pane does without an index
        }
        assertTrue(scales.get(NEURON).full() != scales.get(pinned).full(), "the rows have different scales: " + scales);
        ExportRequest request = onFx(() -> {
            ExportOptionsForm form = new ExportOptionsForm();
            form.colours.setValue(org.neuronworkbench.export.TokenColours.NEUROX);
            assertTrue(form.node().getChildren().stream().anyMatch(n -> n instanceof javafx.scene.control.Label l
                    && l.getText().equals(ExportOptionsForm.DARKEN_HELP)), "the dialog says what darken does");
            assertTrue(form.node().getChildren().stream().anyMatch(n -> n instanceof javafx.scene.control.Label l
                    && l.getText().equals(ExportOptionsForm.FILTER_HELP)), "the dialog says what the filter does");
            return form.request();
        });
        List<HighlightedSentence> rows = ExportDialog.rows(r, scales);
        assertEquals(4, rows.size(), "2 lines x 2 neurons");
        Path file = dir.resolve("rows.svg");
        AtomicReference<String> status = new AtomicReference<>();
        tasks.runIo(ExportDialog.writeTask(request, rows, file, status::set));
        waitFor(30, "the export's status line", () -> status.get() != null);
        assertEquals("Exported 4 rows to " + file, status.get());

        Document svg = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
        NodeList groups = svg.getElementsByTagName("g");
        List<Element> sentenceGroups = new java.util.ArrayList<>();
        for (int i = 0; i < groups.getLength(); i++) {
            if (((Element) groups.item(i)).getAttribute("class").equals("sentence")) {
                sentenceGroups.add((Element) groups.item(i));
            }
        }
        assertEquals(4, sentenceGroups.size());
        for (int row = 0; row < 4; row++) {
            MlpNeuron n = row % 2 == 0 ? NEURON : pinned;
            HighlightedSentence expected = r.lines().get(row / 2).row(n);
            Element g = sentenceGroups.get(row);
            assertEquals(n.toString(), g.getElementsByTagName("text").item(0).getTextContent());
            NodeList rects = g.getElementsByTagName("rect");
            assertEquals(expected.tokens().size(), rects.getLength());
            ActivationColours c = scales.get(n).colours(request.options().darken());
            for (int t = 0; t < rects.getLength(); t++) {
                double a = expected.tokens().get(t).activation();
                assertEquals(org.neuronworkbench.export.TokenColours.NEUROX.fill(c, a).hex(),
                        ((Element) rects.item(t)).getAttribute("fill"), n + " line " + (row / 2) + " token " + t);
            }
        }
    }

    private static String write(ExportRequest request, Path file) {
        AtomicReference<String> status = new AtomicReference<>();
        tasks.runIo(ExportDialog.writeTask(request, sentences, file, status::set));
        waitFor(30, "the export's status line", () -> status.get() != null);
        return status.get();
    }

    /** Token boxes whose fill is not {@code blank}. */
    private static int rectsNotFilled(Document svg, String blank) {
        NodeList rects = svg.getElementsByTagName("rect");
        int n = 0;
        for (int i = 0; i < rects.getLength(); i++) {
            n += blank.equalsIgnoreCase(((Element) rects.item(i)).getAttribute("fill")) ? 0 : 1;
        }
        return n;
    }
}
