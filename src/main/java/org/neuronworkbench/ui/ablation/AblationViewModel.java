package org.neuronworkbench.ui.ablation;

import java.util.List;
import java.util.Map;
import org.neuronworkbench.analysis.AblationEffect;
import org.neuronworkbench.analysis.TokenSequence;
import org.neuronworkbench.index.CorpusIndex;
import org.neuronworkbench.model.MlpNeuron;
import org.neuronworkbench.model.ModelConfig;
import org.neuronworkbench.model.ModelRunner;
import org.neuronworkbench.work.Cancel;
import org.neuronworkbench.work.Progress;
import org.neuronworkbench.ui.common.CausalInput;

/**
 * The ablation pane's fields as typed; {@link #run} checks them, reads the means from the open
 * index for mean ablation (after checking it belongs to this model) and runs the analysis, all on
 * the model thread. No JavaFX.
 *
 * @param index the open corpus index, null when none is (mean ablation then is refused)
 * @param watch neurons whose values are reported (the selected and pinned ones)
 */
public record AblationViewModel(String text, String neurons, AblationEffect.Mode mode, CorpusIndex index,
                              List<MlpNeuron> watch) {
    public static final String MEAN_NEEDS_INDEX = "Mean ablation uses each neuron's mean over a corpus:"
            + " open a corpus index of this model (Corpus or Neurons pane) to enable it.";

    public static final String FOLLOWS_SELECTION = "Neurons to ablate, e.g. L3N17, L3N200. Follows the selected neuron"
            + " until you edit the list; clear it to follow the selection again.";

    /**
     * Whether the Ablate field should take the newly selected neuron: only while it still holds
     * what the pane itself put there (or nothing), so a list the user typed is never overwritten.
     *
     * @param field    the field's text now
     * @param followed the text the pane last filled in from the selection
     */
    public static boolean follows(String field, String followed) {
        String now = field == null ? "" : field.strip();
        return now.isEmpty() || now.equals(followed == null ? "" : followed.strip());
    }

    public AblationEffect.Result run(ModelRunner m, Progress progress, Cancel cancel) {
        CausalInput.require(m);
        List<MlpNeuron> ablate = CausalInput.neurons(m, neurons);
        TokenSequence seq = CausalInput.sequence(m, text);
        List<MlpNeuron> pin = watch.stream().filter(n -> isIn(n, m.config())).toList();
        return new AblationEffect(m).run(new AblationEffect.Request(seq, ablate, mode,
                mode == AblationEffect.Mode.MEAN ? means(m, ablate) : Map.of(), pin), progress, cancel);
    }

    /** The index's means for every ablated layer. */
    Map<Integer, float[]> means(ModelRunner m, List<MlpNeuron> ablate) {
        if (index == null) {
            throw new IllegalArgumentException(MEAN_NEEDS_INDEX);
        }
        return index.layerMeans(m, ablate);
    }

    /** Pinned neurons of another model are skipped rather than refused. */
    private static boolean isIn(MlpNeuron n, ModelConfig c) {
        return n.layer() >= 0 && n.layer() < c.layers() && n.index() >= 0 && n.index() < c.dMlp();
    }
}
