package org.neuronworkbench.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.neuronworkbench.analysis.semantic.Tsne;
import org.neuronworkbench.analysis.semantic.TsneRequest;
import org.neuronworkbench.analysis.semantic.TsneResult;
import org.neuronworkbench.work.Cancel;
import org.neuronworkbench.work.Progress;

/**
 * {@code bench tsne}: our t-SNE against scikit-learn's {@code TSNE} (a Python child process,
 * Debian {@code python3-sklearn}) on the same PCA-50 matrices of real lemma vectors (WordNet 3.1
 * lemmas alone through MiniLM, layer 3 MLP), in the same run; one formula, scikit-learn's
 * {@code trustworthiness(X, Y, n_neighbors=10)}, judges both layouts. Run with
 * {@code mvn -Pbench test -Dtest=TsneBenchmark -Dsurefire.failIfNoSpecifiedTests=false}
 * ({@code -Dbench.sizes=5000,20000,100000}, {@code -Dbench.sklearnMax=20000},
 * {@code -Dbench.smileIterations=100}, {@code -Dbench.python=/usr/bin/python3}, {@code -Dbench.runs=3} for
 * medians, {@code -Dbench.alsoApproximate=true} to also lay out sizes up to
 * {@link Tsne#EXACT_NEIGHBOURS_MAX} with approximate neighbours and judge that layout too).
 */
