package org.neuronworkbench.ui.hypothesis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.neuronworkbench.ui.UiTestSupport.onFx;
import static org.neuronworkbench.ui.UiTestSupport.tokens;
import static org.neuronworkbench.ui.UiTestSupport.waitFor;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.Background;
import javafx.scene.paint.Color;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuronworkbench.export.ActivationColours;
import org.neuronworkbench.export.ColourScale;
import org.neuronworkbench.export.Rgb;
import org.neuronworkbench.export.TokenActivation;
import org.neuronworkbench.model.ActivationCache;
import org.neuronworkbench.model.MlpNeuron;
import org.neuronworkbench.model.ModelRunner;
import org.neuronworkbench.model.Token;
import org.neuronworkbench.model.TokenizedText;
import org.neuronworkbench.model.hooks.HookName;
import org.neuronworkbench.ui.UiTestSupport;
import org.neuronworkbench.ui.common.LatencyRecorder;
import org.neuronworkbench.ui.shell.Panes;
import org.neuronworkbench.ui.shell.WorkbenchShell;
import org.testfx.api.FxRobot;

/** The real window, the real embedded model, typing with the robot. */
class HypothesisEditorTest {
    private static final MlpNeuron SELECTED = new MlpNeuron(3, 42);
    private static final MlpNeuron OTHER = new MlpNeuron(1, 7);
    private final FxRobot robot = new FxRobot();
    private WorkbenchShell shell;

    @BeforeAll
    static void toolkit() throws Exception {
        UiTestSupport.startToolkit();
    }

    @AfterEach
    void close() throws Exception {
        UiTestSupport.closeShell(shell);
    }

