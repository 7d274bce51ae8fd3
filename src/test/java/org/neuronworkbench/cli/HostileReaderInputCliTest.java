package org.neuronworkbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuronworkbench.model.Fixtures;
import org.neuronworkbench.model.Offline;

/** The readers' refusals reach the command line as exactly one {@code error:} line and exit code 2. */
class HostileReaderInputCliTest {
    @TempDir
    Path tmp;

    @BeforeAll
    static void offline() {
        Offline.enforce();
    }

    private static void assertOneError(CliRun r, String... parts) {
        assertEquals(2, r.code(), r.err());
        String[] lines = r.err().strip().split("\\R");
        assertEquals(1, lines.length, r.err());
        assertTrue(lines[0].startsWith("error: "), r.err());
        for (String part : parts) {
            assertTrue(lines[0].contains(part), "expected '" + part + "' in: " + lines[0]);
        }
        assertEquals("", r.out());
    }

    @Test
    void aShardOutsideTheModelFolderIsOneErrorLine() throws Exception {
        Path model = Files.createDirectories(tmp.resolve("model"));
        Files.copy(Fixtures.dir(Fixtures.GPT2).resolve("config.json"), model.resolve("config.json"));
        Files.copy(Fixtures.dir(Fixtures.GPT2).resolve("model.safetensors"), tmp.resolve("outside.safetensors"));
        Files.writeString(model.resolve("model.safetensors.index.json"),
                "{\"weight_map\":{\"wte.weight\":\"../outside.safetensors\"}}");
        assertOneError(CliRun.of("probe", "--model", model.toString(), "--text", "hi", "--layer", "0", "--neuron", "1"),
                "Shard name '../outside.safetensors'", "is refused: it contains a path separator");
    }

    @Test
    void aPipeAsCorpusIsOneErrorLine() throws Exception {
        Path fifo = tmp.resolve("pipe.txt");
        Assumptions.assumeTrue(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0, "no mkfifo");
        assertOneError(CliRun.of("index", "--corpus", fifo.toString(), "--out", tmp.resolve("idx").toString()),
                "corpus " + fifo, "is not a regular file");
    }
}
