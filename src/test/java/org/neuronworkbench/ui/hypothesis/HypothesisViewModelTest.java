package org.neuronworkbench.ui.hypothesis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.neuronworkbench.export.HighlightedSentence;
import org.neuronworkbench.model.MlpNeuron;
import org.neuronworkbench.model.ModelLoader;
import org.neuronworkbench.model.ModelRunner;
import org.neuronworkbench.ui.UiTestSupport;

/** The editor's logic without a window: lines in, per-line per-neuron token activations out. */
class HypothesisViewModelTest {
    private static final MlpNeuron A = new MlpNeuron(3, 42);
    private static final MlpNeuron B = new MlpNeuron(5, 1000);

    @Test
    void linesAndNeuronsGiveTheRunnersActivationsWithOneForwardForChangedLines() {
        HypothesisViewModel vm = new HypothesisViewModel(UiTestSupport.referenceModel());
        List<String> lines = List.of("The cat sat on the mat.", "", "Bonjour, le monde!");
        HypothesisResult r = vm.compute(lines, List.of(A, B));
        assertEquals(1, vm.forwards(), "both lines in one batch");
        assertEquals(2, vm.lastRunLines());
        assertTrue(r.lines().get(1).blank());
        for (int i : new int[] {0, 2}) {
            for (MlpNeuron n : List.of(A, B)) {
                HighlightedSentence s = r.lines().get(i).row(n);
                assertEquals(lines.get(i), s.text(), "token texts rebuild the line");
                float[] expected = HypothesisEditorTest.reference(lines.get(i), n);
                assertEquals(expected.length, s.tokens().size());
                for (int t = 0; t < expected.length; t++) {
                    assertEquals(expected[t], s.tokens().get(t).activation(), 1e-4, "line " + i + " token " + t);
                }
            }
        }

        // Editing one line runs only that line; the other keeps its (identical) result object.
        HypothesisResult r2 = vm.compute(List.of("The cat sat on the mat!", "", "Bonjour, le monde!"), List.of(A, B));
        assertEquals(2, vm.forwards());
        assertEquals(1, vm.lastRunLines());
        assertSame(r.lines().get(2), r2.lines().get(2));
        vm.compute(List.of("The cat sat on the mat!", "", "Bonjour, le monde!"), List.of(A, B));
        assertEquals(0, vm.lastRunLines(), "nothing changed, nothing runs");
    }

    @Test
    void aPasteOfMoreDistinctLinesThanTheCacheHoldsKeepsEveryLine() {
        // 600 distinct lines > the 512-line cache: the lines evicted by this same call used to be
        // looked up afterwards and threw a NullPointerException.
        HypothesisViewModel vm = new HypothesisViewModel(UiTestSupport.referenceModel());
        List<String> lines = new java.util.ArrayList<>();
        for (int i = 0; i < 600; i++) {
            lines.add("line number " + i + " of the paste");
        }
        HypothesisResult r = vm.compute(lines, List.of(A));
        assertEquals(600, r.lines().size());
        assertEquals(600, vm.lastRunLines());
        for (int i : new int[] {0, 300, 599}) {
            HighlightedSentence s = r.lines().get(i).row(A);
            assertEquals(lines.get(i), s.text());
            float[] expected = HypothesisEditorTest.reference(lines.get(i), A);
            for (int t = 0; t < expected.length; t++) {
                assertEquals(expected[t], s.tokens().get(t).activation(), 1e-4, "line " + i + " token " + t);
            }
        }
        // Again with the first lines evicted meanwhile: still every line, recomputed where needed.
        assertEquals(600, vm.compute(lines, List.of(A)).lines().size());
    }

    @Test
    void neuronsOutsideTheModelAreReportedNotFatal() {
        HypothesisViewModel vm = new HypothesisViewModel(UiTestSupport.referenceModel());
        HypothesisResult r = vm.compute(List.of("Hello there."), List.of(new MlpNeuron(9, 1), A));
        assertEquals(List.of(A), r.neurons());
        assertTrue(r.message().contains("Layer 9 is out of range"), r.message());
    }

    @Test
    void aModelWithoutTokenizerSaysSo() {
        try (ModelRunner tiny = ModelLoader.loadFolder(Path.of("src/test/resources/fixtures/gpt2-tiny"))) {
            HypothesisResult r = new HypothesisViewModel(tiny).compute(List.of("hello"), List.of(new MlpNeuron(0, 1)));
            assertEquals(HypothesisViewModel.NO_TOKENIZER, r.message());
            assertTrue(r.lines().get(0).blank());
        }
    }
}
