package org.neuronworkbench.ui.causal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.neuronworkbench.ui.neurons.FxTesting.fx;
import static org.neuronworkbench.ui.neurons.FxTesting.fxRun;
import static org.neuronworkbench.ui.neurons.FxTesting.waitFx;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.TableColumn;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.control.TableView;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuronworkbench.analysis.AblationEffect;
import org.neuronworkbench.analysis.DirectLogitAttribution;
import org.neuronworkbench.analysis.NoiseSensitivity;
import org.neuronworkbench.analysis.PromptOptimisation;
import org.neuronworkbench.analysis.TargetPosition;
import org.neuronworkbench.analysis.TokenSequence;
import org.neuronworkbench.export.TokenActivation;
import org.neuronworkbench.model.MlpNeuron;
import org.neuronworkbench.model.ModelRunner;
import org.neuronworkbench.model.hooks.HookName;
import org.neuronworkbench.model.hooks.HookSet;
import org.neuronworkbench.ui.UiTestSupport;
import org.neuronworkbench.ui.shell.PaneSpec;
import org.neuronworkbench.ui.shell.Panes;
import org.testfx.api.FxRobot;

/** Noise, ablation, logit attribution and prompt optimisation panes: run, then compare with the analysis. */
class CausalPanesTest {
    private static final String TEXT = "the cat sat on the mat";
    private final FxRobot robot = new FxRobot();
    private CausalTesting.Shown<?> shown;

    @BeforeAll
    static void toolkit() throws Exception {
        UiTestSupport.startToolkit();
    }

    @AfterEach
    void close() {
        if (shown != null) {
            shown.close();
        }
    }

    @Test
    void theToolsFollowTheExistingPanesOnCtrl5To9() {
        List<PaneSpec> panes = Panes.defaults();
        List<String> ids = panes.stream().map(PaneSpec::id).toList();
        assertEquals(List.of(Panes.SIMPLIFY, Panes.NOISE, Panes.ABLATION, Panes.DLA, Panes.OPTIMISE),
                ids.subList(ids.indexOf(Panes.MODEL) + 1, ids.size()));
        for (int i = 0; i < 5; i++) {
            KeyCodeCombination keys = (KeyCodeCombination) panes.get(ids.indexOf(Panes.SIMPLIFY) + i).shortcut();
            assertEquals(KeyCode.valueOf("DIGIT" + (5 + i)), keys.getCode());
        }
    }

    @Test
    void noiseColoursEachTokenByTheMeanChange(@TempDir Path dir) {
        ModelRunner m = UiTestSupport.referenceModel();
        CausalTesting.Shown<NoisePane> s = CausalTesting.show(dir, m, NoisePane::new);
        shown = s;
        NoisePane pane = s.pane();
        fxRun(() -> {
            pane.textField().setText(TEXT);
            pane.neuronField().setText("L3N17");
            pane.sigmaField().setText("-1");
            pane.run();
        });
        CausalTesting.idle(pane, 30);
        assertTrue(CausalTesting.message(pane).contains("Sigma '-1' must be a number ≥ 0"), CausalTesting.message(pane));
        fxRun(() -> {
            pane.sigmaField().setText("0.5");
            pane.samplesSpinner().getValueFactory().setValue(8);
            pane.seedField().setText("3");
            pane.run();
        });
        CausalTesting.idle(pane, 60);
        NoiseSensitivity.Result want = new NoiseSensitivity(m).run(new NoiseSensitivity.Request(TokenSequence.ofText(m, TEXT), new MlpNeuron(3, 17), TargetPosition.LAST, 0.5, 8, 3));
        List<TokenActivation> labels = CausalTesting.tokens(pane.strip());
        assertEquals(want.tokens().size(), labels.size(), CausalTesting.message(pane));
        for (int i = 0; i < labels.size(); i++) {
            assertEquals(want.tokens().get(i).token(), labels.get(i).text());
            assertEquals(want.tokens().get(i).meanChange(), labels.get(i).activation(), 1e-6, "token " + i);
        }
        assertTrue(fx(() -> pane.summary().getText()).contains(String.format("= %.4f clean", want.clean())));
    }

