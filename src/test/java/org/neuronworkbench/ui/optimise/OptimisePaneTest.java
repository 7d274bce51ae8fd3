package org.neuronworkbench.ui.optimise;

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
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.neuronworkbench.analysis.PromptOptimisation;
import org.neuronworkbench.analysis.PromptOptions;
import org.neuronworkbench.model.MlpNeuron;
import org.neuronworkbench.model.ModelRunner;
import org.neuronworkbench.model.hooks.HookName;
import org.neuronworkbench.model.hooks.HookSet;
import org.neuronworkbench.ui.UiTestSupport;
import org.neuronworkbench.ui.common.ToolPaneStages;
import org.neuronworkbench.ui.common.ToolPaneTesting;

/** Prompt optimisation pane: run, stop and cancel, then compare with the analysis. */
class OptimisePaneTest {
    private static final String TEXT = "the cat sat on the mat";
    @RegisterExtension
    final ToolPaneStages stages = new ToolPaneStages();



    @Test
    void optimisationResultsArriveWithTheVerdict(@TempDir Path dir) {
        ModelRunner gpt2 = ToolPaneTesting.gpt2();
        ToolPaneTesting.Shown<OptimisePane> s = stages.show(dir, gpt2, OptimisePane::new);
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
        ToolPaneTesting.idle(pane, 60);
        PromptOptimisation.Result r = fx(pane::result);
        assertNotNull(r, ToolPaneTesting.message(pane));
        PromptOptimisation.Result want = new PromptOptimisation(gpt2).run(new PromptOptimisation.Request(new MlpNeuron(1, 5),
                PromptOptions.defaults().withLength(4).withOutputs(2).withSteps(5).withFixed(1, 17)));
        List<PromptOptimisation.Prompt> rows = fx(() -> new ArrayList<>(pane.table().getItems()));
        assertEquals(4, rows.size(), "2 continuous + 2 discrete");
        for (PromptOptimisation.Prompt p : rows) {
            if (p.method().equals("discrete")) {
                assertEquals(17, p.ids()[1], "the fixed word stays");
            }
        }
        assertEquals(want.best().activation(), rows.get(0).activation(), 1e-4);
        assertEquals(OptimiseViewModel.verdict(r), fx(() -> pane.verdictLabel().getText()));
        assertTrue(fx(() -> pane.verdictLabel().getText()).contains("found the higher activation")
                || fx(() -> pane.verdictLabel().getText()).contains("same activation"));
    }

    @Test
    void cancellingAnOptimisationFreesTheModelWithinASecond(@TempDir Path dir) throws Exception {
        ToolPaneTesting.Shown<OptimisePane> s = longOptimisationUnderWay(dir);
        OptimisePane pane = s.pane();
        long t0 = System.nanoTime();
        fxRun(pane::cancel);
        s.ctx().tasks().submitModel(() -> true).get(1, TimeUnit.SECONDS);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(ms < 1000, "model thread free after " + ms + " ms");
        waitFx(5, () -> pane.running() == null);
        assertTrue(ToolPaneTesting.message(pane).contains("cancelled"), ToolPaneTesting.message(pane));
        assertFalse(fx(() -> pane.runButton().isDisable()), "the pane can run again");
    }

