package org.neuronworkbench.index;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;
import org.neuronworkbench.HostileBytesPropertyTest;
import org.neuronworkbench.model.weights.SafetensorsTestFiles;

/**
 * An index folder may come from anyone: its safetensors files, damaged at random, either open with
 * every tensor readable at every row and column its shape promises, or are refused with an
 * IOException (which CorpusIndex.open turns into an IndexException with the file's name).
 */
class SafetensorsInHostileTest {
    @Property(tries = 400)
    void damagedIndexMatricesAreRefusedOrReadInBounds(@ForAll long seed, @ForAll @IntRange(max = 9) int kind)
            throws Exception {
        Path dir = Files.createTempDirectory("safetensors-in");
        try {
            Path valid = new SafetensorsTestFiles()
                    .addF32("token_means", new long[] {2, 3}, 1f, 2f, 3f, 4f, 5f, 6f)
                    .add("token_ids", "I64", new long[] {2}, new byte[16])
                    .add("token_counts", "I32", new long[] {2}, new byte[8])
                    .write(dir.resolve("valid.safetensors"));
            Path file = Files.write(dir.resolve("amap.safetensors"),
                    HostileBytesPropertyTest.bytes(Files.readAllBytes(valid), seed, kind));
            String outcome = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
                try (SafetensorsIn in = new SafetensorsIn(file)) {
                    for (String name : new String[] {"token_means", "token_ids", "token_counts"}) {
                        try {
                            readEverything(in.tensor(name));
                        } catch (IndexException missing) {
                            // a renamed tensor: the index's own "missing" error
                        }
                    }
                    return "read";
                } catch (IOException refused) {
                    return "refused";
                }
            });
            Statistics.collect(outcome);
        } finally {
            try (var files = Files.list(dir)) {
                for (Path p : files.toList()) {
                    Files.delete(p);
                }
            }
            Files.delete(dir);
        }
    }

    private static void readEverything(SafetensorsIn.Tensor t) {
        long elements = 1;
        for (long d : t.shape()) {
            elements *= d;
        }
        for (int i = 0; i < elements; i++) {
            switch (t.dtype()) {
                case "I64" -> t.i64(i);
                case "I32" -> t.i32(i);
                default -> t.f32(i / Math.max(1, t.cols()), i % Math.max(1, t.cols()));
            }
        }
    }
}
