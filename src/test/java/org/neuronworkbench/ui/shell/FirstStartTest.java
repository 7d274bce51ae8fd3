package org.neuronworkbench.ui.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.neuronworkbench.ui.UiTestSupport.onFx;
import static org.neuronworkbench.ui.UiTestSupport.waitFor;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuronworkbench.export.TokenActivation;
import org.neuronworkbench.model.MlpNeuron;
import org.neuronworkbench.ui.UiTestSupport;
import org.neuronworkbench.ui.common.Workspace;
import org.neuronworkbench.ui.hypothesis.HypothesisPane;
import org.neuronworkbench.ui.hypothesis.HypothesisResult;

/**
 * The app's first start (no workspace file): the editor holds the README's example and is coloured
 * by its neuron before anything is typed; a later start keeps what the user left.
 */
class FirstStartTest {
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
    void theExampleIsColouredAtOnceAndALaterStartKeepsTheUsersLines(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("workspace.json");
        shell = open(file);
        MlpNeuron example = MlpNeuron.parse(Workspace.FIRST_NEURON);
        assertEquals(example, onFx(() -> shell.context().selectedNeuronProperty().get()));
        HypothesisPane pane = onFx(() -> (HypothesisPane) shell.pane(Panes.HYPOTHESIS));
        assertEquals(String.join("\n", Workspace.FIRST_LINES), onFx(() -> pane.editor().getText()));
        waitFor(120, "the example coloured", () -> pane.lastResult() != null
                && pane.lastResult().lines().size() == Workspace.FIRST_LINES.size()
                && pane.lastResult().neurons().contains(example));

        // The example shows what it claims: the neuron peaks on "sat" and "sit", well above "slept".
        HypothesisResult r = onFx(pane::lastResult);
        TokenActivation sat = peak(r, 0, example);
        TokenActivation slept = peak(r, 1, example);
        TokenActivation sit = peak(r, 2, example);
        assertEquals("sat", sat.text().strip());
        assertEquals("sit", sit.text().strip());
        assertEquals(2.95, sat.activation(), 0.01);
        assertTrue(slept.activation() < sat.activation() / 2, "slept " + slept + " against sat " + sat);

        // A later start opens what the user left, not the example again.
        onFx(() -> {
            pane.editor().setText("A line of my own.");
            return null;
        });
        UiTestSupport.closeShell(shell); // saves the workspace
        shell = open(file);
        HypothesisPane again = onFx(() -> (HypothesisPane) shell.pane(Panes.HYPOTHESIS));
        assertEquals("A line of my own.", onFx(() -> again.editor().getText()));
    }

    private static WorkbenchShell open(Path file) throws Exception {
        WorkbenchShell s = onFx(() -> WorkbenchShell.open(new Stage(), file, Panes.defaults(), Workspace.firstStart()));
        waitFor(120, "the embedded model", () -> s.context().model() != null);
        onFx(() -> {
            s.select(Panes.HYPOTHESIS);
            return null;
        });
        return s;
    }

    private static TokenActivation peak(HypothesisResult r, int line, MlpNeuron n) {
        List<TokenActivation> tokens = r.lines().get(line).row(n).tokens();
        return tokens.stream().max(Comparator.comparingDouble(TokenActivation::activation)).orElseThrow();
    }
}
