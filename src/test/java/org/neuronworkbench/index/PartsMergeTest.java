package org.neuronworkbench.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuronworkbench.model.ModelRunner;
import org.neuronworkbench.work.Cancel;

/** An index built from merged shard parts is the single-process index, table by table. */
class PartsMergeTest {
    @TempDir
    Path tmp;

    /** Runs every shard in this process and merges the parts in the given order (right to left). */
    static Path buildFromParts(ModelRunner runner, Path corpus, IndexOptions o, Path out, int shards) {
        try (PartsBuild build = PartsBuild.start(runner, corpus.toString(), o, out, null, Cancel.NEVER)) {
            List<IndexShard> plan = build.shards(shards);
            List<IndexParts.PassOne> ones = new ArrayList<>();
            for (IndexShard s : plan) {
                ones.add(IndexParts.passOne(runner, corpus.toString(), o, s, Cancel.NEVER));
            }
            IndexParts.PassOne one = ones.get(ones.size() - 1);
            for (int i = ones.size() - 2; i >= 0; i--) {
                one = ones.get(i).merge(one);
            }
            IndexParts.PassTwoInputs in = build.writePassOne(one, Cancel.NEVER);
            IndexParts.PassTwo two = IndexParts.emptyPassTwo(runner.config(), in);
            for (IndexShard s : plan) {
                two.merge(IndexParts.passTwo(runner, corpus.toString(), o, s, in, Cancel.NEVER));
            }
            build.finish(two);
        }
        return out;
    }

    @Test
    void threeShardsMergedGiveTheSingleProcessIndex() throws Exception {
        ModelRunner runner = IndexTestSupport.model();
        Path corpus = IndexTestSupport.sentences(tmp, 70);
        IndexOptions o = IndexTestSupport.smallOptions();
        Path single = tmp.resolve("single");
        new IndexBuilder(o).build(runner, corpus.toString(), single, null, Cancel.NEVER);
        Path parts = buildFromParts(runner, corpus, o, tmp.resolve("parts"), 3);
        try (PartsBuild b = PartsBuild.start(runner, corpus.toString(), o, tmp.resolve("plan"), null, Cancel.NEVER)) {
            List<IndexShard> plan = b.shards(3);
            assertEquals(3, plan.size(), "the corpus has enough batches for three shards");
            assertEquals(b.windows(), plan.get(2).endWindow());
            assertTrue(plan.stream().allMatch(s -> s.firstWindow() % o.batchSize() == 0));
            assertFalse(plan.stream().allMatch(s -> s.windowInDocument() == 0) && plan.stream().allMatch(s -> s.documentsBefore() == 0));
        }
        IndexFolders.assertSameIndex(single, parts);
    }
}
