package org.neuronworkbench.ui.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.neuronworkbench.ui.neurons.FxTesting.fx;
import static org.neuronworkbench.ui.neurons.FxTesting.fxRun;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.neuronworkbench.analysis.AblationEffect;
import org.neuronworkbench.analysis.DirectLogitAttribution;
import org.neuronworkbench.analysis.TokenSequence;
import org.neuronworkbench.model.Fixtures;
import org.neuronworkbench.model.MlpNeuron;
import org.neuronworkbench.model.ModelRunner;
import org.neuronworkbench.model.Offline;
import org.neuronworkbench.ui.ablation.AblationPane;
import org.neuronworkbench.ui.common.ToolPaneStages;
import org.neuronworkbench.ui.common.ToolPaneTesting;
import org.neuronworkbench.ui.dla.DlaPane;

/** The ablation and logit-attribution panes on the llama-tiny fixture (gated MLP, RMSNorm), by token ids. */
class GatedPanesTest {
    private static ModelRunner llama;
    @RegisterExtension
    final ToolPaneStages stages = new ToolPaneStages();

    @BeforeAll
    static void load() throws Exception {
        Offline.enforce();
        llama = Fixtures.load(Fixtures.LLAMA);
    }

    @AfterAll
    static void unload() {
        llama.close();
    }


    @Test
    void ablationShowsTheAnalysisNumbers(@TempDir Path dir) {
        ToolPaneTesting.Shown<AblationPane> s = stages.show(dir, llama, AblationPane::new);
        AblationPane pane = s.pane();
        fxRun(() -> {
            pane.textField().setText("5 63 22 87 5 63");
            pane.neuronsField().setText("L1N3, L1N150");
            pane.run();
        });
        ToolPaneTesting.idle(pane, 30);
        AblationEffect.Result want = new AblationEffect(llama).run(new AblationEffect.Request(
                TokenSequence.ofIds(llama, new int[] {5, 63, 22, 87, 5, 63}),
                List.of(new MlpNeuron(1, 3), new MlpNeuron(1, 150)), AblationEffect.Mode.ZERO, Map.of(), List.of()));
        assertEquals(want.positions(), fx(() -> new ArrayList<>(pane.decoderTable().getItems())), ToolPaneTesting.message(pane));
    }

    @Test
    void logitAttributionIsExactThroughTheFinalRmsNorm(@TempDir Path dir) {
        ToolPaneTesting.Shown<DlaPane> s = stages.show(dir, llama, DlaPane::new);
        DlaPane pane = s.pane();
        fxRun(() -> {
            pane.neuronField().setText("L1N150");
            pane.runNeuron();
        });
        ToolPaneTesting.idle(pane, 30);
        assertFalse(fx(() -> pane.banner().isVisible()), "decoders are exact");
        assertEquals(((DirectLogitAttribution.NeuronLogits) new DirectLogitAttribution(llama).run(
                new DirectLogitAttribution.ForNeuron(new MlpNeuron(1, 150), 20, true))).top(),
                fx(() -> new ArrayList<>(pane.upTable().getItems())), ToolPaneTesting.message(pane));
    }
}
