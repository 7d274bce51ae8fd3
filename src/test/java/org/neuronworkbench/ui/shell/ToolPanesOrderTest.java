package org.neuronworkbench.ui.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import org.junit.jupiter.api.Test;
import org.neuronworkbench.ui.shell.PaneSpec;
import org.neuronworkbench.ui.shell.Panes;



/** The tool panes follow the four main panes. */
class ToolPanesOrderTest {
    @Test
    void theToolsFollowTheExistingPanesOnCtrl5To9() {
        List<PaneSpec> panes = Panes.defaults();
        List<String> ids = panes.stream().map(PaneSpec::id).toList();
        assertEquals(List.of(Panes.SIMPLIFY, Panes.NOISE, Panes.ABLATION, Panes.DLA, Panes.OPTIMISE, Panes.SEMANTIC_MAP),
                ids.subList(ids.indexOf(Panes.MODEL) + 1, ids.size()));
        for (int i = 0; i < 5; i++) {
            KeyCodeCombination keys = (KeyCodeCombination) panes.get(ids.indexOf(Panes.SIMPLIFY) + i).shortcut();
            assertEquals(KeyCode.valueOf("DIGIT" + (5 + i)), keys.getCode());
        }
        // The semantic map, added after them, takes the last digit.
        assertEquals(KeyCode.DIGIT0, ((KeyCodeCombination) panes.get(ids.indexOf(Panes.SEMANTIC_MAP)).shortcut()).getCode());
    }
}