    @Test
    void typingColoursTokensWithTheRunnersValuesAndPinningAddsARow(@TempDir Path dir) throws Exception {
        shell = UiTestSupport.openShell(dir.resolve("workspace.json"));
        waitFor(120, "the embedded model", () -> shell.context().model() != null);
        HypothesisPane pane = onFx(() -> {
            shell.select(Panes.HYPOTHESIS);
            return (HypothesisPane) shell.pane(Panes.HYPOTHESIS);
        });

        // Select the neuron by typing its name, then type a sentence.
        onFx(() -> {
            pane.focusNeuronField();
            return null;
        });
        robot.write("L3N42");
        waitFor(10, "L3N42 selected", () -> SELECTED.equals(shell.context().selectedNeuronProperty().get()));
        robot.clickOn(pane.editor());
        String line = "The cat sat on the mat.";
        robot.write(line);
        waitFor(30, "coloured tokens of the typed line", () -> line.equals(pane.editor().getText())
                && rendered(pane, 0).equals(line));

        List<Label> labels = onFx(() -> tokens(pane.linesBox()));
        float[] expected = reference(line, SELECTED);
        assertEquals(expected.length, labels.size(), "one label per non-special token");
        ColourScale scale = onFx(() -> pane.lastScales().get(SELECTED));
        ActivationColours colors = scale.colours(2);
        // No index is open: full colour is the line's largest value, labelled as such; the values
        // at the GELU floor are pale, not the deep red the old |a| scale gave them.
        float lineMax = Float.NEGATIVE_INFINITY;
        for (float v : expected) {
            lineMax = Math.max(lineMax, v);
        }
        assertSameScale(ColourScale.of(Double.NaN, lineMax), scale);
        for (float v : expected) {
            assertTrue(v > 0 || colors.intensity(v) <= ActivationColours.NEGATIVE_CAP, "pale: " + v);
        }
        assertTrue(onFx(() -> pane.legend().getText()).contains(SELECTED + ": " + scale.label()),
                onFx(() -> pane.legend().getText()));
        int argMax = 0;
        for (int i = 0; i < labels.size(); i++) {
            Label l = labels.get(i);
            double shown = (Double) l.getProperties().get(LineView.ACTIVATION);
            assertEquals(expected[i], shown, 1e-4, "token " + i + " '" + l.getText() + "'");
            assertEquals(fx(colors.fill(shown)), fill(l), "colour of token " + i);
            argMax = expected[i] > expected[argMax] ? i : argMax;
        }
        assertTrue(labels.get(argMax).getStyleClass().contains(LineView.MAX_CLASS), "the maximum is marked");
        System.out.println("tokens of '" + line + "' at " + SELECTED + ": "
                + labels.stream().map(l -> "'" + l.getText() + "'=" + l.getProperties().get(LineView.ACTIVATION)).toList());

        // Pin L3N42, select L1N7: every line gets a second row, with L3N42's values.
        robot.clickOn("#pin-button");
        onFx(() -> {
            pane.focusNeuronField();
            return null;
        });
        long keysBefore = shell.context().metrics().recorder(HypothesisPane.KEY_TO_LAYOUT).count();
        robot.write("L1N7");
        waitFor(30, "two rows", () -> pane.linesBox().lookupAll(".hyp-row").size() == 2);
        // The neuron change is timed on its own recorder, not as typing in the editor.
        LatencyRecorder neuronTimes = shell.context().metrics().recorder(HypothesisPane.NEURON_TO_LAYOUT);
        waitFor(10, "the neuron change timed", () -> neuronTimes.count() > 0);
        assertTrue(java.util.Arrays.stream(neuronTimes.values()).allMatch(v -> v > 0 && v < 30_000), neuronTimes.stats().describe());
        assertEquals(keysBefore, shell.context().metrics().recorder(HypothesisPane.KEY_TO_LAYOUT).count(),
                "typing in the neuron field is not editor latency");
        List<Label> all = onFx(() -> tokens(pane.linesBox()));
        List<Double> pinnedRow = new ArrayList<>();
        List<Double> selectedRow = new ArrayList<>();
        for (Label l : all) {
            (l.getProperties().get(LineView.NEURON).equals(SELECTED) ? pinnedRow : selectedRow)
                    .add((Double) l.getProperties().get(LineView.ACTIVATION));
        }
        float[] other = reference(line, OTHER);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], pinnedRow.get(i), 1e-4);
            assertEquals(other[i], selectedRow.get(i), 1e-4);
        }
        // Each row has its own scale, and the legend names both.
        java.util.Map<MlpNeuron, ColourScale> scales = onFx(() -> pane.lastScales());
        double otherMax = Double.NEGATIVE_INFINITY;
        for (float v : other) {
            otherMax = Math.max(otherMax, v);
        }
        assertSameScale(ColourScale.of(Double.NaN, otherMax), scales.get(OTHER));
        assertEquals(scale, scales.get(SELECTED), "the pinned row keeps its own scale");
        String legend = onFx(() -> pane.legend().getText());
        assertTrue(legend.contains(OTHER + ": " + scales.get(OTHER).label()) && legend.contains(SELECTED + ": "), legend);

        // With an index of this model open, full colour is each neuron's maximum over the index.
        try (org.neuronworkbench.index.CorpusIndex reference = org.neuronworkbench.index.CorpusIndex.open(
                org.neuronworkbench.ui.neurons.TestIndex.dir())) {
            double indexMax = reference.stats(OTHER.layer(), OTHER.index()).max();
            double selectedIndexMax = reference.stats(SELECTED.layer(), SELECTED.index()).max();
            onFx(() -> shell.context().openIndex().open(org.neuronworkbench.ui.neurons.TestIndex.dir(), false));
            waitFor(60, "index scales", () -> {
                ColourScale s = pane.lastScales().get(OTHER);
                return s != null && s.basis() == ColourScale.Basis.INDEX_MAX;
            });
            assertEquals(indexMax, onFx(() -> pane.lastScales().get(OTHER)).full(), 0.0);
            assertEquals(ColourScale.of(selectedIndexMax, lineMax), onFx(() -> pane.lastScales().get(SELECTED)));
            assertTrue(onFx(() -> pane.legend().getText()).contains("maximum over the index"));
        }

        // Text sent from another pane becomes a new line with its own coloured tokens.
        onFx(() -> {
            shell.context().sendToHypothesis("Dogs bark at night.");
            return null;
        });
        waitFor(30, "the sent line", () -> pane.linesBox().getChildren().size() == 2);

        LatencyRecorder.LatencyStats nodes = shell.context().metrics().recorder(HypothesisPane.KEY_TO_NODES).stats();
        LatencyRecorder.LatencyStats layout = shell.context().metrics().recorder(HypothesisPane.KEY_TO_LAYOUT).stats();
        assertTrue(nodes.count() > 0 && nodes.medianMs() > 0, nodes.describe());
        assertTrue(layout.count() > 0 && layout.p95Ms() >= layout.medianMs(), layout.describe());
        System.out.println(nodes.describe());
        System.out.println(layout.describe());

        robot.press(KeyCode.F12).release(KeyCode.F12);
        waitFor(5, "the debug overlay", () -> shell.debugOverlayVisible()
                && shell.debugOverlayText().contains(HypothesisPane.KEY_TO_NODES + ": last"));
    }

    /**
     * The same rule and the same full colour up to float32 rounding: the editor's small forwards
     * run through ONNX Runtime, the reference values through libtorch.
     */
    private static void assertSameScale(ColourScale expected, ColourScale actual) {
        assertEquals(expected.basis(), actual.basis());
        assertEquals(expected.full(), actual.full(), 1e-4);
    }

    private static String rendered(HypothesisPane pane, int lineView) {
        if (pane.linesBox().getChildren().size() <= lineView) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        for (Label l : tokens(pane.linesBox().getChildren().get(lineView))) {
            sb.append(((TokenActivation) l.getUserData()).text());
        }
        return sb.toString();
    }

    /** What a probe-style call gives: the neuron's column at the line's non-special tokens. */
    static float[] reference(String line, MlpNeuron n) {
        ModelRunner runner = UiTestSupport.referenceModel();
        TokenizedText t = runner.tokenize(line);
        ActivationCache cache = runner.runWithCache(List.of(t), h -> h.equals(HookName.mlpPost(n.layer())));
        float[] column = cache.column(HookName.mlpPost(n.layer()), 0, n.index());
        return t.tokens().stream().filter(tok -> !tok.special()).mapToInt(Token::index)
                .mapToDouble(i -> column[i]).collect(() -> new FloatList(), FloatList::add, FloatList::addAll).array();
    }

    private static Color fill(Label l) {
        Background b = l.getBackground();
        return (Color) b.getFills().get(0).getFill();
    }

    private static Color fx(Rgb rgb) {
        return Color.rgb(rgb.red(), rgb.green(), rgb.blue());
    }

    /** Tiny growable float array for the stream above. */
    static final class FloatList {
        private float[] a = new float[8];
        private int n;

        void add(double v) {
            if (n == a.length) {
                a = java.util.Arrays.copyOf(a, n * 2);
            }
            a[n++] = (float) v;
        }

        void addAll(FloatList o) {
            for (int i = 0; i < o.n; i++) {
                add(o.a[i]);
            }
        }

        float[] array() {
            return java.util.Arrays.copyOf(a, n);
        }
    }
}
