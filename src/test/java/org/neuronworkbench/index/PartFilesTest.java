package org.neuronworkbench.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a resumed {@code index --workers} says about part files it cannot use. */
class PartFilesTest {
    @TempDir
    Path tmp;

    @Test
    void aPartOfTheVersionThatKeptSumsOfSquaresIsRefusedWithWhatToDo() throws IOException {
        Path file = tmp.resolve("pass1-0.part");
        IndexParts.PassOne part = new IndexParts.PassOne(new FirstPass(2, 4, 10, 8, 3));
        part.truncated = 7;
        PartFiles.write(file, part);
        assertEquals(7, PartFiles.read(file, IndexParts.PassOne.class).truncated, "this version reads its own part");

        // The part as the previous version wrote it: the same stream, with FirstPass's
        // serialVersionUID 1 (sums of squares) where this version writes 2 (mean and M2).
        byte[] bytes = Files.readAllBytes(file);
        int uid = indexAfter(bytes, FirstPass.class.getName().getBytes(StandardCharsets.UTF_8));
        assertEquals(2L, readLong(bytes, uid), "the stream holds FirstPass's serialVersionUID after its name");
        writeLong(bytes, uid, 1L);
        Files.write(file, bytes);

        IOException e = assertThrows(IOException.class, () -> PartFiles.read(file, IndexParts.PassOne.class));
        assertTrue(e.getMessage().startsWith(file + " is not a part of this build or was written by another version"
                + " of the app (delete it, and the next run makes it again)"), e.getMessage());
    }

    @Test
    void aFileHoldingAnyOtherClassIsRefusedBeforeItIsCreated() throws IOException {
        Path file = tmp.resolve("pass1-1.part");
        PartFiles.write(file, new HashSet<>(Set.of("x")));
        IOException e = assertThrows(IOException.class, () -> PartFiles.read(file, IndexParts.PassOne.class));
        assertEquals(file + " is not a part of this build: it holds java.util.HashSet, which a part never holds",
                e.getMessage());
    }

    /** Index just after the first occurrence of {@code needle} in {@code bytes}. */
    private static int indexAfter(byte[] bytes, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= bytes.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (bytes[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i + needle.length;
        }
        throw new AssertionError("not in the stream");
    }

    private static long readLong(byte[] b, int at) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (b[at + i] & 0xff);
        }
        return v;
    }

    private static void writeLong(byte[] b, int at, long v) {
        for (int i = 7; i >= 0; i--) {
            b[at + i] = (byte) v;
            v >>>= 8;
        }
    }
}
