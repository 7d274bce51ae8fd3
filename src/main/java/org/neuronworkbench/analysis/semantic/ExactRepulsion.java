package org.neuronworkbench.analysis.semantic;

/**
 * The repulsion summed over every pair: O(n²) time, O(n) memory. Used for small maps, where it is
 * faster than a grid, and as the reference the interpolated one is tested against.
 */
final class ExactRepulsion implements Repulsion {
    private static final int ROWS_PER_CHUNK = 64;

    @Override
    public double compute(double[] y, double[] out) {
        int n = y.length / 2;
        int chunks = Chunks.count(n, ROWS_PER_CHUNK);
        double[] partialZ = new double[chunks];
        Chunks.run(chunks, chunk -> {
            double z = 0;
            int end = Math.min(n, (chunk + 1) * ROWS_PER_CHUNK);
            for (int i = chunk * ROWS_PER_CHUNK; i < end; i++) {
                double xi = y[2 * i];
                double yi = y[2 * i + 1];
                double fx = 0;
                double fy = 0;
                for (int j = 0; j < n; j++) {
                    if (j == i) {
                        continue;
                    }
                    double dx = xi - y[2 * j];
                    double dy = yi - y[2 * j + 1];
                    double q = 1 / (1 + dx * dx + dy * dy);
                    z += q;
                    double q2 = q * q;
                    fx += q2 * dx;
                    fy += q2 * dy;
                }
                out[2 * i] = fx;
                out[2 * i + 1] = fy;
            }
            partialZ[chunk] = z;
        });
        double z = 0;
        for (double part : partialZ) {
            z += part;
        }
        return z;
    }

    @Override
    public String describe() {
        return "repulsion over all pairs";
    }
}
