package org.neuronworkbench.analysis.semantic;

import java.util.SplittableRandom;
import org.neuronworkbench.work.Cancel;

/**
 * How well a set of vectors separates classes: the mean over points of the share of each point's
 * k nearest neighbours (itself excluded) that carry the same label, next to the same score with
 * the labels shuffled (the chance level). Neighbours are exact ({@link NearestNeighbours}).
 */
public final class KnnAgreement {
    public enum Metric { COSINE, EUCLIDEAN }

    /** Both numbers from one neighbour search. */
    public record Scores(double score, double shuffled) {
    }

    private KnnAgreement() {
    }

    /** Mean over points of the share of its k nearest neighbours (excluding itself) with the same label. */
    public static double score(float[][] points, int[] labels, int k, Metric metric) {
        return agreement(neighbours(points, labels, k, metric), labels);
    }

    /** The same with the labels shuffled by a seeded permutation (the chance baseline). */
    public static double shuffledBaseline(float[][] points, int[] labels, int k, Metric metric, long seed) {
        return agreement(neighbours(points, labels, k, metric), shuffle(labels, seed));
    }

    /** {@link #score} and {@link #shuffledBaseline} sharing one neighbour search (it dominates the cost). */
    public static Scores both(float[][] points, int[] labels, int k, Metric metric, long seed) {
        NearestNeighbours.Result nn = neighbours(points, labels, k, metric);
        return new Scores(agreement(nn, labels), agreement(nn, shuffle(labels, seed)));
    }

    private static NearestNeighbours.Result neighbours(float[][] points, int[] labels, int k, Metric metric) {
        if (points == null || labels == null) {
            throw new IllegalArgumentException("no points or no labels");
        }
        if (points.length != labels.length) {
            throw new IllegalArgumentException(points.length + " points but " + labels.length + " labels");
        }
        if (k < 1 || k >= points.length) {
            throw new IllegalArgumentException("k must be between 1 and " + (points.length - 1)
                    + " (the points − 1), got " + k);
        }
        int d = points[0] == null ? 0 : points[0].length;
        if (d == 0) {
            throw new IllegalArgumentException("point 0 has no coordinates");
        }
        float[][] x = new float[points.length][];
        for (int i = 0; i < points.length; i++) {
            float[] row = points[i];
            if (row == null || row.length != d) {
                throw new IllegalArgumentException("point " + i + " has " + (row == null ? 0 : row.length)
                        + " coordinates, point 0 has " + d);
            }
            for (float v : row) {
                if (!Float.isFinite(v)) {
                    throw new IllegalArgumentException("point " + i + " has a non-finite value (" + v + ")");
                }
            }
            x[i] = metric == Metric.COSINE ? unit(row) : row;
        }
        return NearestNeighbours.search(x, k, Cancel.NEVER, null);
    }

    /** Cosine order is Euclidean order of unit vectors; a zero vector stays zero (equally far from all). */
    private static float[] unit(float[] row) {
        double norm = 0;
        for (float v : row) {
            norm += (double) v * v;
        }
        if (norm == 0) {
            return row;
        }
        double inv = 1 / Math.sqrt(norm);
        float[] out = new float[row.length];
        for (int c = 0; c < row.length; c++) {
            out[c] = (float) (row[c] * inv);
        }
        return out;
    }

    private static double agreement(NearestNeighbours.Result nn, int[] labels) {
        int n = labels.length;
        int k = nn.k();
        double sum = 0;
        for (int i = 0; i < n; i++) {
            int same = 0;
            for (int a = 0; a < k; a++) {
                if (labels[nn.index()[i * k + a]] == labels[i]) {
                    same++;
                }
            }
            sum += (double) same / k;
        }
        return sum / n;
    }

    /** Fisher-Yates with a seeded generator: the same seed, the same permutation. */
    private static int[] shuffle(int[] labels, long seed) {
        int[] out = labels.clone();
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = out.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = out[i];
            out[i] = out[j];
            out[j] = t;
        }
        return out;
    }
}
