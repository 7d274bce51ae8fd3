package org.neuronworkbench.ui.neurons;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.neuronworkbench.index.NeuronSummary;

class NeuronFilterTest {
    private static NeuronSummary row(int layer, int neuron, String token) {
        return new NeuronSummary(layer, neuron, 1.0, 0.1, token, 1.0, false);
    }

    @Test
    void wholeTokensComeBeforeTokensThatContainTheText() {
        List<NeuronSummary> rows = new ArrayList<>(List.of(row(0, 1, "train"), row(0, 2, "rainy"), row(0, 3, " rain"),
                row(0, 4, "##rain"), row(0, 5, "cat"), row(0, 6, "Ġrain")));
        NeuronFilter f = new NeuronFilter("Rain");
        rows.removeIf(r -> !f.matches(r));
        rows.sort(f.byRank());
        assertEquals(List.of(3, 4, 6, 2, 1), rows.stream().map(NeuronSummary::neuron).toList());
        assertEquals(NeuronFilter.TOKEN_PREFIX, f.rank(row(0, 2, "rainy")));
        assertEquals(NeuronFilter.TOKEN_CONTAINS, f.rank(row(0, 1, "train")));
    }

    @Test
    void neuronNamesAndEmptyText() {
        assertTrue(new NeuronFilter(" l2n7 ").matches(row(2, 7, "x")));
        assertFalse(new NeuronFilter("L2N7").matches(row(2, 70, "x")));
        assertTrue(new NeuronFilter("").matches(row(0, 0, null)));
        assertFalse(new NeuronFilter("cat").matches(row(0, 0, null)));
    }
}
