package org.neuronworkbench.index;

import org.neuronworkbench.corpus.CorpusList;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.neuronworkbench.model.ModelRunner;
import org.neuronworkbench.work.Cancel;
import org.neuronworkbench.work.Progress;

/**
 * {@code index --workers N}: the corpus in 4N shards of whole batches, each pass run by N worker
 * processes ({@link IndexWorker}, each with its own model and 1/N of the cores), their parts
 * written to the index folder's {@code parts/} and merged here. A killed build resumes: parts on
 * disk are kept, and a folder whose pass 1 is written goes straight to pass 2.
 */
public final class WorkerBuild {
    /** Shards per worker: a finer cut loses less work to a kill and balances uneven shards. */
    static final int SHARDS_PER_WORKER = 4;
    public static final int MAX_WORKERS = 64;

    private WorkerBuild() {
    }

    public static IndexBuildResult build(ModelRunner runner, String corpusSpec, IndexOptions options, Path outDir,
                                         int workers, Progress listener, Cancel cancel) {
        return build(runner, CorpusList.local(corpusSpec), options, outDir, workers, listener, cancel);
    }

    public static IndexBuildResult build(ModelRunner runner, CorpusList corpus, IndexOptions options, Path outDir,
                                         int workers, Progress listener, Cancel cancel) {
        if (workers < 1 || workers > MAX_WORKERS) {
            throw new IllegalArgumentException("--workers must be between 1 and " + MAX_WORKERS + " (got " + workers + ")");
        }
        Progress progress = listener == null ? Progress.NONE : listener;
        Cancel cancelToken = cancel == null ? Cancel.NEVER : cancel;
        PartsBuild build = PartsBuild.start(runner, corpus, options, outDir, progress, cancelToken);
        if (build == null) {
            return new IndexBuildResult(outDir, 0, 0, 0, 0, 0, true, null);
        }
        Path parts = outDir.resolve(PartFiles.DIR);
        try (build) {
            Files.createDirectories(parts);
            List<IndexShard> shards = build.shards(workers * SHARDS_PER_WORKER);
            if (!build.passOneWritten()) {
                WorkerJob job = new WorkerJob(1, runner.source(), corpus, options, shards, null);
                if (!runPass(job, parts, workers, build.windows(), progress, cancelToken)) {
                    return new IndexBuildResult(outDir, build.windows(), 0, 0, 0, 0, true, build.report());
                }
                IndexParts.PassOne merged = IndexParts.emptyPassOne(runner.config(), options);
                for (IndexShard s : shards) {
                    merged.merge(PartFiles.read(WorkerJob.partFile(parts, 1, s), IndexParts.PassOne.class));
                }
                build.writePassOne(merged, cancelToken);
            }
            IndexParts.PassTwoInputs in = build.passTwoInputs();
            WorkerJob job = new WorkerJob(2, runner.source(), corpus, options, shards, in);
            if (!runPass(job, parts, workers, build.windows(), progress, cancelToken)) {
                return new IndexBuildResult(outDir, build.windows(), 0, 0, 0, 0, true, build.report());
            }
            IndexParts.PassTwo merged = IndexParts.emptyPassTwo(runner.config(), in);
            for (IndexShard s : shards) {
                merged.merge(PartFiles.read(WorkerJob.partFile(parts, 2, s), IndexParts.PassTwo.class));
            }
            IndexBuildResult r = build.finish(merged);
            deleteTree(parts);
            return r;
        } catch (IOException e) {
            throw new IndexException("index parts in " + parts + ": " + e.getMessage(), e);
        } catch (ForwardBatch.Cancelled c) {
            return new IndexBuildResult(outDir, build.windows(), 0, 0, 0, 0, true, build.report());
        }
    }

    /** Runs one pass's missing parts in worker processes; false if cancelled (the workers are stopped). */
    private static boolean runPass(WorkerJob job, Path parts, int workers, long windows, Progress progress,
                                   Cancel cancel) throws IOException {
        List<Integer> missing = new ArrayList<>();
        for (IndexShard s : job.shards()) {
            if (!Files.exists(WorkerJob.partFile(parts, job.pass(), s))) {
                missing.add(s.number());
            }
        }
        if (missing.isEmpty()) {
            return true;
        }
        long passStart = System.nanoTime();
        Path jobFile = parts.resolve("job-pass" + job.pass() + ".bin");
        PartFiles.write(jobFile, job);
        int n = Math.min(workers, missing.size());
        List<Process> procs = new ArrayList<>();
        List<Path> logs = new ArrayList<>();
        try {
            for (int w = 0; w < n; w++) {
                List<String> cmd = command(jobFile, workers);
                for (int i = w; i < missing.size(); i += n) {
                    cmd.add(Integer.toString(missing.get(i)));
                }
                Path log = parts.resolve("worker-" + job.pass() + "-" + w + ".log");
                logs.add(log);
                procs.add(new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start());
            }
            while (procs.stream().anyMatch(Process::isAlive)) {
                if (cancel.isCancelled()) {
                    procs.forEach(Process::destroy);
                    return false;
                }
                report(job, parts, windows, progress, passStart);
                try {
                    procs.get(0).waitFor(500, java.util.concurrent.TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    procs.forEach(Process::destroy);
                    return false;
                }
            }
        } finally {
            procs.forEach(p -> {
                if (p.isAlive()) {
                    p.destroy();
                }
            });
        }
        for (int w = 0; w < procs.size(); w++) {
            if (procs.get(w).exitValue() != 0) {
                throw new IndexException("worker " + (w + 1) + " of " + n + " failed in pass " + job.pass() + ": "
                        + lastLine(logs.get(w)) + " (its log is " + logs.get(w) + "; run again to resume)");
            }
        }
        report(job, parts, windows, progress, passStart);
        return true;
    }

    private static void report(WorkerJob job, Path parts, long windows, Progress progress, long started) {
        long done = 0;
        for (IndexShard s : job.shards()) {
            if (Files.exists(WorkerJob.partFile(parts, job.pass(), s))) {
                done += s.windows();
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        double rate = done / Math.max(seconds, 1e-9);
        double eta = rate > 0 ? (windows - done) / rate : Double.NaN;
        progress.report(new IndexProgress(job.pass(), done, windows, 0, 0, eta).step());
    }

    /** The same Java and class path as this process; memory flags passed on, the cores shared out. */
    private static List<String> command(Path jobFile, int workers) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (arg.startsWith("-Xmx") || arg.startsWith("-Xss") || arg.startsWith("-XX:MaxDirectMemorySize")
                    || arg.startsWith("--add-opens") || arg.startsWith("-Djava.library.path")) {
                cmd.add(arg);
            }
        }
        int threads = Math.max(1, Runtime.getRuntime().availableProcessors() / workers);
        cmd.add("-Dai.djl.pytorch.num_threads=" + threads);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(IndexWorker.class.getName());
        cmd.add(jobFile.toString());
        return cmd;
    }

    private static String lastLine(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            for (int i = lines.size() - 1; i >= 0; i--) {
                if (!lines.get(i).isBlank()) {
                    return lines.get(i).strip();
                }
            }
            return "no message";
        } catch (IOException e) {
            return "no log (" + e.getMessage() + ")";
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }
}
