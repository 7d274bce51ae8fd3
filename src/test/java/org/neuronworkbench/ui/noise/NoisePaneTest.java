package org.neuronworkbench.ui.noise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.neuronworkbench.ui.neurons.FxTesting.fx;
import static org.neuronworkbench.ui.neurons.FxTesting.fxRun;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.neuronworkbench.analysis.NoiseSensitivity;
import org.neuronworkbench.analysis.TargetPosition;
import org.neuronworkbench.analysis.TokenSequence;
import org.neuronworkbench.export.TokenActivation;
import org.neuronworkbench.model.MlpNeuron;
import org.neuronworkbench.model.ModelRunner;
import org.neuronworkbench.ui.UiTestSupport;
import org.neuronworkbench.ui.common.ToolPaneStages;
import org.neuronworkbench.ui.common.ToolPaneTesting;

/** Noise sensitivity pane: run, then compare with the analysis. */
class NoisePaneTest {
    private static final String TEXT = "the cat sat on the mat";
    @RegisterExtension
    final ToolPaneStages stages = new ToolPaneStages();



    @Test
    void noiseColoursEachTokenByTheMeanChange(@TempDir Path dir) {
        ModelRunner m = UiTestSupport.referenceModel();
        ToolPaneTesting.Shown<NoisePane> s = stages.show(dir, m, NoisePane::new);
        NoisePane pane = s.pane();
        assertFalse(fx(() -> pane.chart().isVisible()), "no made-up axes before a run");
        assertTrue(fx(() -> pane.noDataLabel().isVisible() && pane.noDataLabel().getText().startsWith("No data yet")));
        fxRun(() -> {
            pane.textField().setText(TEXT);
            pane.neuronField().setText("L3N17");
            pane.sigmaField().setText("-1");
            pane.run();
        });
        ToolPaneTesting.idle(pane, 30);
        assertTrue(ToolPaneTesting.message(pane).contains("Sigma '-1' must be a number ≥ 0"), ToolPaneTesting.message(pane));
        assertFalse(fx(() -> pane.chart().isVisible()), "bad input draws no chart");
        fxRun(() -> {
            pane.sigmaField().setText("0.5");
            pane.samplesSpinner().getValueFactory().setValue(8);
            pane.seedField().setText("3");
            pane.run();
        });
        ToolPaneTesting.idle(pane, 60);
        NoiseSensitivity.Result want = new NoiseSensitivity(m).run(
                new NoiseSensitivity.Request(TokenSequence.ofText(m, TEXT), new MlpNeuron(3, 17), TargetPosition.LAST,
                        0.5, 8, 3));
        List<TokenActivation> labels = ToolPaneTesting.tokens(pane.strip());
        assertEquals(want.tokens().size(), labels.size(), ToolPaneTesting.message(pane));
        for (int i = 0; i < labels.size(); i++) {
            assertEquals(want.tokens().get(i).token(), labels.get(i).text());
            assertEquals(want.tokens().get(i).meanChange(), labels.get(i).activation(), 1e-6, "token " + i);
        }
        assertTrue(fx(() -> pane.summary().getText()).contains(String.format("= %.4f clean", want.clean())));
    }

    @Test
    void theChartAppearsWithItsBarsAndTheNoteGoes(@TempDir Path dir) {
        ModelRunner m = UiTestSupport.referenceModel();
        ToolPaneTesting.Shown<NoisePane> s = stages.show(dir, m, NoisePane::new);
        NoisePane pane = s.pane();
        fxRun(() -> {
            pane.textField().setText(TEXT);
            pane.neuronField().setText("L3N17");
            pane.samplesSpinner().getValueFactory().setValue(2);
            pane.run();
        });
        ToolPaneTesting.idle(pane, 60);
        assertNotNull(fx(pane::result), ToolPaneTesting.message(pane));
        assertTrue(fx(() -> pane.chart().isVisible()));
        assertFalse(fx(() -> pane.noDataLabel().isVisible()));
        assertEquals(fx(() -> pane.result().tokens().size()), fx(() -> pane.chart().getData().get(0).getData().size()));
    }
}
