package org.neuronworkbench.ui.hypothesis;

import java.util.ArrayList;
import java.util.List;
import org.neuronworkbench.export.ColourScale;
import org.neuronworkbench.export.HighlightedSentence;
import org.neuronworkbench.model.MlpNeuron;

/**
 * Activations for every editor line (index-aligned with the lines; blank lines are
 * {@link LineActivations#BLANK}) for the neurons shown. {@code message} explains anything the
 * user should know (no tokenizer, a neuron out of range), empty when all is well.
 */
public record HypothesisResult(List<MlpNeuron> neurons, List<LineActivations> lines, String message) {
    public HypothesisResult {
        neurons = List.copyOf(neurons);
        lines = List.copyOf(lines);
    }

    /**
     * The colour scale of a neuron's row: its index maximum when known, else its largest value
     * over all lines (so lines compare), decided by {@link ColourScale}.
     *
     * @param indexMax the neuron's maximum over the open index, NaN without one
     */
    public ColourScale scale(MlpNeuron neuron, double indexMax) {
        return ColourScale.of(indexMax, ColourScale.maxActivation(sentences(neuron)));
    }

    /** The non-blank lines' rows for one neuron, in order (what export writes). */
    public List<HighlightedSentence> sentences(MlpNeuron neuron) {
        List<HighlightedSentence> out = new ArrayList<>();
        for (LineActivations l : lines) {
            HighlightedSentence s = l.row(neuron);
            if (s != null) {
                out.add(s);
            }
        }
        return out;
    }
}
