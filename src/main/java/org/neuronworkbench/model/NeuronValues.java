package org.neuronworkbench.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.neuronworkbench.model.hooks.HookName;

/**
 * Texts → neurons' values at every token: the one way the hypothesis editor and {@code export-svg}
 * run texts. Forwards follow {@link TokenBudgetBatches}; each batch goes through
 * {@link ModelRunner#runMlpPost} (ONNX Runtime for the embedded model's small batches, else the
 * libtorch forward, which stops after the highest layer asked for), and only the asked layers'
 * {@code mlp.hook_post} are kept.
 *
 * @param perText  in the texts' order: each neuron's value at each token (indexed like the
 *                 {@link TokenizedText}'s tokens, special tokens included)
 * @param forwards forward passes run
 */
public record NeuronValues(List<Map<MlpNeuron, float[]>> perText, int forwards) {
    public NeuronValues {
        perText = List.copyOf(perText);
    }

    public static NeuronValues of(ModelRunner runner, List<TokenizedText> texts, Collection<MlpNeuron> neurons) {
        Set<Integer> layers = new TreeSet<>();
        for (MlpNeuron n : neurons) {
            layers.add(n.checkedAgainst(runner.config()).layer());
        }
        List<Map<MlpNeuron, float[]>> out = new ArrayList<>(java.util.Collections.nCopies(texts.size(), null));
        List<int[]> plan = TokenBudgetBatches.plan(texts.stream().mapToInt(TokenizedText::length).toArray());
        for (int[] group : plan) {
            List<TokenizedText> batch = Arrays.stream(group).mapToObj(texts::get).toList();
            ActivationCache cache = runner.runMlpPost(batch, layers);
            for (int s = 0; s < group.length; s++) {
                Map<MlpNeuron, float[]> values = new HashMap<>();
                for (MlpNeuron n : neurons) {
                    values.put(n, cache.column(HookName.mlpPost(n.layer()), s, n.index()));
                }
                out.set(group[s], values);
            }
        }
        return new NeuronValues(out, plan.size());
    }
}
