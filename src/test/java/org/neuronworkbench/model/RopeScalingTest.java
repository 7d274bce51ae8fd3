package org.neuronworkbench.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Frequency scaling as Llama 3.1/3.2 configs describe it (factor 32, bands 1 and 4, 8192 positions). */
class RopeScalingTest {
    private static final RopeScaling LLAMA32 = new RopeScaling(RopeScaling.Type.LLAMA3, 32, 1, 4, 8192);

    /** The unscaled inverse frequencies of a 64-dim head with theta 500000 (Llama 3.2 1B). */
    private static double invFreq(int pair) {
        return 1.0 / Math.pow(500000, 2.0 * pair / 64);
    }

    @Test
    void llama3KeepsShortWavelengthsDividesLongOnesAndBlendsBetween() {
        int kept = 0;
        int divided = 0;
        int blended = 0;
        for (int i = 0; i < 32; i++) {
            double f = invFreq(i);
            double wavelength = 2 * Math.PI / f;
            double s = LLAMA32.scale(f);
            if (wavelength < 8192 / 4.0) {
                assertEquals(f, s, 0.0, "pair " + i + " has a wavelength below 2048 positions");
                kept++;
            } else if (wavelength > 8192) {
                assertEquals(f / 32, s, 1e-15, "pair " + i + " has a wavelength above 8192 positions");
                divided++;
            } else {
                assertTrue(s < f && s > f / 32, "pair " + i + " lies between the two bands");
                blended++;
            }
        }
        assertTrue(kept > 0 && divided > 0 && blended > 0, kept + " " + divided + " " + blended);
    }

    @Test
    void llama3IsContinuousAtBothBandEdges() {
        double atHigh = 2 * Math.PI / (8192 / 4.0);
        double atLow = 2 * Math.PI / 8192.0;
        assertEquals(atHigh, LLAMA32.scale(atHigh * (1 - 1e-12)), atHigh * 1e-9);
        assertEquals(atLow / 32, LLAMA32.scale(atLow * (1 + 1e-12)), atLow * 1e-9);
    }

    @Test
    void linearDividesEveryFrequency() {
        assertEquals(0.25, RopeScaling.linear(4).scale(1.0), 0.0);
        assertEquals(1.0, RopeScaling.NONE.scale(1.0), 0.0);
    }

    @Test
    void nonsenseFactorsAreRefused() {
        assertThrows(ModelLoadException.class, () -> RopeScaling.linear(0));
        assertThrows(ModelLoadException.class, () -> new RopeScaling(RopeScaling.Type.LLAMA3, 8, 4, 1, 8192));
    }
}
