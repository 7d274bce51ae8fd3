package org.neuronworkbench.ui.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.neuronworkbench.ui.UiTestSupport.onFx;
import static org.neuronworkbench.ui.UiTestSupport.waitFor;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import javafx.stage.Stage;
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
    @BeforeAll
    static void toolkit() throws Exception {
        UiTestSupport.startToolkit();
    }

    @Test
    void theExampleIsColouredAtOnceAndALaterStartKeepsTheUsersLines(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("workspace.json");
        WorkbenchShell first = open(file);
        try {
            firstStartShowsTheExample(first);
        } finally {
            UiTestSupport.closeShell(first); // saves the workspace
        }
        // A later start opens what the user left, not the example again.
        WorkbenchShell later = open(file);
        try {
            HypothesisPane again = onFx(() -> (HypothesisPane) later.pane(Panes.HYPOTHESIS));
            assertEquals("A line of my own.", onFx(() -> again.editor().getText()));
        } finally {
            UiTestSupport.closeShell(later);
        }
    }

    /** The example, coloured; then the user replaces it with a line of their own. */
    private static void firstStartShowsTheExample(WorkbenchShell shell) throws Exception {
        MlpNeuron example = MlpNeuron.parse(Workspace.FIRST_NEURON);
        assertEquals(example, onFx(() -> shell.context().selectedNeuronProperty().get()));
        HypothesisPane pane = onFx(() -> (HypothesisPane) shell.pane(Panes.HYPOTHESIS));
        assertEquals(String.join("\n", Workspace.FIRST_LINES), onFx(() -> pane.editor().getText()));
        waitFor(120, "the example coloured", () -> pane.lastResult() != null
                && pane.lastResult().lines().size() == Workspace.FIRST_LINES.size()
                && pane.lastResult().neurons().contains(example));

        // The example shows what it claims: the neuron peaks on "sat" and "sit"; the line with
        // "slept" instead of "sat" peaks at less than half of it.
        HypothesisResult r = onFx(pane::lastResult);
        TokenActivation sat = peak(r, 0, example);
        TokenActivation sleptLine = peak(r, 1, example);
        TokenActivation sit = peak(r, 2, example);
        assertEquals("sat", sat.text().strip());
        assertEquals("sit", sit.text().strip());
        assertEquals(2.95, sat.activation(), 0.01);
        assertTrue(sleptLine.activation() < sat.activation() / 2, sleptLine + " against " + sat);

        onFx(() -> {
            pane.editor().setText("A line of my own.");
            return null;
        });
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