    @Test
    void ablationOnTheFixtureDecoderShowsTheAnalysisNumbers(@TempDir Path dir) {
        ModelRunner gpt2 = CausalTesting.gpt2();
        CausalTesting.Shown<AblationPane> s = CausalTesting.show(dir, gpt2, AblationPane::new);
        shown = s;
        AblationPane pane = s.pane();
        assertTrue(fx(() -> pane.meanButton().isDisabled()), "no index open: mean is off");
        assertEquals(AblationRequest.MEAN_NEEDS_INDEX, fx(() -> pane.meanButton().getTooltip().getText()));
        fxRun(() -> {
            s.ctx().pinned().add(new MlpNeuron(1, 40));
            pane.textField().setText("5 63 22 87");
            pane.neuronsField().setText("L1N3, L1N17");
            pane.addPinned();
        });
        assertEquals("L1N3, L1N17, L1N40", fx(() -> pane.neuronsField().getText()));
        fxRun(pane::run);
        CausalTesting.idle(pane, 30);
        AblationEffect.Result want = new AblationEffect(gpt2).run(new AblationEffect.Request(TokenSequence.ofIds(gpt2, new int[] {5, 63, 22, 87}), List.of(new MlpNeuron(1, 3), new MlpNeuron(1, 17), new MlpNeuron(1, 40)), AblationEffect.Mode.ZERO, Map.of(), List.of()));
        TableView<AblationEffect.PositionEffect> table = pane.decoderTable();
        assertEquals(want.positions(), fx(() -> new ArrayList<>(table.getItems())), CausalTesting.message(pane));
        assertFalse(fx(() -> pane.noteLabel().isVisible()));
        assertEquals(List.of("pos", "token", "next token", "log p original", "log p ablated", "difference", "most-changed token"),
                fx(() -> table.getColumns().stream().map(TableColumn::getText).toList()));
        assertEquals("#63", fx(() -> table.getColumns().get(2).getCellData(0)));
        assertEquals(want.positions().get(0).change(), fx(() -> table.getColumns().get(5).getCellData(0)));

        fxRun(() -> {
            pane.neuronsField().setText("L1N3, L7N2");
            pane.run();
        });
        CausalTesting.idle(pane, 30);
        assertTrue(CausalTesting.message(pane).contains("Layer 7 is out of range"), CausalTesting.message(pane));
    }

    @Test
    void ablationOnAnEncoderShowsTheNoteAndTheWatchedNeurons(@TempDir Path dir) {
        ModelRunner m = UiTestSupport.referenceModel();
        CausalTesting.Shown<AblationPane> s = CausalTesting.show(dir, m, AblationPane::new);
        shown = s;
        AblationPane pane = s.pane();
        fxRun(() -> {
            s.ctx().selectedNeuronProperty().set(new MlpNeuron(5, 627));
            s.ctx().pinned().add(new MlpNeuron(4, 100));
            pane.textField().setText(TEXT);
            pane.neuronsField().setText("L3N17, L3N200");
            pane.run();
        });
        CausalTesting.idle(pane, 60);
        AblationEffect.Result want = new AblationEffect(m).run(new AblationEffect.Request(TokenSequence.ofText(m, TEXT), List.of(new MlpNeuron(3, 17),
                new MlpNeuron(3, 200)), AblationEffect.Mode.ZERO, Map.of(), List.of(new MlpNeuron(5, 627), new MlpNeuron(4, 100))));
        assertTrue(fx(() -> pane.noteLabel().isVisible()));
        assertTrue(fx(() -> pane.noteLabel().getText()).startsWith(AblationPane.ENCODER_NOTE));
        TableView<Integer> table = fx(pane::encoderTable);
        assertNotNull(table, CausalTesting.message(pane));
        assertEquals(5 + 2 * 2, fx(() -> table.getColumns().size()));
        assertEquals("L5N627 ablated", fx(() -> table.getColumns().get(6).getText()));
        for (int i = 0; i < want.residNormOriginal().length; i++) {
            int row = i;
            assertEquals(want.residNormOriginal()[i], fx(() -> table.getColumns().get(2).getCellData(row)));
            assertEquals(want.residNormAblated()[i], fx(() -> table.getColumns().get(3).getCellData(row)));
            assertEquals(want.pinned().get(0).ablated()[i], fx(() -> table.getColumns().get(6).getCellData(row)));
            assertEquals(want.pinned().get(1).original()[i], fx(() -> table.getColumns().get(7).getCellData(row)));
        }
    }

