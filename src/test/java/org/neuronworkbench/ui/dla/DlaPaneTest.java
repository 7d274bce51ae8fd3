package org.neuronworkbench.ui.dla;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.neuronworkbench.ui.neurons.FxTesting.fx;
import static org.neuronworkbench.ui.neurons.FxTesting.fxRun;
import static org.neuronworkbench.ui.neurons.FxTesting.waitFx;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.control.TableView;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.neuronworkbench.analysis.DirectLogitAttribution;
import org.neuronworkbench.model.MlpNeuron;
import org.neuronworkbench.model.ModelRunner;
import org.neuronworkbench.ui.UiTestSupport;
import org.neuronworkbench.ui.common.ToolPaneStages;
import org.neuronworkbench.ui.common.ToolPaneTesting;
import org.neuronworkbench.ui.neurons.FxTesting;
import org.testfx.api.FxRobot;

/** Logit attribution pane: run, then compare with the analysis. */
class DlaPaneTest {
    private final FxRobot robot = new FxRobot();
    private static final String TEXT = "the cat sat on the mat";
    @RegisterExtension
    final ToolPaneStages stages = new ToolPaneStages();



    @Test
    void logitAttributionTablesEqualTheAnalysisAndClickingANeuronSelectsIt(@TempDir Path dir) {
        ModelRunner m = UiTestSupport.referenceModel();
        ToolPaneTesting.Shown<DlaPane> s = stages.show(dir, m, DlaPane::new);
        DlaPane pane = s.pane();
        fxRun(() -> {
            pane.neuronField().setText("L3N17");
            pane.topSpinner().getValueFactory().setValue(12);
            pane.runNeuron();
        });
        ToolPaneTesting.idle(pane, 30);
        DirectLogitAttribution dla = new DirectLogitAttribution(m);
        DirectLogitAttribution.NeuronLogits want = ((DirectLogitAttribution.NeuronLogits) dla.run(
                new DirectLogitAttribution.ForNeuron(new MlpNeuron(3, 17), 12, true)));
        assertEquals(want.top(), fx(() -> new ArrayList<>(pane.upTable().getItems())), ToolPaneTesting.message(pane));
        assertEquals(want.bottom(), fx(() -> new ArrayList<>(pane.downTable().getItems())));
        assertTrue(fx(() -> pane.banner().isVisible()));
        assertTrue(fx(() -> pane.banner().getText()).contains("approximate: input embeddings used as unembedding"));

        fxRun(() -> {
            pane.throughLnBox().setSelected(false);
            pane.runNeuron();
        });
        ToolPaneTesting.idle(pane, 30);
        assertEquals(((DirectLogitAttribution.NeuronLogits) dla.run(
                new DirectLogitAttribution.ForNeuron(new MlpNeuron(3, 17), 12, false))).top(),
                        fx(() -> new ArrayList<>(pane.upTable().getItems())));

        fxRun(() -> {
            pane.tokenField().setText("unbelievably");
            pane.runToken();
        });
        ToolPaneTesting.idle(pane, 30);
        assertTrue(ToolPaneTesting.message(pane).contains("'unbelievably' is not one token: the tokenizer splits it into"),
                ToolPaneTesting.message(pane));

        fxRun(() -> {
            pane.tokenField().setText("cat");
            pane.runToken();
        });
        ToolPaneTesting.idle(pane, 30);
        int cat = DirectLogitAttribution.tokenId(m, "cat");
        DirectLogitAttribution.TokenPushers pushers = ((DirectLogitAttribution.TokenPushers) dla.run(
                new DirectLogitAttribution.ForToken(cat, 12, false)));
        assertEquals(pushers.top(), fx(() -> new ArrayList<>(pane.pushUpTable().getItems())));
        assertEquals(pushers.bottom(), fx(() -> new ArrayList<>(pane.pushDownTable().getItems())));
        robot.clickOn(fx(() -> pane.pushUpTable().lookupAll(".table-row-cell").iterator().next()));
        waitFx(5, () -> pushers.top().get(0).neuron().equals(s.ctx().selectedNeuronProperty().get()));
        waitFx(10, () -> pane.running() == null && pane.neuronResult() != null
                && pane.neuronResult().neuron().equals(pushers.top().get(0).neuron()));

        // In a small laptop's window every header of the four tables still reads in full.
        ToolPaneTesting.resize(s, 1024);
        for (TableView<?> t : fx(() -> List.of(pane.upTable(), pane.downTable(), pane.pushUpTable(), pane.pushDownTable()))) {
            assertEquals(List.of(), FxTesting.headersCutShort(t));
        }
    }

