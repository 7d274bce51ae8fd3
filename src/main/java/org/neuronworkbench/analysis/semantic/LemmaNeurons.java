package org.neuronworkbench.analysis.semantic;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.neuronworkbench.index.NeuronScore;

/**
 * The neurons a lemma (or a selection of lemmas) ranks highest at one layer: the largest entries
 * of its vector, or of the mean of the selected lemmas' vectors. Ties go to the lower neuron.
 */
public final class LemmaNeurons {
    private LemmaNeurons() {
    }

    public static List<NeuronScore> top(float[] vector, int layer, int k) {
        List<NeuronScore> all = new ArrayList<>(vector.length);
        for (int n = 0; n < vector.length; n++) {
            all.add(new NeuronScore(layer, n, vector[n]));
        }
        all.sort(Comparator.comparingDouble(NeuronScore::score).reversed().thenComparingInt(NeuronScore::neuron));
        return List.copyOf(all.subList(0, Math.min(Math.max(k, 0), all.size())));
    }

    /** The top neurons of the mean vector of the lemmas at {@code selected} (indices into {@code vectors}). */
    public static List<NeuronScore> topOfMean(LemmaVectors vectors, int[] selected, int layer, int k) {
        if (selected.length == 0) {
            return List.of();
        }
        double[] sum = new double[vectors.dMlp()];
        for (int i : selected) {
            float[] v = vectors.vector(i, layer);
            for (int n = 0; n < sum.length; n++) {
                sum[n] += v[n];
            }
        }
        float[] mean = new float[sum.length];
        for (int n = 0; n < mean.length; n++) {
            mean[n] = (float) (sum[n] / selected.length);
        }
        return top(mean, layer, k);
    }
}
