package org.neuronworkbench.work;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
    @TempDir
    Path dir;

    private static List<String> names(Path folder) throws IOException {
        try (Stream<Path> s = Files.list(folder)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void replacesTheFileWithWhatWasWritten() throws IOException {
        Path f = dir.resolve("out.svg");
        Files.writeString(f, "old");
        AtomicFiles.writeString(f, "new contents");
        assertEquals("new contents", Files.readString(f));
        assertEquals(List.of("out.svg"), names(dir));
    }

    @Test
    void aWriterThatFailsMidwayLeavesTheOldFileByteIdenticalAndNoTemporary() throws IOException {
        Path f = dir.resolve("out.csv");
        byte[] old = "sentence,index,token,activation\r\n0,0,a,1.0\r\n".getBytes(StandardCharsets.UTF_8);
        Files.write(f, old);
        IOException e = assertThrows(IOException.class, () -> AtomicFiles.write(f, out -> {
            out.write(new byte[100_000]); // more than any buffer, so bytes really reached the temporary
            throw new IOException("No space left on device");
        }));
        assertTrue(e.getMessage().contains("out.csv") && e.getMessage().contains("No space left on device"), e.getMessage());
        assertArrayEquals(old, Files.readAllBytes(f));
        assertEquals(List.of("out.csv"), names(dir));

        assertThrows(IllegalStateException.class, () -> AtomicFiles.write(f, out -> {
            out.write(new byte[10]);
            throw new IllegalStateException("a bug in a writer");
        }));
        assertArrayEquals(old, Files.readAllBytes(f));
        assertEquals(List.of("out.csv"), names(dir));
    }

    @Test
    void aFailedFirstWriteCreatesNothing() {
        Path f = dir.resolve("new.html");
        assertThrows(IOException.class, () -> AtomicFiles.write(f, out -> {
            throw new IOException("boom");
        }));
        assertTrue(Files.notExists(f));
    }

    @Test
    void messagesSayWhy() throws IOException {
        IOException missing = assertThrows(IOException.class,
                () -> AtomicFiles.writeString(dir.resolve("no/such/x.svg"), "x"));
        assertTrue(missing.getMessage().contains("does not exist"), missing.getMessage());
        Files.createDirectory(dir.resolve("folder"));
        IOException folder = assertThrows(IOException.class, () -> AtomicFiles.writeString(dir.resolve("folder"), "x"));
        assertTrue(folder.getMessage().endsWith("it is a folder"), folder.getMessage());
        Files.writeString(dir.resolve("file"), "x");
        IOException underFile = assertThrows(IOException.class,
                () -> AtomicFiles.writeString(dir.resolve("file").resolve("x.svg"), "x"));
        assertTrue(underFile.getMessage().contains("is a file"), underFile.getMessage());
    }

    @Test
    void aFolderIsReplacedWholeOrNotAtAll() throws IOException {
        Path out = dir.resolve("export");
        AtomicFiles.replaceFolder(out, d -> Files.writeString(d.resolve("a.parquet"), "first"));
        assertEquals(List.of("a.parquet"), names(out));

        assertThrows(IOException.class, () -> AtomicFiles.replaceFolder(out, d -> {
            Files.writeString(d.resolve("a.parquet"), "second, half written");
            throw new IOException("File too large");
        }));
        assertEquals("first", Files.readString(out.resolve("a.parquet")));
        assertEquals(List.of("export"), names(dir));

        AtomicFiles.replaceFolder(out, d -> Files.writeString(d.resolve("b.parquet"), "third"));
        assertEquals(List.of("b.parquet"), names(out));
        assertEquals(List.of("export"), names(dir));
    }
}
