package org.neuronworkbench.ui.noise;

import org.neuronworkbench.analysis.NoiseSensitivity;
import org.neuronworkbench.analysis.TargetPosition;
import org.neuronworkbench.analysis.TokenSequence;
import org.neuronworkbench.model.MlpNeuron;
import org.neuronworkbench.model.ModelRunner;
import org.neuronworkbench.work.Cancel;
import org.neuronworkbench.work.Progress;
import org.neuronworkbench.ui.common.CausalInput;

/** The noise pane's fields as typed; {@link #run} checks them and runs the analysis (model thread). No JavaFX. */
public record NoiseViewModel(String text, String neuron, String position, String sigma, int samples, String seed) {

    public NoiseSensitivity.Result run(ModelRunner m, Progress progress, Cancel cancel) {
        CausalInput.require(m);
        MlpNeuron n = CausalInput.neuron(m, neuron);
        TargetPosition p = CausalInput.position(position);
        double s = CausalInput.number("Sigma", sigma, 0);
        long sd;
        try {
            sd = Long.parseLong(seed.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Seed '" + seed + "' must be a whole number.");
        }
        TokenSequence seq = CausalInput.sequence(m, text);
        return new NoiseSensitivity(m).run(new NoiseSensitivity.Request(seq, n, p, s, samples, sd), progress, cancel);
    }
}
