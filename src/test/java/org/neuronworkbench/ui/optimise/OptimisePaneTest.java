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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuronworkbench.analysis.PromptOptimisation;
import org.neuronworkbench.analysis.PromptOptions;
import org.neuronworkbench.model.MlpNeuron;
import org.neuronworkbench.model.ModelRunner;
import org.neuronworkbench.model.hooks.HookName;
import org.neuronworkbench.model.hooks.HookSet;
import org.neuronworkbench.ui.UiTestSupport;
import org.neuronworkbench.ui.common.ToolPaneTesting;
import org.neuronworkbench.ui.common.ToolPaneTesting;
import org.neuronworkbench.ui.optimise.OptimiseViewModel;
import org.neuronworkbench.ui.optimise.OptimisePane;



/** Prompt optimisation pane: run, stop and cancel, then compare with the analysis. */
class OptimisePaneTest {
    private static final String TEXT = "the cat sat on the mat";
    private ToolPaneTesting.Shown<?> shown;

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
    void optimisationResultsArriveWithTheVerdict(@TempDir Path dir) {
        ModelRunner gpt2 = ToolPaneTesting.gpt2();
        ToolPaneTesting.Shown<OptimisePane> s = ToolPaneTesting.show(dir, gpt2, OptimisePane::new);
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

    /** A 5000-step search for L3N17 on MiniLM, once it has reported a best value. */
    private ToolPaneTesting.Shown<OptimisePane> longOptimisationUnderWay(Path dir) {
        ToolPaneTesting.Shown<OptimisePane> s = ToolPaneTesting.show(dir, UiTestSupport.referenceModel(), OptimisePane::new);
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
}
