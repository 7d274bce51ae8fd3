package org.neuronworkbench.index;

import org.neuronworkbench.corpus.CorpusList;

import java.nio.file.Files;
import java.nio.file.Path;
import org.neuronworkbench.model.ModelLoader;
import org.neuronworkbench.model.ModelRunner;
import org.neuronworkbench.model.Offline;
import org.neuronworkbench.work.Cancel;

/**
 * The worker process of {@code index --workers}: {@code IndexWorker JOB_FILE SHARD...} loads the
 * model once, runs the job's pass over each listed shard whose part is not on disk yet, and writes
 * each part beside the job file. Exit code 0 when all parts are written; otherwise the reason is
 * the last line on stderr, which the coordinator quotes.
 */
public final class IndexWorker {
    private IndexWorker() {
    }

    public static void main(String[] args) {
        Offline.enforce();
        try {
            Path jobFile = Path.of(args[0]);
            WorkerJob job = PartFiles.read(jobFile, WorkerJob.class);
            Path dir = jobFile.getParent();
            try (ModelRunner runner = ModelLoader.load(job.modelSpec())) {
                for (int i = 1; i < args.length; i++) {
                    IndexShard s = job.shards().get(Integer.parseInt(args[i]));
                    Path part = WorkerJob.partFile(dir, job.pass(), s);
                    if (Files.exists(part)) {
                        continue;
                    }
                    if (job.pass() == 1) {
                        PartFiles.write(part, IndexParts.passOne(runner, job.corpus(), job.options(), s, Cancel.NEVER));
                    } else {
                        PartFiles.write(part, IndexParts.passTwo(runner, job.corpus(), job.options(), s, job.inputs(),
                                Cancel.NEVER));
                    }
                }
            }
            System.exit(0);
        } catch (Throwable e) {
            System.err.println(e.getClass().getSimpleName() + ": " + e.getMessage());
            System.exit(1);
        }
    }
}