    @Test
    void logitAttributionTablesEqualTheAnalysisAndClickingANeuronSelectsIt(@TempDir Path dir) {
        ModelRunner m = UiTestSupport.referenceModel();
        CausalTesting.Shown<DlaPane> s = CausalTesting.show(dir, m, DlaPane::new);
        shown = s;
        DlaPane pane = s.pane();
        fxRun(() -> {
            pane.neuronField().setText("L3N17");
            pane.topSpinner().getValueFactory().setValue(12);
            pane.runNeuron();
        });
        CausalTesting.idle(pane, 30);
        DirectLogitAttribution dla = new DirectLogitAttribution(m);
        DirectLogitAttribution.NeuronLogits want = ((DirectLogitAttribution.NeuronLogits) dla.run(new DirectLogitAttribution.ForNeuron(new MlpNeuron(3, 17), 12, true)));
        assertEquals(want.top(), fx(() -> new ArrayList<>(pane.upTable().getItems())), CausalTesting.message(pane));
        assertEquals(want.bottom(), fx(() -> new ArrayList<>(pane.downTable().getItems())));
        assertTrue(fx(() -> pane.banner().isVisible()));
        assertTrue(fx(() -> pane.banner().getText()).contains("approximate: input embeddings used as unembedding"));

        fxRun(() -> {
            pane.throughLnBox().setSelected(false);
            pane.runNeuron();
        });
        CausalTesting.idle(pane, 30);
        assertEquals(((DirectLogitAttribution.NeuronLogits) dla.run(new DirectLogitAttribution.ForNeuron(new MlpNeuron(3, 17), 12, false))).top(), fx(() -> new ArrayList<>(pane.upTable().getItems())));

        fxRun(() -> {
            pane.tokenField().setText("unbelievably");
            pane.runToken();
        });
        CausalTesting.idle(pane, 30);
        assertTrue(CausalTesting.message(pane).contains("'unbelievably' is not one token: the tokenizer splits it into"),
                CausalTesting.message(pane));

        fxRun(() -> {
            pane.tokenField().setText("cat");
            pane.runToken();
        });
        CausalTesting.idle(pane, 30);
        int cat = DirectLogitAttribution.tokenId(m, "cat");
        DirectLogitAttribution.TokenPushers pushers = ((DirectLogitAttribution.TokenPushers) dla.run(new DirectLogitAttribution.ForToken(cat, 12, false)));
        assertEquals(pushers.top(), fx(() -> new ArrayList<>(pane.pushUpTable().getItems())));
        assertEquals(pushers.bottom(), fx(() -> new ArrayList<>(pane.pushDownTable().getItems())));
        robot.clickOn(fx(() -> pane.pushUpTable().lookupAll(".table-row-cell").iterator().next()));
        waitFx(5, () -> pushers.top().get(0).neuron().equals(s.ctx().selectedNeuronProperty().get()));
        waitFx(10, () -> pane.running() == null && pane.neuronResult() != null
                && pane.neuronResult().neuron().equals(pushers.top().get(0).neuron()));
    }

    @Test
    void logitAttributionOfTheFixtureDecoderIsExactAndTakesIds(@TempDir Path dir) {
        ModelRunner gpt2 = CausalTesting.gpt2();
        CausalTesting.Shown<DlaPane> s = CausalTesting.show(dir, gpt2, DlaPane::new);
        shown = s;
        DlaPane pane = s.pane();
        fxRun(() -> {
            pane.neuronField().setText("L1N5");
            pane.tokenField().setText("42");
            pane.runNeuron();
        });
        CausalTesting.idle(pane, 30);
        assertFalse(fx(() -> pane.banner().isVisible()), "decoders are exact");
        assertEquals(((DirectLogitAttribution.NeuronLogits) new DirectLogitAttribution(gpt2).run(new DirectLogitAttribution.ForNeuron(new MlpNeuron(1, 5), 20, true))).top(),
                fx(() -> new ArrayList<>(pane.upTable().getItems())));
        assertBarsFollowScores(pane.upTable(), "dla-bar-up");
        assertBarsFollowScores(pane.downTable(), "dla-bar-down");
        fxRun(pane::runToken);
        CausalTesting.idle(pane, 30);
        assertEquals(((DirectLogitAttribution.TokenPushers) new DirectLogitAttribution(gpt2).run(new DirectLogitAttribution.ForToken(42, 20, true))).top(),
                fx(() -> new ArrayList<>(pane.pushUpTable().getItems())), CausalTesting.message(pane));
        fxRun(() -> {
            pane.tokenField().setText("cat");
            pane.runToken();
        });
        CausalTesting.idle(pane, 30);
        assertTrue(CausalTesting.message(pane).contains("no tokenizer"), CausalTesting.message(pane));
    }

