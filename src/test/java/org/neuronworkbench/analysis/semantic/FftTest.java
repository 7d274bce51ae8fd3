package org.neuronworkbench.analysis.semantic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FftTest {

    /** Against the O(n²) definition X_k = Σ_n x_n e^{∓2πikn/N}, forward and inverse. */
    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 8, 12, 48, 96, 256, 384})
    void matchesTheDefinition(int size) {
        SplittableRandom random = new SplittableRandom(size);
        double[] re = new double[size + 5];
        double[] im = new double[size + 5];
        for (int i = 0; i < re.length; i++) {
            re[i] = random.nextDouble() - 0.5;
            im[i] = random.nextDouble() - 0.5;
        }
        for (boolean inverse : new boolean[] {false, true}) {
            double[] r = re.clone();
            double[] m = im.clone();
            new Fft(size).transform(r, m, 5, inverse);
            double sign = inverse ? 1 : -1;
            for (int k = 0; k < size; k++) {
                double sr = 0;
                double si = 0;
                for (int n = 0; n < size; n++) {
                    double angle = sign * 2 * Math.PI * ((long) k * n % size) / size;
                    sr += re[5 + n] * Math.cos(angle) - im[5 + n] * Math.sin(angle);
                    si += re[5 + n] * Math.sin(angle) + im[5 + n] * Math.cos(angle);
                }
                assertEquals(sr, r[5 + k], 1e-9 * size, "re " + k + " of " + size);
                assertEquals(si, m[5 + k], 1e-9 * size, "im " + k + " of " + size);
            }
            for (int i = 0; i < 5; i++) {
                assertEquals(re[i], r[i], 0, "values before the offset are untouched");
            }
        }
    }

    @Test
    void sizesAreTheSmallestSupportedOnes() {
        assertEquals(256, Fft.sizeAtLeast(239));
        assertEquals(384, Fft.sizeAtLeast(257));
        assertEquals(768, Fft.sizeAtLeast(600));
        assertEquals(1024, Fft.sizeAtLeast(769));
        assertEquals(4, Fft.sizeAtLeast(4));
        assertEquals("FFT size must be 2^a or 3·2^a, got 10",
                assertThrows(IllegalArgumentException.class, () -> new Fft(10)).getMessage());
    }
}
