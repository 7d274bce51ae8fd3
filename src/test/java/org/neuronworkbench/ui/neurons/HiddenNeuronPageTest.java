package org.neuronworkbench.ui.neurons;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.neuronworkbench.ui.UiTestSupport.onFx;
import static org.neuronworkbench.ui.UiTestSupport.waitFor;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuronworkbench.model.MlpNeuron;
import org.neuronworkbench.ui.UiTestSupport;
import org.neuronworkbench.ui.hypothesis.HypothesisPane;
import org.neuronworkbench.ui.shell.Panes;
import org.neuronworkbench.ui.shell.WorkbenchShell;

/**
 * A neuron chosen in another pane does not build the hidden Neurons page (a thousand nodes on the
 * FX thread while the visible pane waits); the page is built when its tab is shown.
 */
class HiddenNeuronPageTest {
    @BeforeAll
    static void toolkit() throws Exception {
        UiTestSupport.startToolkit();
    }

    @Test
    void aHiddenNeuronsPageIsBuiltWhenItsTabIsShown(@TempDir Path dir) throws Exception {
        WorkbenchShell shell = UiTestSupport.openShell(dir.resolve("workspace.json"));
        try {
            waitFor(120, "the model", () -> shell.context().model() != null);
            NeuronBrowserPane neurons = onFx(() -> (NeuronBrowserPane) shell.pane(Panes.NEURONS));
            onFx(() -> {
                shell.select(Panes.NEURONS);
                shell.context().openIndex().open(TestIndex.dir(), false);
                return null;
            });
            waitFor(60, "the first page", () -> neurons.pageView().shown() != null);
            MlpNeuron first = onFx(() -> neurons.pageView().shown());

            MlpNeuron other = new MlpNeuron(2, 77);
            onFx(() -> {
                shell.select(Panes.HYPOTHESIS);
                shell.context().selectedNeuronProperty().set(other);
                return null;
            });
            waitFor(30, "the page read", () -> neurons.model().pageProperty().get() != null
                    && other.equals(neurons.model().pageProperty().get().neuron()));
            Thread.sleep(300);
            assertEquals(first, onFx(() -> neurons.pageView().shown()), "the hidden page is not rebuilt");

            onFx(() -> {
                shell.select(Panes.NEURONS);
                return null;
            });
            waitFor(10, "the page built on showing", () -> other.equals(neurons.pageView().shown()));

            // The other way round: stepping through neurons in the Neurons pane does not recolour
            // the hidden hypothesis editor; showing it does, for the neuron selected last.
            HypothesisPane hypothesis = onFx(() -> (HypothesisPane) shell.pane(Panes.HYPOTHESIS));
            onFx(() -> {
                shell.select(Panes.HYPOTHESIS);
                hypothesis.editor().setText("The cat sat on the mat.");
                return null;
            });
            waitFor(30, "colours for " + other, () -> hypothesis.lastScales().containsKey(other));
            onFx(() -> {
                shell.select(Panes.NEURONS);
                neurons.model().next();
                neurons.model().next();
                return null;
            });
            MlpNeuron last = new MlpNeuron(2, 79);
            waitFor(30, "the Neurons page of " + last, () -> last.equals(neurons.pageView().shown()));
            Thread.sleep(300);
            assertEquals(java.util.Set.of(other), onFx(() -> hypothesis.lastScales().keySet()), "the hidden editor waited");
            onFx(() -> {
                shell.select(Panes.HYPOTHESIS);
                return null;
            });
            waitFor(30, "colours for " + last + " on showing", () -> hypothesis.lastScales().containsKey(last));
        } finally {
            UiTestSupport.closeShell(shell);
        }
    }
}
