package org.neuronworkbench.analysis.semantic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.neuronworkbench.work.Cancel;
import org.neuronworkbench.work.Progress;

class TsneTest {

    @Test
    void gaussianClustersStaySeparatedWithTheInterpolatedGradient() {
        Clusters c = Clusters.gaussian(8, 125, 30, 4, 11);
        TsneResult r = Tsne.run(new TsneRequest(c.points(), 50, 30, 500, 1), Progress.NONE, Cancel.NEVER, null,
                Tsne.Gradient.INTERPOLATED);
        double agreement = KnnAgreement.score(Clusters.rows(r.xy()), c.labels(), 10, KnnAgreement.Metric.EUCLIDEAN);
        assertTrue(agreement >= 0.95, "2-D k-NN label agreement " + agreement);
        assertEquals(500, r.iterationsDone());
        assertFalse(r.cancelled());
        assertTrue(r.method().startsWith("FFT-interpolated t-SNE"), r.method());
    }

    @Test
    void gaussianClustersStaySeparatedWithTheExactGradient() {
        Clusters c = Clusters.gaussian(5, 120, 12, 4, 12);
        TsneResult r = Tsne.run(new TsneRequest(c.points(), 50, 20, 600, 1), Progress.NONE, Cancel.NEVER, null);
        double agreement = KnnAgreement.score(Clusters.rows(r.xy()), c.labels(), 10, KnnAgreement.Metric.EUCLIDEAN);
        assertTrue(agreement >= 0.95, "2-D k-NN label agreement " + agreement);
        assertTrue(r.method().startsWith("exact-gradient t-SNE"), r.method());
    }
}
