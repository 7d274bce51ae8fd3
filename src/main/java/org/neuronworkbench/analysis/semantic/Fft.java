package org.neuronworkbench.analysis.semantic;

/**
 * In-place radix-2 complex FFT of one fixed power-of-two size, with the twiddle factors and the
 * bit-reversal permutation computed once. The t-SNE repulsion runs thousands of transforms of the
 * same size, so the tables pay for themselves; the size is a power of two because the grid is
 * zero-padded anyway (the convolution is linear, not circular), so any size ≥ 2N−1 is as good.
 */
final class Fft {
    private final int size;
    private final int[] reversed;
    private final double[] cos;
    private final double[] sin;

    Fft(int size) {
        if (size < 1 || Integer.bitCount(size) != 1) {
            throw new IllegalArgumentException("FFT size must be a power of two, got " + size);
        }
        this.size = size;
        int bits = Integer.numberOfTrailingZeros(size);
        reversed = new int[size];
        for (int i = 0; i < size; i++) {
            reversed[i] = bits == 0 ? 0 : Integer.reverse(i) >>> (32 - bits);
        }
        cos = new double[size / 2];
        sin = new double[size / 2];
        for (int i = 0; i < size / 2; i++) {
            double angle = -2 * Math.PI * i / size;
            cos[i] = Math.cos(angle);
            sin[i] = Math.sin(angle);
        }
    }

    int size() {
        return size;
    }

    /**
     * Transforms {@code size} values starting at {@code offset} of re/im in place. The inverse is
     * unscaled (the caller divides by the size once for the whole 2-D transform).
     */
    void transform(double[] re, double[] im, int offset, boolean inverse) {
        for (int i = 0; i < size; i++) {
            int j = reversed[i];
            if (j > i) {
                double t = re[offset + i];
                re[offset + i] = re[offset + j];
                re[offset + j] = t;
                t = im[offset + i];
                im[offset + i] = im[offset + j];
                im[offset + j] = t;
            }
        }
        double sign = inverse ? -1 : 1;
        for (int half = 1; half < size; half <<= 1) {
            int stride = size / (2 * half);
            for (int start = 0; start < size; start += 2 * half) {
                for (int k = 0; k < half; k++) {
                    double wr = cos[k * stride];
                    double wi = sign * sin[k * stride];
                    int a = offset + start + k;
                    int b = a + half;
                    double xr = re[b] * wr - im[b] * wi;
                    double xi = re[b] * wi + im[b] * wr;
                    re[b] = re[a] - xr;
                    im[b] = im[a] - xi;
                    re[a] += xr;
                    im[a] += xi;
                }
            }
        }
    }
}
