package org.neuronworkbench.analysis.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.neuronworkbench.model.OrtReference;

/** The sentence encoder against ONNX Runtime running the same ONNX file, pooled the sentence-transformers way. */
class SentenceEncoderTest {
    @Test
    void pooledEmbeddingsMatchOnnxRuntimeAndRankMeaning() {
        SentenceEncoder enc = new SentenceEncoder(SampleIndex.model());
        List<String> texts = List.of("cat", "dog", "the", "Paris is the capital of France.");
        float[][] ours = enc.embed(texts);
        try (OrtReference ort = new OrtReference(1)) {
            for (int s = 0; s < texts.size(); s++) {
                float[][] hidden = ort.lastHiddenState(SampleIndex.model().tokenize(texts.get(s)).ids());
                float[] want = SentenceEncoder.pool(hidden);
                for (int i = 0; i < want.length; i++) {
                    assertEquals(want[i], ours[s][i], 1e-4, texts.get(s) + " dim " + i);
                }
                assertEquals(1.0, SentenceEncoder.dot(ours[s], ours[s]), 1e-5);
            }
        }
        assertTrue(SentenceEncoder.dot(ours[0], ours[1]) > SentenceEncoder.dot(ours[0], ours[2]), "cat~dog beats cat~the");
        // Cached and fresh embeddings agree.
        assertEquals(SentenceEncoder.dot(ours[0], ours[1]), SentenceEncoder.dot(enc.embed(List.of("cat")) [0], ours[1]), 0.0);
        NearestWords near = new NearestWords(enc);
        List<String> n = near.nearest("king", 10);
        assertEquals(10, n.size());
        assertTrue(n.contains("queen") || n.contains("kings") || n.contains("prince"), n.toString());
    }
}
