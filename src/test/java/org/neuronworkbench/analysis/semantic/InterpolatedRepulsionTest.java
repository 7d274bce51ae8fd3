package org.neuronworkbench.analysis.semantic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The FFT-interpolated repulsion against the exact sum over all pairs, on small layouts. */
class InterpolatedRepulsionTest {

    @ParameterizedTest
    @ValueSource(doubles = {0.001, 5, 40, 150})
    void matchesTheExactSumAtEverySpread(double spread) {
        int n = 700;
        double[] y = clusteredLayout(n, spread, 7);
        double[] exact = new double[2 * n];
        double[] approx = new double[2 * n];
        double zExact = new ExactRepulsion().compute(y, exact);
        double zApprox = new InterpolatedRepulsion().compute(y, approx);
        assertEquals(zExact, zApprox, 1e-2 * zExact, "normaliser Z");
        // Compare the forces (out / Z) by their overall relative error. With 3 nodes per box of at
        // most one unit (FIt-SNE's defaults) the interpolation is good to about 1 % — the order of
        // Barnes-Hut's error at θ = 0.5 — and better where the grid is finer than it must be.
        double err = 0;
        double norm = 0;
        for (int e = 0; e < 2 * n; e++) {
            double a = exact[e] / zExact;
            double b = approx[e] / zApprox;
            err += (a - b) * (a - b);
            norm += a * a;
        }
        double relative = Math.sqrt(err / norm);
        assertTrue(relative < 2e-2, "relative force error " + relative + " at spread " + spread);
    }

    /** A few Gaussian blobs of different widths, spread over about {@code spread} units. */
    static double[] clusteredLayout(int n, double spread, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] y = new double[2 * n];
        double[][] centres = new double[6][2];
        for (double[] c : centres) {
            c[0] = (random.nextDouble() - 0.5) * spread;
            c[1] = (random.nextDouble() - 0.5) * spread;
        }
        for (int i = 0; i < n; i++) {
            double[] c = centres[i % centres.length];
            double width = spread * (0.02 + 0.05 * (i % 3));
            y[2 * i] = c[0] + gaussian(random) * width;
            y[2 * i + 1] = c[1] + gaussian(random) * width;
        }
        return y;
    }

    private static double gaussian(SplittableRandom random) {
        double u = Math.max(1e-12, random.nextDouble());
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.nextDouble());
    }
}
