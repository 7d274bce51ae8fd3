package org.neuronworkbench.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.neuronworkbench.analysis.semantic.Tsne;

/**
 * {@code bench neighbours}: t-SNE's approximate neighbour search (random-projection trees and
 * NN-descent) against the exact brute-force search, on the same PCA-50 matrices of real lemma
 * vectors as {@link TsneBenchmark}, k = 90 (perplexity 30). Where the exact search is affordable
 * (n ≤ {@code bench.exactMax}) both are timed in the same run; recall is measured on
 * {@code bench.recallQueries} seeded query points against a brute force in double.
 * {@code mvn -Pbench test -Dtest=NeighboursBenchmark -Dsurefire.failIfNoSpecifiedTests=false
 * -Dbench.sizes=20000,100000}.
 */
@Tag("bench")
class NeighboursBenchmark {
    private static final Path DIR = Path.of("target", "bench-tsne");
    private static final int K = 90;

    @Test
    void approximateAgainstExact() {
        int[] sizes = Arrays.stream(System.getProperty("bench.sizes", "20000,100000").split(","))
                .mapToInt(Integer::parseInt).toArray();
        int exactMax = Integer.getInteger("bench.exactMax", 20000);
        int queries = Integer.getInteger("bench.recallQueries", 2000);
        int runs = Integer.getInteger("bench.runs", 3);
        int largest = Arrays.stream(sizes).max().orElse(0);
        LemmaVectors lemmas = LemmaVectors.load(DIR.resolve("lemma-vectors-L3.bin"), 3, Math.max(largest, 20000));
        for (int n : sizes) {
            float[][] x = Tsne.principalComponents(TsneBenchmark.sample(lemmas, n), 50, 1);
            double[] approxSeconds = new double[runs];
            int[] approx = null;
            for (int r = 0; r < runs; r++) {
                String load = TsneBenchmark.loadAverage();
                long t0 = System.nanoTime();
                approx = Tsne.neighbours(x, K, 1, Tsne.Neighbours.APPROXIMATE);
                approxSeconds[r] = (System.nanoTime() - t0) / 1e9;
                TsneBenchmark.log(String.format("  n=%d approximate neighbours run %d: %.1f s (load %s)", n, r + 1, approxSeconds[r], load));
            }
            double exactMedian = Double.NaN;
            if (n <= exactMax) {
                double[] exactSeconds = new double[runs];
                for (int r = 0; r < runs; r++) {
                    String load = TsneBenchmark.loadAverage();
                    long t0 = System.nanoTime();
                    Tsne.neighbours(x, K, 1, Tsne.Neighbours.EXACT);
                    exactSeconds[r] = (System.nanoTime() - t0) / 1e9;
                    TsneBenchmark.log(String.format("  n=%d exact neighbours run %d: %.1f s (load %s)", n, r + 1, exactSeconds[r], load));
                }
                exactMedian = median(exactSeconds);
            }
            double[] recall = recall(x, approx, queries);
            TsneBenchmark.log(String.format("| %,d | %.1f s | %s | %s | %.4f | %.4f | %d queries |", n, median(approxSeconds),
                    Double.isNaN(exactMedian) ? "not run" : String.format("%.1f s", exactMedian),
                    Double.isNaN(exactMedian) ? "" : String.format("**%.3f**", median(approxSeconds) / exactMedian),
                    recall[0], recall[1], Math.min(queries, n)));
            assertTrue(recall[0] >= 0.9, "recall@90 " + recall[0]);
        }
    }

    /** Recall of all k and of the first 10, over seeded queries, against a brute force in double. */
    private static double[] recall(float[][] x, int[] approx, int queries) {
        int n = x.length;
        int[] picked = new SplittableRandom(5).ints(0, n).distinct().limit(Math.min(queries, n)).toArray();
        long[] hits = IntStream.of(picked).parallel().mapToObj(i -> {
            Integer[] order = IntStream.range(0, n).filter(j -> j != i).boxed().toArray(Integer[]::new);
            double[] d2 = new double[n];
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int c = 0; c < x[i].length; c++) {
                    double diff = (double) x[i][c] - x[j][c];
                    s += diff * diff;
                }
                d2[j] = s;
            }
            Arrays.sort(order, (a, b) -> d2[a] != d2[b] ? Double.compare(d2[a], d2[b]) : Integer.compare(a, b));
            Set<Integer> all = new HashSet<>(Arrays.asList(order).subList(0, K));
            Set<Integer> ten = new HashSet<>(Arrays.asList(order).subList(0, 10));
            long h = 0;
            long h10 = 0;
            for (int a = 0; a < K; a++) {
                int j = approx[i * K + a];
                h += all.contains(j) ? 1 : 0;
                h10 += a < 10 && ten.contains(j) ? 1 : 0;
            }
            return new long[] {h, h10};
        }).reduce(new long[2], (a, b) -> new long[] {a[0] + b[0], a[1] + b[1]});
        return new double[] {hits[0] / (double) (picked.length * K), hits[1] / (double) (picked.length * 10)};
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
