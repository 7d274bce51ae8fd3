package org.neuronworkbench.ui.dla;

import org.neuronworkbench.analysis.DirectLogitAttribution;
import org.neuronworkbench.model.ModelRunner;
import org.neuronworkbench.ui.common.CausalInput;

/**
 * The direct logit attribution pane's view model (no JavaFX): one {@link DirectLogitAttribution}
 * per model (it copies W_U once), and the two queries with their input checked. Call on the model thread.
 */
public final class DlaViewModel {
    private ModelRunner runner;
    private DirectLogitAttribution dla;

    private synchronized DirectLogitAttribution dla(ModelRunner m) {
        if (runner != m) {
            runner = m;
            dla = new DirectLogitAttribution(m);
        }
        return dla;
    }

    public DirectLogitAttribution.NeuronLogits neuron(ModelRunner m, String neuron, int top, boolean throughLn) {
        CausalInput.require(m);
        return (DirectLogitAttribution.NeuronLogits) dla(m).run(
                new DirectLogitAttribution.ForNeuron(CausalInput.neuron(m, neuron), top, throughLn));
    }

    /** The neurons pushing a token most; a word that is not one token is refused with its pieces. */
    public DirectLogitAttribution.TokenPushers token(ModelRunner m, String word, int top, boolean throughLn) {
        CausalInput.require(m);
        return (DirectLogitAttribution.TokenPushers) dla(m).run(
                new DirectLogitAttribution.ForToken(CausalInput.tokenId(m, word), top, throughLn));
    }
}
