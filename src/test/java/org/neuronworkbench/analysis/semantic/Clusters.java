package org.neuronworkbench.analysis.semantic;

import java.util.SplittableRandom;

/** Synthetic Gaussian clusters with known labels: the ground truth the layout tests check against. */
record Clusters(float[][] points, int[] labels) {

    /** {@code count} clusters of {@code size} points in {@code dims} dimensions, centres ~N(0, separation²). */
    static Clusters gaussian(int count, int size, int dims, double separation, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] centres = new double[count][dims];
        for (double[] c : centres) {
            for (int t = 0; t < dims; t++) {
                c[t] = gaussian(random) * separation;
            }
        }
        int n = count * size;
        float[][] points = new float[n][dims];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            int c = i % count;
            labels[i] = c;
            for (int t = 0; t < dims; t++) {
                points[i][t] = (float) (centres[c][t] + gaussian(random));
            }
        }
        return new Clusters(points, labels);
    }

    static double gaussian(SplittableRandom random) {
        double u = Math.max(1e-12, random.nextDouble());
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.nextDouble());
    }

    /** The layout as n rows of 2 floats. */
    static float[][] rows(float[] xy) {
        float[][] out = new float[xy.length / 2][];
        for (int i = 0; i < out.length; i++) {
            out[i] = new float[] {xy[2 * i], xy[2 * i + 1]};
        }
        return out;
    }
}