    @Test
    void stoppingAnOptimisationKeepsThePromptsFoundSoFar(@TempDir Path dir) {
        ToolPaneTesting.Shown<OptimisePane> s = longOptimisationUnderWay(dir);
        OptimisePane pane = s.pane();
        ModelRunner m = s.ctx().model();
        assertFalse(fx(() -> pane.stopButton().isDisable()), "Stop is offered while the search runs");
        fxRun(() -> pane.stopButton().fire());
        ToolPaneTesting.idle(pane, 10);
        PromptOptimisation.Result r = fx(pane::result);
        assertNotNull(r, ToolPaneTesting.message(pane));
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

    @Test
    void promptsFoundSoFarAreListedWhileTheSearchRuns(@TempDir Path dir) {
        ToolPaneTesting.Shown<OptimisePane> s = longOptimisationUnderWay(dir);
        OptimisePane pane = s.pane();
        ModelRunner m = s.ctx().model();
        List<PromptOptimisation.Prompt> rows = new ArrayList<>();
        waitFx(60, () -> {
            if (pane.running() != null && !pane.table().getItems().isEmpty()) {
                rows.addAll(pane.table().getItems());
                return true;
            }
            return false;
        });
        assertNotNull(fx(pane::running), "the search is still running");
        assertEquals(null, fx(pane::result), "no final result yet");
        fxRun(pane::cancel);
        ToolPaneTesting.idle(pane, 10);
        HookName post = HookName.mlpPost(3);
        for (PromptOptimisation.Prompt p : rows) {
            float[] acts = m.runTokens(List.of(p.ids()), HookSet.caching(post::equals)).column(post, 0, 17);
            assertEquals(acts[acts.length - 2], p.activation(), 1e-4, "a listed prompt's value is the model's: " + p.tokens());
        }
        for (int i = 1; i < rows.size(); i++) {
            assertTrue(rows.get(i - 1).activation() >= rows.get(i).activation(), "highest first");
        }
    }

    @Test
    void oneBarOverBothMethodsAndStepCountsAsTyped(@TempDir Path dir) {
        ToolPaneTesting.Shown<OptimisePane> s = stages.show(dir, ToolPaneTesting.gpt2(), OptimisePane::new);
        OptimisePane pane = s.pane();
        List<Double> bar = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<String> messages = new java.util.concurrent.CopyOnWriteArrayList<>();
        fxRun(() -> {
            pane.neuronField().setText("L1N5");
            pane.lengthSpinner().getValueFactory().setValue(4);
            pane.outputsSpinner().getValueFactory().setValue(3);
            pane.stepsSpinner().getValueFactory().setValue(7);
            pane.run();
            pane.running().progressProperty().addListener((o, a, b) -> bar.add(b.doubleValue()));
            pane.running().messageProperty().addListener((o, a, b) -> messages.add(b));
        });
        ToolPaneTesting.idle(pane, 60);
        assertNotNull(fx(pane::result), ToolPaneTesting.message(pane));
        List<Double> known = bar.stream().filter(v -> v >= 0).toList();
        assertFalse(known.isEmpty());
        for (int i = 1; i < known.size(); i++) {
            assertTrue(known.get(i) >= known.get(i - 1), "the bar never restarts: " + known);
        }
        assertEquals(1.0, known.get(known.size() - 1), 1e-9);
        java.util.regex.Pattern step = java.util.regex.Pattern.compile("step (\\d+) of (\\d+)");
        boolean sawDiscrete = false;
        for (String msg : messages) {
            var mt = step.matcher(msg);
            while (mt.find()) {
                assertEquals("7", mt.group(2), msg);
                assertTrue(Integer.parseInt(mt.group(1)) <= 7, msg);
            }
            sawDiscrete |= msg.startsWith("discrete search · output ");
        }
        assertTrue(sawDiscrete, messages.toString());
    }

    @Test
    void runAndStopShareARowAndEveryColumnIsNamed(@TempDir Path dir) {
        ToolPaneTesting.Shown<OptimisePane> s = stages.show(dir, ToolPaneTesting.gpt2(), OptimisePane::new);
        OptimisePane pane = s.pane();
        fxRun(() -> s.stage().setWidth(1280));
        waitFx(5, () -> pane.getWidth() >= 1270);
        fxRun(pane::layout);
        double runY = fx(() -> pane.runButton().localToScene(pane.runButton().getBoundsInLocal()).getMinY());
        double stopY = fx(() -> pane.stopButton().localToScene(pane.stopButton().getBoundsInLocal()).getMinY());
        assertEquals(runY, stopY, 0.5, "Stop sits next to Optimise");
        assertTrue(fx(() -> pane.stopButton().getWidth() >= pane.stopButton().prefWidth(-1) - 0.5), "Stop is not squeezed");
        double formRows = fx(() -> pane.runButton().localToScene(0, 0).getY() - pane.lengthSpinner().localToScene(0, 0).getY());
        assertTrue(Math.abs(formRows) < 10, "at 1280 px the whole form is one row: " + formRows);
        for (String header : fx(() -> pane.table().getColumns().stream().map(javafx.scene.control.TableColumn::getText).toList())) {
            assertFalse(header.isBlank(), "every column has a header");
        }
    }

    /** A 5000-step search for L3N17 on MiniLM, once it has reported a best value. */
    private ToolPaneTesting.Shown<OptimisePane> longOptimisationUnderWay(Path dir) {
        ToolPaneTesting.Shown<OptimisePane> s = stages.show(dir, UiTestSupport.referenceModel(), OptimisePane::new);
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
}
