package org.neuronworkbench.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuronworkbench.corpus.CorpusList;
import org.neuronworkbench.model.ModelRunner;
import org.neuronworkbench.work.Cancel;

/**
 * {@code index --workers 2}: real worker processes, stopped after the first part and resumed,
 * give the single-process index.
 */
class WorkerBuildTest {
    @TempDir
    Path tmp;

    @Test
    void twoWorkersStoppedAndResumedGiveTheSingleProcessIndex() throws Exception {
        ModelRunner runner = IndexTestSupport.model();
        Path corpus = IndexTestSupport.sentences(tmp, 30);
        IndexOptions o = IndexTestSupport.smallOptions().withBatchSize(8);
        Path single = tmp.resolve("single");
        new IndexBuilder(o).build(runner, corpus.toString(), single, null, Cancel.NEVER);

        Path out = tmp.resolve("workers");
        Path parts = out.resolve(PartFiles.DIR);
        // Stops the workers as soon as the first part of pass 1 is on disk.
        Cancel afterFirstPart = () -> partsOnDisk(parts) > 0;
        IndexBuildResult stopped = WorkerBuild.build(runner, corpus.toString(), o, out, 2, null, afterFirstPart);
        assertTrue(stopped.cancelled());
        long kept = partsOnDisk(parts);
        assertTrue(kept > 0, "the finished parts are kept for the resume");

        IndexBuildResult r = WorkerBuild.build(runner, corpus.toString(), o, out, 2, null, Cancel.NEVER);
        assertFalse(r.cancelled());
        assertFalse(Files.exists(parts), "parts are removed once merged");
        IndexFolders.assertSameIndex(single, out);
    }

    @Test
    void severalCorporaThroughWorkersGiveTheSingleProcessIndexOfTheSameList() throws Exception {
        // A .txt and a .jsonl: the workers must shard the list as one stream, in the order given.
        ModelRunner runner = IndexTestSupport.model();
        Path text = IndexTestSupport.sentences(tmp, 14);
        Path jsonl = tmp.resolve("more.jsonl");
        Files.writeString(jsonl, "{\"text\": \"A second corpus about rivers and rain.\"}\n"
                + "{\"text\": \"Boats sail on the river after the rain stops.\"}\n"
                + "{\"text\": \"The bridge over the river was closed.\"}\n");
        CorpusList both = CorpusList.local(List.of(text.toString(), jsonl.toString()));
        IndexOptions o = IndexTestSupport.smallOptions().withBatchSize(8);
        Path single = tmp.resolve("single-list");
        IndexBuildResult one = new IndexBuilder(o).build(runner, both, single, null, Cancel.NEVER);
        assertEquals(2, one.corpusReport().source().split(", ").length, one.corpusReport().source());

        Path out = tmp.resolve("workers-list");
        IndexBuildResult r = WorkerBuild.build(runner, both, o, out, 2, null, Cancel.NEVER);
        assertFalse(r.cancelled());
        assertEquals(one.corpusReport().documents(), r.corpusReport().documents());
        IndexFolders.assertSameIndex(single, out);

        // The list is part of what the index is: the same corpora in another order are refused
        // as a resume of it rather than mixed into it.
        Path swapped = tmp.resolve("workers-swapped");
        WorkerBuild.build(runner, both, o, swapped, 2, null, () -> Files.isDirectory(swapped.resolve(PartFiles.DIR)));
        CorpusList reversed = CorpusList.local(List.of(jsonl.toString(), text.toString()));
        Exception refused = assertThrows(Exception.class,
                () -> WorkerBuild.build(runner, reversed, o, swapped, 2, null, Cancel.NEVER));
        assertTrue(refused.getMessage().contains("does not match this build"), refused.getMessage());
    }

    private static long partsOnDisk(Path parts) {
        if (!Files.isDirectory(parts)) {
            return 0;
        }
        try (Stream<Path> s = Files.list(parts)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".part")).count();
        } catch (java.io.IOException e) {
            return 0;
        }
    }
}
