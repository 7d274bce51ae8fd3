package org.neuronworkbench.ui.ablation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.neuronworkbench.ui.neurons.FxTesting.fx;
import static org.neuronworkbench.ui.neurons.FxTesting.fxRun;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.neuronworkbench.analysis.AblationEffect;
import org.neuronworkbench.analysis.TokenSequence;
import org.neuronworkbench.model.MlpNeuron;
import org.neuronworkbench.model.ModelRunner;
import org.neuronworkbench.ui.UiTestSupport;
import org.neuronworkbench.ui.common.ToolPaneStages;
import org.neuronworkbench.ui.common.ToolPaneTesting;
import org.neuronworkbench.ui.neurons.FxTesting;

/** Ablation pane: run, then compare with the analysis. */
class AblationPaneTest {
    private static final String TEXT = "the cat sat on the mat";
    @RegisterExtension
    final ToolPaneStages stages = new ToolPaneStages();



    @Test
    void ablationOnTheFixtureDecoderShowsTheAnalysisNumbers(@TempDir Path dir) {
        ModelRunner gpt2 = ToolPaneTesting.gpt2();
        ToolPaneTesting.Shown<AblationPane> s = stages.show(dir, gpt2, AblationPane::new);
        AblationPane pane = s.pane();
        assertTrue(fx(() -> pane.meanButton().isDisabled()), "no index open: mean is off");
        assertEquals(AblationViewModel.MEAN_NEEDS_INDEX, fx(() -> pane.meanButton().getTooltip().getText()));
        fxRun(() -> {
            s.ctx().pinned().add(new MlpNeuron(1, 40));
            pane.textField().setText("5 63 22 87");
            pane.neuronsField().setText("L1N3, L1N17");
            pane.addPinned();
        });
        assertEquals("L1N3, L1N17, L1N40", fx(() -> pane.neuronsField().getText()));
        fxRun(pane::run);
        ToolPaneTesting.idle(pane, 30);
        AblationEffect.Result want = new AblationEffect(gpt2).run(
                new AblationEffect.Request(TokenSequence.ofIds(gpt2, new int[] {5, 63, 22, 87}), List.of(
                        new MlpNeuron(1, 3), new MlpNeuron(1, 17), new MlpNeuron(1, 40)), AblationEffect.Mode.ZERO,
                                Map.of(), List.of()));
        TableView<AblationEffect.PositionEffect> table = pane.decoderTable();
        assertEquals(want.positions(), fx(() -> new ArrayList<>(table.getItems())), ToolPaneTesting.message(pane));
        assertFalse(fx(() -> pane.noteLabel().isVisible()));
        assertEquals(List.of("pos", "token", "next token", "log p original", "log p ablated", "difference", "most-changed token"),
                fx(() -> table.getColumns().stream().map(TableColumn::getText).toList()));
        assertEquals("#63", fx(() -> table.getColumns().get(2).getCellData(0)));
        assertEquals(want.positions().get(0).change(), fx(() -> table.getColumns().get(5).getCellData(0)));
        // In a small laptop's window every header still reads in full.
        ToolPaneTesting.resize(s, 1024);
        assertEquals(List.of(), FxTesting.headersCutShort(table));

        fxRun(() -> {
            pane.neuronsField().setText("L1N3, L7N2");
            pane.run();
        });
        ToolPaneTesting.idle(pane, 30);
        assertTrue(ToolPaneTesting.message(pane).contains("Layer 7 is out of range"), ToolPaneTesting.message(pane));
    }

    @Test
    void ablationOnAnEncoderShowsTheNoteAndTheWatchedNeurons(@TempDir Path dir) {
        ModelRunner m = UiTestSupport.referenceModel();
        ToolPaneTesting.Shown<AblationPane> s = stages.show(dir, m, AblationPane::new);
        AblationPane pane = s.pane();
        fxRun(() -> {
            s.ctx().selectedNeuronProperty().set(new MlpNeuron(5, 627));
            s.ctx().pinned().add(new MlpNeuron(4, 100));
            pane.textField().setText(TEXT);
            pane.neuronsField().setText("L3N17, L3N200");
            pane.run();
        });
        ToolPaneTesting.idle(pane, 60);
        AblationEffect.Result want = new AblationEffect(m).run(
                new AblationEffect.Request(TokenSequence.ofText(m, TEXT), List.of(new MlpNeuron(3, 17),
                new MlpNeuron(3, 200)), AblationEffect.Mode.ZERO, Map.of(), List.of(new MlpNeuron(5, 627), new MlpNeuron(4, 100))));
        assertTrue(fx(() -> pane.noteLabel().isVisible()));
        assertTrue(fx(() -> pane.noteLabel().getText()).startsWith(AblationPane.ENCODER_NOTE));
        TableView<Integer> table = fx(pane::encoderTable);
        assertNotNull(table, ToolPaneTesting.message(pane));
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
    void theAblateFieldFollowsTheSelectionUntilTheUserEditsIt(@TempDir Path dir) {
        ModelRunner gpt2 = ToolPaneTesting.gpt2();
        ToolPaneTesting.Shown<AblationPane> s = stages.show(dir, gpt2, AblationPane::new);
        AblationPane pane = s.pane();
        assertEquals("L0N0", fx(() -> pane.neuronsField().getText()), "starts with the selected neuron");
        fxRun(() -> s.ctx().selectedNeuronProperty().set(new MlpNeuron(1, 7)));
        assertEquals("L1N7", fx(() -> pane.neuronsField().getText()), "follows a new selection");
        fxRun(() -> {
            pane.textField().setText("5 63 22");
            pane.run();
        });
        ToolPaneTesting.idle(pane, 30);
        assertEquals(List.of(new MlpNeuron(1, 7)), fx(() -> pane.result().ablated()), ToolPaneTesting.message(pane));

        fxRun(() -> {
            pane.neuronsField().setText("L1N3, L1N9");
            s.ctx().selectedNeuronProperty().set(new MlpNeuron(1, 8));
        });
        assertEquals("L1N3, L1N9", fx(() -> pane.neuronsField().getText()), "a typed list is kept");
        fxRun(() -> {
            pane.neuronsField().setText("L1N8");
            s.ctx().selectedNeuronProperty().set(new MlpNeuron(0, 4));
        });
        assertEquals("L1N8", fx(() -> pane.neuronsField().getText()), "typed text equal to a neuron is still the user's");
        fxRun(() -> {
            pane.neuronsField().setText("");
            s.ctx().selectedNeuronProperty().set(new MlpNeuron(0, 5));
        });
        assertEquals("L0N5", fx(() -> pane.neuronsField().getText()), "a cleared field follows again");
        assertTrue(fx(() -> pane.neuronsField().getTooltip().getText()).contains("clear it"));
    }
}
