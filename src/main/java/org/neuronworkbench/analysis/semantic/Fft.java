package org.neuronworkbench.analysis.semantic;

/**
 * In-place complex FFT of one fixed size, 2^a or 3·2^a, with twiddle factors and the bit-reversal
 * permutation computed once. The t-SNE repulsion runs thousands of transforms of the same size,
 * so the tables pay for themselves. Sizes 3·2^a exist because the grid is zero-padded (the
 * convolution is linear, not circular), so any size ≥ 2N−1 does, and 768 instead of 1,024 nearly
 * halves a 2-D transform.
 */
final class Fft {
    private final int size;
    /** For 3·2^a: the radix-2 transform of each third, else null. */
    private final Fft third;
    private final int[] reversed;
    private final double[] cos;
    private final double[] sin;
    private final ThreadLocal<double[]> scratch;

    Fft(int size) {
        if (size < 1 || !(isPowerOfTwo(size) || (size % 3 == 0 && isPowerOfTwo(size / 3)))) {
            throw new IllegalArgumentException("FFT size must be 2^a or 3·2^a, got " + size);
        }
        this.size = size;
        cos = new double[size];
        sin = new double[size];
        for (int i = 0; i < size; i++) {
            double angle = -2 * Math.PI * i / size;
            cos[i] = Math.cos(angle);
            sin[i] = Math.sin(angle);
        }
        if (isPowerOfTwo(size)) {
            third = null;
            scratch = null;
            int bits = Integer.numberOfTrailingZeros(size);
            reversed = new int[size];
            for (int i = 0; i < size; i++) {
                reversed[i] = bits == 0 ? 0 : Integer.reverse(i) >>> (32 - bits);
            }
        } else {
            third = new Fft(size / 3);
            reversed = null;
            scratch = ThreadLocal.withInitial(() -> new double[2 * size]);
        }
    }

    /** The smallest size this class supports that is at least {@code n}. */
    static int sizeAtLeast(int n) {
        int pow = Integer.highestOneBit(Math.max(1, n - 1)) << 1;
        if (n <= 1) {
            return 1;
        }
        int three = 3 * (pow / 4);
        return three >= n ? three : pow;
    }

    private static boolean isPowerOfTwo(int n) {
        return n > 0 && Integer.bitCount(n) == 1;
    }

    int size() {
        return size;
    }

    /**
     * Transforms {@code size} values starting at {@code offset} of re/im in place. The inverse is
     * unscaled (the caller divides by the size once for the whole 2-D transform).
     */
    void transform(double[] re, double[] im, int offset, boolean inverse) {
        if (third == null) {
            radix2(re, im, offset, inverse);
        } else {
            radix3(re, im, offset, inverse);
        }
    }

    /** One radix-3 step over three interleaved radix-2 transforms (decimation in time). */
    private void radix3(double[] re, double[] im, int offset, boolean inverse) {
        int p = size / 3;
        double[] s = scratch.get();
        // s holds the thirds x[3n + r] one after another: re in [0, size), im in [size, 2·size).
        for (int r = 0; r < 3; r++) {
            for (int n = 0; n < p; n++) {
                s[r * p + n] = re[offset + 3 * n + r];
                s[size + r * p + n] = im[offset + 3 * n + r];
            }
        }
        for (int r = 0; r < 3; r++) {
            third.radix2Split(s, r * p, size + r * p, inverse);
        }
        double sign = inverse ? -1 : 1;
        // ω = e^{∓2πi/3}
        double wr = -0.5;
        double wi = sign * -Math.sqrt(3) / 2;
        for (int k = 0; k < p; k++) {
            double a0r = s[k];
            double a0i = s[size + k];
            double c1 = cos[k];
            double s1 = sign * sin[k];
            double c2 = cos[2 * k];
            double s2 = sign * sin[2 * k];
            double x1r = s[p + k];
            double x1i = s[size + p + k];
            double x2r = s[2 * p + k];
            double x2i = s[size + 2 * p + k];
            double a1r = x1r * c1 - x1i * s1;
            double a1i = x1r * s1 + x1i * c1;
            double a2r = x2r * c2 - x2i * s2;
            double a2i = x2r * s2 + x2i * c2;
            re[offset + k] = a0r + a1r + a2r;
            im[offset + k] = a0i + a1i + a2i;
            // a0 + ω a1 + ω² a2 and a0 + ω² a1 + ω a2, with ω² the conjugate of ω.
            double sumR = a1r + a2r;
            double sumI = a1i + a2i;
            double difR = a1r - a2r;
            double difI = a1i - a2i;
            double baseR = a0r + wr * sumR;
            double baseI = a0i + wr * sumI;
            re[offset + k + p] = baseR - wi * difI;
            im[offset + k + p] = baseI + wi * difR;
            re[offset + k + 2 * p] = baseR + wi * difI;
            im[offset + k + 2 * p] = baseI - wi * difR;
        }
    }

    private void radix2(double[] re, double[] im, int offset, boolean inverse) {
        butterflies(re, offset, im, offset, inverse);
    }

    /** Radix-2 transform of values whose real and imaginary parts sit in one array at two offsets. */
    private void radix2Split(double[] a, int reOffset, int imOffset, boolean inverse) {
        butterflies(a, reOffset, a, imOffset, inverse);
    }

    private void butterflies(double[] re, int ro, double[] im, int io, boolean inverse) {
        for (int i = 0; i < size; i++) {
            int j = reversed[i];
            if (j > i) {
                double t = re[ro + i];
                re[ro + i] = re[ro + j];
                re[ro + j] = t;
                t = im[io + i];
                im[io + i] = im[io + j];
                im[io + j] = t;
            }
        }
        double sign = inverse ? -1 : 1;
        for (int half = 1; half < size; half <<= 1) {
            int stride = size / (2 * half);
            for (int start = 0; start < size; start += 2 * half) {
                for (int k = 0; k < half; k++) {
                    double wr = cos[k * stride];
                    double wi = sign * sin[k * stride];
                    int a = start + k;
                    int b = a + half;
                    double br = re[ro + b];
                    double bi = im[io + b];
                    double xr = br * wr - bi * wi;
                    double xi = br * wi + bi * wr;
                    re[ro + b] = re[ro + a] - xr;
                    im[io + b] = im[io + a] - xi;
                    re[ro + a] += xr;
                    im[io + a] += xi;
                }
            }
        }
    }
}