@Tag("bench")
class TsneBenchmark {
    private static final Path DIR = Path.of("target", "bench-tsne");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void againstScikitLearn() throws Exception {
        int[] sizes = Arrays.stream(System.getProperty("bench.sizes", "5000,20000,100000").split(","))
                .mapToInt(Integer::parseInt).toArray();
        int sklearnMax = Integer.getInteger("bench.sklearnMax", 20000);
        int smileIterations = Integer.getInteger("bench.smileIterations", 100);
        int largest = Arrays.stream(sizes).max().orElse(0);
        LemmaVectors lemmas = LemmaVectors.load(DIR.resolve("lemma-vectors-L3.bin"), 3, Math.max(largest, 20000));
        log(String.format("bench tsne: %d lemma vectors (%d synsets' first lemmas), %d dims, %d cores, python %s",
                lemmas.vectors().length, lemmas.firstLemmas(), lemmas.vectors()[0].length,
                Runtime.getRuntime().availableProcessors(), python()));
        Files.createDirectories(DIR);
        Path script = DIR.resolve("tsne_reference.py");
        try (InputStream in = TsneBenchmark.class.getResourceAsStream("/bench/tsne_reference.py")) {
            Files.write(script, in.readAllBytes());
        }
        int runs = Integer.getInteger("bench.runs", 1);
        boolean alsoApproximate = Boolean.getBoolean("bench.alsoApproximate");
        log(String.format("bench tsne: sizes %s, %d run(s) each, load average %s", Arrays.toString(sizes), runs, loadAverage()));
        List<String> rows = new ArrayList<>();
        for (int n : sizes) {
            float[][] sample = sample(lemmas, n);
            float[][] x = Tsne.principalComponents(sample, 50, 1);
            Path matrix = DIR.resolve("pca50-" + n + ".f32");
            LemmaVectors.writeMatrix(x, matrix);
            List<double[]> measured = new ArrayList<>();
            for (int run = 1; run <= runs; run++) {
                String load = loadAverage();
                long[] heap = new long[1];
                TsneResult ours = measured(heap, () -> ours(x, n, Tsne.Neighbours.AUTO));
                Path oursFile = DIR.resolve("ours-" + n + ".f32");
                LemmaVectors.writeMatrix(rows(ours.xy()), oursFile);
                log(String.format("  n=%d run %d ours: %.1f s, peak heap %.0f MB, %s", n, run, ours.seconds(), heap[0] / 1e6, ours.method()));
                List<String> embeddings = new ArrayList<>(List.of(oursFile.toString()));
                TsneResult approx = null;
                if (alsoApproximate && n <= Tsne.EXACT_NEIGHBOURS_MAX) {
                    approx = ours(x, n, Tsne.Neighbours.APPROXIMATE);
                    Path approxFile = DIR.resolve("ours-approximate-" + n + ".f32");
                    LemmaVectors.writeMatrix(rows(approx.xy()), approxFile);
                    embeddings.add(approxFile.toString());
                    log(String.format("  n=%d run %d ours, approximate neighbours: %.1f s, %s", n, run, approx.seconds(), approx.method()));
                }
                if (n <= sklearnMax) {
                    Path theirsFile = DIR.resolve("sklearn-" + n + ".f32");
                    JsonNode sk = JSON.readTree(run(script, "tsne", matrix, n, 50, theirsFile.toString()));
                    double skSeconds = sk.get("seconds").asDouble();
                    embeddings.add(theirsFile.toString());
                    List<String> args = new ArrayList<>(embeddings);
                    JsonNode trust = JSON.readTree(run(script, "trust", matrix, n, 50, args.toArray(String[]::new)));
                    double trustOurs = trust.get("trust").get(0).asDouble();
                    double trustTheirs = trust.get("trust").get(embeddings.size() - 1).asDouble();
                    String row = String.format("| %,d | %d | %.1f s | %.1f s (%s %s) | **%.2f** | %.4f | %.4f | %+.4f | %.0f MB | %s |",
                            n, run, ours.seconds(), skSeconds, sk.get("sklearn").asText(), sk.get("method").asText(),
                            ours.seconds() / skSeconds, trustOurs, trustTheirs, trustOurs - trustTheirs, heap[0] / 1e6, load);
                    log(row);
                    rows.add(row);
                    measured.add(new double[] {ours.seconds(), skSeconds, ours.seconds() / skSeconds, trustOurs, trustTheirs});
                    if (approx != null) {
                        double trustApprox = trust.get("trust").get(1).asDouble();
                        log(String.format("  n=%d run %d approximate neighbours: %.1f s, trust %.4f (exact-neighbour run %.4f, %+.4f)",
                                n, run, approx.seconds(), trustApprox, trustOurs, trustApprox - trustOurs));
                    }
                    assertTrue(trustOurs >= trustTheirs - 0.01, "trustworthiness " + trustOurs + " vs scikit-learn " + trustTheirs);
                } else {
                    if (approx != null) {
                        JsonNode trust = JSON.readTree(run(script, "trust", matrix, n, 50, embeddings.toArray(String[]::new)));
                        double trustExact = trust.get("trust").get(0).asDouble();
                        double trustApprox = trust.get("trust").get(1).asDouble();
                        log(String.format("  n=%d run %d trust: exact neighbours %.4f (%.1f s), approximate neighbours %.4f (%.1f s), %+.4f",
                                n, run, trustExact, ours.seconds(), trustApprox, approx.seconds(), trustApprox - trustExact));
                    }
                    String row = String.format("| %,d | %d | %.1f s | not run | | | | | %.0f MB | %s |", n, run, ours.seconds(), heap[0] / 1e6, load);
                    log(row);
                    rows.add(row);
                    measured.add(new double[] {ours.seconds()});
                }
            }
            if (runs > 1 && n <= sklearnMax) {
                String row = String.format("| %,d | median of %d | %.1f s | %.1f s | **%.2f** | %.4f | %.4f | | | |", n, runs,
                        median(measured, 0), median(measured, 1), median(measured, 2), median(measured, 3), median(measured, 4));
                log(row);
                rows.add(row);
            }
            if (n == 5000 && smileIterations > 0) {
                smile(sample.length, x, smileIterations, measured.get(0)[0]);
            }
        }
        System.out.println("| points | run | ours | scikit-learn | ours / sklearn | trust ours | trust sklearn | Δ | our peak heap | load |");
        rows.forEach(System.out::println);
    }

