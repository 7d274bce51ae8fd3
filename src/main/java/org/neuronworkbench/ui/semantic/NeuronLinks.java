package org.neuronworkbench.ui.semantic;

import java.util.List;
import org.neuronworkbench.index.CorpusIndex;
import org.neuronworkbench.index.NeuronScore;
import org.neuronworkbench.model.MlpNeuron;
import org.neuronworkbench.ui.common.WorkbenchContext;
import org.neuronworkbench.ui.common.OpenIndex;

/**
 * The one place this pane touches shared state: the open index (shared with the corpus and
 * neuron panes), selecting a neuron and showing it in the Neurons pane, and pinning neurons in
 * the hypothesis editor.
 */
final class NeuronLinks {
    static final String NEURONS_PANE = "neurons";
    static final String HYPOTHESIS_PANE = "hypothesis";
    private final WorkbenchContext ctx;

    NeuronLinks(WorkbenchContext ctx) {
        this.ctx = ctx;
    }

    CorpusIndex openIndex() {
        OpenIndex.Opened o = ctx.openIndex().current();
        return o == null ? null : o.index();
    }

    void onIndexChanged(Runnable r) {
        ctx.openIndex().currentProperty().addListener((obs, a, b) -> r.run());
    }

    void openInNeuronsPane(NeuronScore n) {
        ctx.selectedNeuronProperty().set(new MlpNeuron(n.layer(), n.neuron()));
        ctx.showPane(NEURONS_PANE);
    }

    /** Pins the neurons (those not pinned yet) in the hypothesis editor. */
    int pin(List<NeuronScore> neurons) {
        int added = 0;
        for (NeuronScore n : neurons) {
            MlpNeuron m = new MlpNeuron(n.layer(), n.neuron());
            if (!ctx.pinned().contains(m)) {
                ctx.pinned().add(m);
                added++;
            }
        }
        return added;
    }
}
