package org.neuronworkbench.index;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bit-level bin of a float against a search over the published edges, merging and storage. */
class ActivationHistogramTest {
    private static final double[] EDGES = ActivationHistogram.edges();

    @TempDir
    Path tmp;

    /** The bin by definition: the i with edges[i] <= a < edges[i + 1] (found by search, not by bits). */
    static int byEdges(float a) {
        if (Float.isNaN(a)) {
            return Float.floatToRawIntBits(a) < 0 ? 0 : EDGES.length - 2;
        }
        int lo = 0;
        int hi = EDGES.length - 2;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (EDGES[mid] <= a) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    @Test
    void edgesIncreaseAndAreDataIndependent() {
        assertEquals(ActivationHistogram.BINS + 1, EDGES.length);
        assertEquals(291, ActivationHistogram.BINS);
        for (int i = 1; i < EDGES.length; i++) {
            assertTrue(EDGES[i] > EDGES[i - 1], "edge " + i);
        }
        assertEquals(Double.NEGATIVE_INFINITY, EDGES[0]);
        assertEquals(-256.0, EDGES[1]);
        assertEquals(-Math.pow(2, -10), EDGES[ActivationHistogram.ZERO_BIN]);
        assertEquals(Math.pow(2, -10), EDGES[ActivationHistogram.ZERO_BIN + 1]);
        assertEquals(256.0, EDGES[EDGES.length - 2]);
        // 8 bins per power of two: 1.0 to 2.0 is split at 1.125, 1.25, ... 1.875.
        int one = ActivationHistogram.bin(1f);
        assertEquals(1.0, EDGES[one]);
        assertEquals(1.125, EDGES[one + 1]);
        assertEquals(2.0, EDGES[one + 8]);
    }

    @Test
    void bitBinEqualsEdgeSearchOnEdgesNeighboursAndRandomValues() {
        for (int i = 1; i < EDGES.length - 1; i++) {
            float e = (float) EDGES[i];
            assertEquals(i, ActivationHistogram.bin(e), "edge " + e + " opens bin " + i);
            for (float a : new float[] {Math.nextDown(e), Math.nextUp(e)}) {
                assertEquals(byEdges(a), ActivationHistogram.bin(a), "value " + a);
            }
        }
        float[] special = {0f, -0f, Float.MIN_VALUE, -Float.MIN_VALUE, Float.MIN_NORMAL, Float.MAX_VALUE,
                -Float.MAX_VALUE, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN,
                Float.intBitsToFloat(0xffc00000), -0.17f, -0.2785f, 0.5f, 12.7f, 300f, -300f};
        for (float a : special) {
            assertEquals(byEdges(a), ActivationHistogram.bin(a), "value " + a);
        }
        assertEquals(ActivationHistogram.ZERO_BIN, ActivationHistogram.bin(-0f));
        Random r = new Random(11);
        for (int i = 0; i < 1_000_000; i++) {
            float a = i % 2 == 0 ? (float) (r.nextGaussian() * Math.pow(10, r.nextInt(7) - 4))
                    : Float.intBitsToFloat(r.nextInt());
            assertEquals(byEdges(a), ActivationHistogram.bin(a), "value " + a);
        }
    }

    @Test
    void mergeAddsCountsAndRefusesAnotherModel() {
        ActivationHistogram a = new ActivationHistogram(3);
        ActivationHistogram b = new ActivationHistogram(3);
        ActivationHistogram all = new ActivationHistogram(3);
        Random r = new Random(5);
        for (int i = 0; i < 5000; i++) {
            int n = r.nextInt(3);
            float v = (float) (r.nextGaussian() * 2);
            (i % 3 == 0 ? a : b).add(n, v);
            all.add(n, v);
        }
        a.merge(b);
        for (int n = 0; n < 3; n++) {
            assertArrayEquals(all.counts(n), a.counts(n));
            assertEquals(all.total(n), a.total(n));
        }
        assertEquals(5000, a.total(0) + a.total(1) + a.total(2));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> a.merge(new ActivationHistogram(4)));
        assertTrue(e.getMessage().contains("4 neurons"), e.getMessage());
    }

    @Test
    void checkpointAndFileRoundTrip() throws IOException {
        ActivationHistogram h = new ActivationHistogram(4);
        float[] row = {-0.1f, 0f, 3.5f, 1e6f};
        for (int i = 0; i < 300; i++) {
            h.addAll(row, 0, 4, 0);
        }
        Map<String, byte[]> state = new HashMap<>();
        h.save(state);
        assertTrue(state.get("histogram").length < 4 * ActivationHistogram.BINS + 16, "varints: most bins are one byte");
        ActivationHistogram back = new ActivationHistogram(4);
        assertTrue(back.load(state));
        for (int n = 0; n < 4; n++) {
            assertArrayEquals(h.counts(n), back.counts(n));
            assertEquals(300, back.of(n).count(ActivationHistogram.bin(row[n])));
        }
        assertFalse(new ActivationHistogram(4).load(Map.of()), "a checkpoint without a histogram");

        Path file = tmp.resolve("h.safetensors");
        h.write(file, 2, 2);
        ActivationHistogram read = ActivationHistogram.read(file);
        assertEquals(4, read.neurons());
        for (int n = 0; n < 4; n++) {
            assertEquals(h.of(n), read.of(n));
        }
        byte[] bytes = Files.readAllBytes(file);
        // Another version's bins are refused rather than added up wrongly: break the first edge.
        long headerLen = java.nio.ByteBuffer.wrap(bytes, 0, 8).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong();
        int edgesStart = (int) (8 + headerLen + 4L * ActivationHistogram.BINS * 8);
        java.nio.ByteBuffer.wrap(bytes).order(java.nio.ByteOrder.LITTLE_ENDIAN).putDouble(edgesStart + 8, -255.0);
        Files.write(file, bytes);
        IOException e = assertThrows(IOException.class, () -> ActivationHistogram.read(file));
        assertTrue(e.getMessage().contains("other bin edges"), e.getMessage());
    }

    /** More adds than the 16-bit counters of the indexing loop hold between flushes: no count is lost. */
    @Test
    void countsStayExactPastTheSmallCountersRange() {
        ActivationHistogram h = new ActivationHistogram(2);
        float[] row = {0.5f, -0.1f};
        for (int i = 0; i < 200_000; i++) {
            h.addAll(row, 0, 2, 0);
            h.add(1, 3f);
        }
        assertEquals(200_000, h.of(0).count(ActivationHistogram.bin(0.5f)));
        assertEquals(200_000, h.of(1).count(ActivationHistogram.bin(-0.1f)));
        assertEquals(200_000, h.of(1).count(ActivationHistogram.bin(3f)));
        assertEquals(400_000, h.total(1));
    }

    @Test
    void corruptVarintsAreRefused() {
        byte[] ok = Codec.varLongs(new long[] {0, 1, 300, Long.MAX_VALUE});
        assertArrayEquals(new long[] {0, 1, 300, Long.MAX_VALUE}, Codec.varLongs(ok, 4));
        assertThrows(IndexException.class, () -> Codec.varLongs(ok, 5));
        assertThrows(IndexException.class, () -> Codec.varLongs(ok, 3));
    }
}