    @Test
    void logitAttributionOfTheFixtureDecoderIsExactAndTakesIds(@TempDir Path dir) {
        ModelRunner gpt2 = ToolPaneTesting.gpt2();
        ToolPaneTesting.Shown<DlaPane> s = stages.show(dir, gpt2, DlaPane::new);
        DlaPane pane = s.pane();
        fxRun(() -> {
            pane.neuronField().setText("L1N5");
            pane.tokenField().setText("42");
            pane.runNeuron();
        });
        ToolPaneTesting.idle(pane, 30);
        assertFalse(fx(() -> pane.banner().isVisible()), "decoders are exact");
        assertEquals(((DirectLogitAttribution.NeuronLogits) new DirectLogitAttribution(gpt2).run(
                new DirectLogitAttribution.ForNeuron(new MlpNeuron(1, 5), 20, true))).top(),
                fx(() -> new ArrayList<>(pane.upTable().getItems())));
        assertBarsFollowScores(pane.upTable(), "dla-bar-up");
        assertBarsFollowScores(pane.downTable(), "dla-bar-down");
        fxRun(pane::runToken);
        ToolPaneTesting.idle(pane, 30);
        assertEquals(((DirectLogitAttribution.TokenPushers) new DirectLogitAttribution(gpt2).run(
                new DirectLogitAttribution.ForToken(42, 20, true))).top(),
                fx(() -> new ArrayList<>(pane.pushUpTable().getItems())), ToolPaneTesting.message(pane));
        fxRun(() -> {
            pane.tokenField().setText("cat");
            pane.runToken();
        });
        ToolPaneTesting.idle(pane, 30);
        assertTrue(ToolPaneTesting.message(pane).contains("no tokenizer"), ToolPaneTesting.message(pane));
    }

    /** Each shown score has a bar of the right colour whose width is |score| / max |score| of the table. */
    private static void assertBarsFollowScores(TableView<DirectLogitAttribution.TokenScore> table, String colour) {
        fxRun(table::layout);
        List<double[]> bars = fx(() -> table.lookupAll(".dla-bar").stream()
                .filter(n -> n.isVisible() && n.getParent() instanceof javafx.scene.control.TableCell<?, ?> c && !c.isEmpty())
                .map(n -> {
                    javafx.scene.control.TableCell<?, ?> c = (javafx.scene.control.TableCell<?, ?>) n.getParent();
                    assertTrue(n.getStyleClass().contains(colour), n.getStyleClass().toString());
                    return new double[] {((javafx.scene.layout.Region) n).getPrefWidth(), Math.abs((Float) c.getItem())};
                }).toList());
        assertFalse(bars.isEmpty(), "bars are drawn");
        double max = fx(() -> table.getItems().stream().mapToDouble(t -> Math.abs(t.score())).max().orElse(0));
        for (double[] b : bars) {
            assertEquals(DlaTables.BAR_WIDTH * b[1] / max, b[0], 1e-6);
        }
    }

    @Test
    void theLayerNormBoxIsOffWhereTheModelHasNoGainAndSaysWhy(@TempDir Path dir) {
        ModelRunner miniLm = UiTestSupport.referenceModel();
        assertEquals(null, miniLm.weights().lnFinalScale(), "the encoder has no final LayerNorm gain");
        ToolPaneTesting.Shown<DlaPane> s = stages.show(dir, miniLm, DlaPane::new);
        DlaPane pane = s.pane();
        assertTrue(fx(() -> pane.throughLnBox().isDisabled()));
        assertFalse(fx(() -> pane.throughLnBox().isSelected()), "a disabled box does not claim to be on");
        assertTrue(fx(() -> pane.lnHint().isVisible()));
        assertEquals(DlaPane.NO_LN_GAIN, fx(() -> pane.lnHint().getTooltip().getText()));

        ModelRunner gpt2 = ToolPaneTesting.gpt2();
        assertTrue(gpt2.weights().lnFinalScale() != null, "the decoder has one");
        fxRun(() -> s.ctx().modelProperty().set(gpt2));
        assertFalse(fx(() -> pane.throughLnBox().isDisabled()));
        assertTrue(fx(() -> pane.throughLnBox().isSelected()));
        assertFalse(fx(() -> pane.lnHint().isVisible()));
        assertEquals(DlaPane.LN_GAIN, fx(() -> pane.throughLnBox().getTooltip().getText()));
    }
}