    @Test
    void optimisationResultsArriveWithTheVerdict(@TempDir Path dir) {
        ModelRunner gpt2 = CausalTesting.gpt2();
        CausalTesting.Shown<OptimisePane> s = CausalTesting.show(dir, gpt2, OptimisePane::new);
        shown = s;
        OptimisePane pane = s.pane();
        fxRun(() -> {
            pane.neuronField().setText("L1N5");
            pane.lengthSpinner().getValueFactory().setValue(4);
            pane.outputsSpinner().getValueFactory().setValue(2);
            pane.stepsSpinner().getValueFactory().setValue(5);
            pane.fixedPositionField().setText("1");
            pane.fixedWordField().setText("#17");
            pane.run();
        });
        CausalTesting.idle(pane, 60);
        PromptOptimisation.Result r = fx(pane::result);
        assertNotNull(r, CausalTesting.message(pane));
        PromptOptimisation.Result want = new PromptOptimisation(gpt2).run(new PromptOptimisation.Request(new MlpNeuron(1, 5),
                PromptOptimisation.Options.defaults().withLength(4).withOutputs(2).withSteps(5).withFixed(1, 17)));
        List<PromptOptimisation.Prompt> rows = fx(() -> new ArrayList<>(pane.table().getItems()));
        assertEquals(4, rows.size(), "2 continuous + 2 discrete");
        for (PromptOptimisation.Prompt p : rows) {
            if (p.method().equals("discrete")) {
                assertEquals(17, p.ids()[1], "the fixed word stays");
            }
        }
        assertEquals(want.best().activation(), rows.get(0).activation(), 1e-4);
        assertEquals(OptimiseRequest.verdict(r), fx(() -> pane.verdictLabel().getText()));
        assertTrue(fx(() -> pane.verdictLabel().getText()).contains("found the higher activation")
                || fx(() -> pane.verdictLabel().getText()).contains("same activation"));
    }

    @Test
    void cancellingAnOptimisationFreesTheModelWithinASecond(@TempDir Path dir) throws Exception {
        CausalTesting.Shown<OptimisePane> s = longOptimisationUnderWay(dir);
        OptimisePane pane = s.pane();
        long t0 = System.nanoTime();
        fxRun(pane::cancel);
        s.ctx().tasks().submitModel(() -> true).get(1, TimeUnit.SECONDS);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(ms < 1000, "model thread free after " + ms + " ms");
        waitFx(5, () -> pane.running() == null);
        assertTrue(CausalTesting.message(pane).contains("cancelled"), CausalTesting.message(pane));
        assertFalse(fx(() -> pane.runButton().isDisable()), "the pane can run again");
    }
    @Test
    void stoppingAnOptimisationKeepsThePromptsFoundSoFar(@TempDir Path dir) {
        CausalTesting.Shown<OptimisePane> s = longOptimisationUnderWay(dir);
        OptimisePane pane = s.pane();
        ModelRunner m = s.ctx().model();
        assertFalse(fx(() -> pane.stopButton().isDisable()), "Stop is offered while the search runs");
        fxRun(() -> pane.stopButton().fire());
        CausalTesting.idle(pane, 10);
        PromptOptimisation.Result r = fx(pane::result);
        assertNotNull(r, CausalTesting.message(pane));
        assertTrue(r.cancelled(), "the search ended early");
        List<PromptOptimisation.Prompt> rows = fx(() -> new ArrayList<>(pane.table().getItems()));
        assertFalse(rows.isEmpty(), "the prompts found before the stop are listed");
        // Each kept prompt's value is what the model gives for its tokens.
        PromptOptimisation.Prompt top = rows.get(0);
        HookName post = HookName.mlpPost(3);
        float[] acts = m.runTokens(List.of(top.ids()), HookSet.caching(post::equals)).column(post, 0, 17);
        assertEquals(acts[r.target()], top.activation(), 1e-4);
        assertTrue(fx(() -> pane.bestLabel().getText()).contains("stopped early"), fx(() -> pane.bestLabel().getText()));
        assertTrue(fx(() -> pane.stopButton().isDisable()), "Stop is off once the search ended");
    }

    /** A 5000-step search for L3N17 on MiniLM, once it has reported a best value. */
    private CausalTesting.Shown<OptimisePane> longOptimisationUnderWay(Path dir) {
        CausalTesting.Shown<OptimisePane> s = CausalTesting.show(dir, UiTestSupport.referenceModel(), OptimisePane::new);
        shown = s;
        OptimisePane pane = s.pane();
        fxRun(() -> {
            pane.neuronField().setText("L3N17");
            pane.stepsSpinner().getValueFactory().setValue(5000);
            pane.run();
        });
        waitFx(60, () -> s.ctx().tasks().running().size() == 1
                && s.ctx().tasks().running().get(0).getMessage().contains("best"));
        return s;
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
            assertEquals(DlaPane.BAR_WIDTH * b[1] / max, b[0], 1e-6);
        }
    }
}