    private static TsneResult ours(float[][] x, int n, Tsne.Neighbours neighbours) {
        long runStart = System.nanoTime();
        String[] lastPhase = {""};
        return Tsne.run(new TsneRequest(x, 50, 30, 1000, 1), step -> {
            if (!step.phase().equals(lastPhase[0])) {
                lastPhase[0] = step.phase();
                log(String.format("  n=%d %s starts at %.1f s (load %s)", n, step.phase(), (System.nanoTime() - runStart) / 1e9,
                        loadAverage()));
            }
        }, Cancel.NEVER, null, neighbours);
    }

    private static double median(List<double[]> rows, int column) {
        double[] v = rows.stream().mapToDouble(r -> r[column]).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    /** The 1-, 5- and 15-minute load averages (the machine is shared; every figure is quoted with them). */
    static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** Prints and appends to target/bench-tsne/results.txt at once (surefire holds test output until the end). */
    static void log(String line) {
        System.out.println(line);
        try {
            Files.createDirectories(DIR);
            Files.writeString(DIR.resolve("results.txt"), line + System.lineSeparator(), StandardCharsets.UTF_8,
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Smile's exact t-SNE on the same matrix, a few iterations (each costs the same), extrapolated. */
    private static void smile(int n, float[][] x, int iterations, double oursSeconds) {
        double[][] xd = new double[n][];
        for (int i = 0; i < n; i++) {
            xd[i] = new double[x[i].length];
            for (int c = 0; c < x[i].length; c++) {
                xd[i][c] = x[i][c];
            }
        }
        long[] heap = new long[1];
        long t0 = System.nanoTime();
        measured(heap, () -> {
            smile.math.MathEx.setSeed(1);
            return new smile.manifold.TSNE(xd, 2, 30, 200, iterations);
        });
        double seconds = (System.nanoTime() - t0) / 1e9;
        double extrapolated = seconds * 1000 / iterations;
        log(String.format("  n=%d Smile exact TSNE: %d iterations %.1f s (1,000 ≈ %.0f s, %.1f× ours), peak heap %.0f MB",
                n, iterations, seconds, extrapolated, extrapolated / oursSeconds, heap[0] / 1e6));
    }

    /** Runs work with the heap pools' peaks reset; heap[0] gets the peak minus what was in use before. */
    private static <T> T measured(long[] heap, java.util.function.Supplier<T> work) {
        System.gc();
        List<MemoryPoolMXBean> pools = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP).toList();
        long before = pools.stream().mapToLong(p -> p.getUsage().getUsed()).sum();
        pools.forEach(MemoryPoolMXBean::resetPeakUsage);
        T result = work.get();
        long peak = pools.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        heap[0] = peak - before;
        return result;
    }

    /** A seeded sample of n lemmas: synsets' first lemmas while they last, the others after. */
    static float[][] sample(LemmaVectors lemmas, int n) {
        List<Integer> first = new ArrayList<>();
        for (int i = 0; i < lemmas.firstLemmas(); i++) {
            first.add(i);
        }
        Collections.shuffle(first, new Random(1));
        List<Integer> chosen = new ArrayList<>(first.subList(0, Math.min(n, first.size())));
        for (int i = lemmas.firstLemmas(); chosen.size() < n && i < lemmas.vectors().length; i++) {
            chosen.add(i);
        }
        if (chosen.size() < n) {
            throw new IllegalStateException("only " + chosen.size() + " lemma vectors for " + n + " points");
        }
        float[][] x = new float[n][];
        for (int i = 0; i < n; i++) {
            x[i] = lemmas.vectors()[chosen.get(i)];
        }
        return x;
    }

    static float[][] rows(float[] xy) {
        float[][] out = new float[xy.length / 2][];
        for (int i = 0; i < out.length; i++) {
            out[i] = new float[] {xy[2 * i], xy[2 * i + 1]};
        }
        return out;
    }

    private static String python() {
        return System.getProperty("bench.python", "/usr/bin/python3");
    }

    private static String run(Path script, String mode, Path matrix, int n, int d, String... more)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(python(), script.toString(), mode, matrix.toString(),
                Integer.toString(n), Integer.toString(d)));
        cmd.addAll(List.of(more));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException("python failed: " + cmd);
        }
        return out;
    }
}
