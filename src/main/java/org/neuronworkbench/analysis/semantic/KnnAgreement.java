package org.neuronworkbench.analysis.semantic;

import java.util.Random;

/**
 * Stand-in: k-nearest-neighbour label agreement by brute force. The score is the mean, over points,
 * of the share of a point's k nearest other points that carry its label.
 */
public final class KnnAgreement {
    public enum Metric { COSINE, EUCLIDEAN }

    private KnnAgreement() {
    }

    public static double score(float[][] points, int[] labels, int k, Metric metric) {
        int n = points.length;
        if (n != labels.length) {
            throw new IllegalArgumentException(n + " points but " + labels.length + " labels");
        }
        if (k < 1 || k >= n) {
            throw new IllegalArgumentException("k must be between 1 and " + (n - 1) + " (got " + k + ")");
        }
        float[][] p = metric == Metric.COSINE ? normalised(points) : points;
        double total = 0;
        double[] dist = new double[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                dist[j] = j == i ? Double.POSITIVE_INFINITY : sq(p[i], p[j]);
            }
            Integer[] order = new Integer[n];
            for (int j = 0; j < n; j++) {
                order[j] = j;
            }
            java.util.Arrays.sort(order, (a, b) -> Double.compare(dist[a], dist[b]));
            int same = 0;
            for (int m = 0; m < k; m++) {
                if (labels[order[m]] == labels[i]) {
                    same++;
                }
            }
            total += same / (double) k;
        }
        return total / n;
    }

    public static double shuffledBaseline(float[][] points, int[] labels, int k, Metric metric, long seed) {
        int[] shuffled = labels.clone();
        Random r = new Random(seed);
        for (int i = shuffled.length - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = shuffled[i];
            shuffled[i] = shuffled[j];
            shuffled[j] = t;
        }
        return score(points, shuffled, k, metric);
    }

    private static double sq(float[] a, float[] b) {
        double s = 0;
        for (int j = 0; j < a.length; j++) {
            double d = a[j] - b[j];
            s += d * d;
        }
        return s;
    }

    private static float[][] normalised(float[][] points) {
        float[][] out = new float[points.length][];
        for (int i = 0; i < points.length; i++) {
            double norm = 0;
            for (float v : points[i]) {
                norm += v * (double) v;
            }
            norm = Math.sqrt(norm);
            out[i] = new float[points[i].length];
            for (int j = 0; j < out[i].length; j++) {
                out[i][j] = norm > 0 ? (float) (points[i][j] / norm) : 0f;
            }
        }
        return out;
    }
}
