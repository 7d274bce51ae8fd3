package org.neuronworkbench.index;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalInt;

/** The neurons table held in memory (a few hundred kB even for large models). */
final class NeuronTable {
    private final int layers;
    private final int width;
    private final NeuronStats[] stats;
    private final NeuronSummary[] summaries;

    private NeuronTable(int layers, int width) {
        this.layers = layers;
        this.width = width;
        this.stats = new NeuronStats[layers * width];
        this.summaries = new NeuronSummary[layers * width];
    }

    static NeuronTable load(IndexStore store, int layers, int width) {
        NeuronTable t = new NeuronTable(layers, width);
        store.query(Schema.SELECT_NEURON_STATS, rs -> {
                    int l = rs.getInt(1);
                    int u = rs.getInt(2);
                    int n = l * width + u;
                    double[] q = {rs.getDouble(8), rs.getDouble(9), rs.getDouble(10), rs.getDouble(11)};
                    t.stats[n] = new NeuronStats(l, u, rs.getDouble(3), rs.getDouble(4), rs.getDouble(5),
                            rs.getDouble(6), rs.getDouble(7), q);
                    t.summaries[n] = new NeuronSummary(l, u, rs.getDouble(6), rs.getDouble(7), rs.getString(13),
                            rs.getDouble(14), rs.getBoolean(12));
                });
        for (NeuronStats s : t.stats) {
            if (s == null) {
                throw new IndexException("the index's neuron table is incomplete: rebuild the index");
            }
        }
        return t;
    }

    int flat(int layer, int neuron) {
        if (layer < 0 || layer >= layers) {
            throw new IllegalArgumentException("layer " + layer + " is out of range: the index has layers 0.." + (layers - 1));
        }
        if (neuron < 0 || neuron >= width) {
            throw new IllegalArgumentException("neuron " + neuron + " is out of range: layers have neurons 0.." + (width - 1));
        }
        return layer * width + neuron;
    }

    NeuronStats stats(int flat) {
        return stats[flat];
    }

    boolean dead(int flat) {
        return summaries[flat].dead();
    }

    float[] means(int layer) {
        flat(layer, 0);
        float[] out = new float[width];
        for (int u = 0; u < width; u++) {
            out[u] = (float) stats[layer * width + u].mean();
        }
        return out;
    }

    List<NeuronSummary> summaries(OptionalInt layer, NeuronSort sort, int limit) {
        if (layer.isPresent()) {
            flat(layer.getAsInt(), 0);
        }
        List<NeuronSummary> out = new ArrayList<>();
        for (NeuronSummary s : summaries) {
            if (layer.isEmpty() || s.layer() == layer.getAsInt()) {
                out.add(s);
            }
        }
        Comparator<NeuronSummary> by = switch (sort) {
            case MAX -> Comparator.comparingDouble(NeuronSummary::max);
            case FRAC_ACTIVE -> Comparator.comparingDouble(NeuronSummary::fracActive);
            case SELECTIVITY -> Comparator.comparingDouble(NeuronSummary::selectivity);
        };
        out.sort(by.reversed().thenComparingInt(NeuronSummary::layer).thenComparingInt(NeuronSummary::neuron));
        return List.copyOf(limit > 0 ? out.subList(0, Math.min(limit, out.size())) : out);
    }
}
