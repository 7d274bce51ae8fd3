package org.neuronworkbench.index;

import org.neuronworkbench.corpus.CorpusList;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.List;

/**
 * What one pass of {@code index --workers} asks of its worker processes: the model (as the
 * {@code --model} spec, loaded by each worker), the corpus, the options, the shards and, for pass
 * 2, the means, stds and wanted windows.
 */
record WorkerJob(int pass, String modelSpec, CorpusList corpus, IndexOptions options, List<IndexShard> shards,
                 IndexParts.PassTwoInputs inputs) implements Serializable {
    /** The part file of a shard: named by pass and window range, so a changed plan never reuses it. */
    static Path partFile(Path partsDir, int pass, IndexShard s) {
        return partsDir.resolve("pass" + pass + "-" + s.firstWindow() + "-" + s.endWindow() + ".part");
    }
}
