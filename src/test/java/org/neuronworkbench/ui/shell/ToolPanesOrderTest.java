package org.neuronworkbench.ui.shell;

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
import org.neuronworkbench.ui.common.ToolPaneTesting;
import org.neuronworkbench.ui.shell.PaneSpec;
import org.neuronworkbench.ui.shell.Panes;
import org.testfx.api.FxRobot;
import org.neuronworkbench.ui.common.ToolPaneTesting;
import org.neuronworkbench.ui.optimise.OptimiseViewModel;
import org.neuronworkbench.ui.optimise.OptimisePane;
import org.neuronworkbench.ui.dla.DlaPane;
import org.neuronworkbench.ui.ablation.AblationViewModel;
import org.neuronworkbench.ui.ablation.AblationPane;
import org.neuronworkbench.ui.noise.NoisePane;



/** The tool panes follow the four main panes. */
class ToolPanesOrderTest {
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
}
