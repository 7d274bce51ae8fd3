package org.neuronworkbench.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * An export that the operating system stops midway (a file size limit, as a full disk would)
 * leaves the previous export byte-identical and no temporary file behind.
 */
class InterruptedExportTest {
    private static final int LIMIT_KIB = 256;

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(value = ExportFormat.class, names = {"SVG", "HTML", "CSV"})
    void aWriteStoppedByTheFileSizeLimitLeavesTheOldFileByteIdentical(ExportFormat format) throws Exception {
        Path file = dir.resolve("highlights." + format.extension());
        format.write(BigExportMain.sentences(30), SvgOptions.defaults(), file);
        byte[] old = Files.readAllBytes(file);
        assertTrue(old.length < LIMIT_KIB * 1024, "the old export fits under the limit");

        Path log = dir.resolveSibling(dir.getFileName() + "-child.log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String child = "ulimit -f " + LIMIT_KIB + "; exec '" + java + "' -XX:-UsePerfData -cp '"
                + System.getProperty("java.class.path") + "' " + BigExportMain.class.getName() + " "
                + format.extension() + " '" + file + "' 200000";
        Process p = new ProcessBuilder("bash", "-c", child).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "child finished");
        String output = Files.readString(log);
        assertNotEquals(0, p.exitValue(), output);
        assertTrue(output.contains("File too large"), output);

        assertArrayEquals(old, Files.readAllBytes(file));
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(List.of(file.getFileName().toString()), s.map(x -> x.getFileName().toString()).toList());
        }
    }
}
