package org.neuronworkbench.corpus;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BadInputTest {
    @TempDir
    Path dir;

    @Test
    void malformedUtf8IsReplacedAndCounted() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes("caf".getBytes(StandardCharsets.UTF_8));
        bytes.write(0xE9); // Latin-1 é: one malformed sequence
        bytes.writeBytes(" ok\nbad pair ".getBytes(StandardCharsets.UTF_8));
        bytes.write(0xC3); // lead byte followed by ASCII: malformed
        bytes.write(0xFF); // never valid in UTF-8
        bytes.writeBytes(" end\nfine ünïcode\ntruncated ".getBytes(StandardCharsets.UTF_8));
        bytes.write(0xE2); // first two bytes of a three-byte sequence at end of line
        bytes.write(0x82);
        Path file = dir.resolve("latin1.txt");
        Files.write(file, bytes.toByteArray());
        try (CorpusReader reader = Corpora.open(file, CorpusOptions.defaults())) {
            List<String> texts = Docs.readAll(reader).stream().map(CorpusDocument::text).toList();
            assertEquals(List.of("caf\uFFFD ok", "bad pair \uFFFD\uFFFD end", "fine ünïcode", "truncated \uFFFD"), texts);
            assertEquals(4, reader.report().malformedSequences());
            assertTrue(reader.report().summary().contains("4 malformed UTF-8 sequences replaced with U+FFFD"),
                    reader.report().summary());
        }
    }

    @Test
    void emptyFileIsReportedAsHavingNoText() throws IOException {
        Path file = dir.resolve("empty.txt");
        Files.writeString(file, "");
        try (CorpusReader reader = Corpora.open(file, CorpusOptions.defaults())) {
            CorpusException e = assertThrows(CorpusException.class, reader::next);
            assertEquals("corpus " + file + " contains no text (0 documents)", e.getMessage());
        }
    }

    @Test
    void blankOnlyAndAllBadJsonlAreReportedAsHavingNoTextWithTheReason() throws IOException {
        Path blank = dir.resolve("blank.txt");
        Files.writeString(blank, "\n   \n\t\n");
        try (CorpusReader reader = Corpora.open(blank, CorpusOptions.defaults())) {
            CorpusException e = assertThrows(CorpusException.class, reader::next);
            assertEquals("corpus " + blank + " contains no text (0 documents; 3 blank lines skipped)", e.getMessage());
        }
        Path jsonl = dir.resolve("bad.jsonl");
        Files.writeString(jsonl, "{\"body\": \"x\"}\n");
        try (CorpusReader reader = Corpora.open(jsonl, CorpusOptions.defaults())) {
            CorpusException e = assertThrows(CorpusException.class, reader::next);
            assertTrue(e.getMessage().startsWith("corpus " + jsonl + " contains no text"), e.getMessage());
            assertTrue(e.getMessage().contains("bad.jsonl:1 (no 'text' field)"), e.getMessage());
        }
    }

    @Test
    void binaryFileIsRefused() throws IOException {
        Path file = dir.resolve("weights.txt");
        byte[] bytes = new byte[4096];
        bytes[100] = 0;
        bytes[0] = 'P';
        Files.write(file, bytes);
        try (CorpusReader reader = Corpora.open(file, CorpusOptions.defaults())) {
            CorpusException e = assertThrows(CorpusException.class, reader::next);
            assertTrue(e.getMessage().startsWith(file + " looks like a binary file"), e.getMessage());
        }
    }

    @Test
    void binaryOrVanishedFilesInsideAFolderAreSkippedAndCountedWhileTheRestIsRead() throws IOException {
        Files.writeString(dir.resolve("a.txt"), "fine text\n");
        Files.writeString(dir.resolve("b.txt"), "hello\n", StandardCharsets.UTF_16LE);
        Path gone = Files.writeString(dir.resolve("c.txt"), "deleted after the folder was listed\n");
        Files.writeString(dir.resolve("d.txt"), "more text\n");
        try (CorpusReader reader = Corpora.open(dir, CorpusOptions.defaults())) {
            Files.delete(gone);
            List<String> ids = Docs.readAll(reader).stream().map(CorpusDocument::id).toList();
            assertEquals(List.of("a.txt:1", "d.txt:1"), ids);
            CorpusReport r = reader.report();
            assertEquals(2, r.filesSkipped());
            assertEquals(List.of("b.txt (binary: NUL bytes)", "c.txt (vanished while reading)"), r.skippedFiles());
            assertTrue(r.summary().endsWith("; 2 files skipped e.g. b.txt (binary: NUL bytes), c.txt (vanished while reading)"),
                    r.summary());
        }
    }

    @Test
    void aBinaryOrUnreadableSingleFileIsStillRefused() throws IOException {
        Path utf16 = dir.resolve("b.txt");
        Files.writeString(utf16, "hello\n", StandardCharsets.UTF_16LE);
        try (CorpusReader reader = Corpora.open(utf16, CorpusOptions.defaults())) {
            CorpusException e = assertThrows(CorpusException.class, reader::next);
            assertTrue(e.getMessage().startsWith(utf16 + " looks like a binary file"), e.getMessage());
        }
    }

    @Test
    void aFolderWhoseEveryFileIsSkippedHasNoTextAndSaysWhy() throws IOException {
        Files.writeString(dir.resolve("b.txt"), "hello\n", StandardCharsets.UTF_16LE);
        try (CorpusReader reader = Corpora.open(dir, CorpusOptions.defaults())) {
            CorpusException e = assertThrows(CorpusException.class, reader::next);
            assertEquals("corpus " + dir + " contains no text (0 documents; 1 file skipped e.g. b.txt (binary: NUL bytes))",
                    e.getMessage());
        }
    }

    @Test
    void aNulByteAfterTheFirst8KiBSkipsAndCountsItsLine() throws IOException {
        StringBuilder text = new StringBuilder();
        for (int i = 0; text.length() < 3 * LineSource.BINARY_PROBE_BYTES; i++) {
            text.append("line ").append(i).append(" of plain text\n");
        }
        int before = text.toString().split("\n").length;
        text.append("hidden\0nul\n").append("after\n").append("\0\n");
        Path file = Files.writeString(dir.resolve("late-nul.txt"), text);
        try (CorpusReader reader = Corpora.open(file, CorpusOptions.defaults())) {
            List<CorpusDocument> docs = Docs.readAll(reader);
            assertEquals(before + 1, docs.size());
            assertEquals("after", docs.get(docs.size() - 1).text());
            assertTrue(docs.stream().noneMatch(d -> d.text().indexOf('\0') >= 0), "a NUL reached a document");
            assertEquals(2, reader.report().linesSkipped());
            assertEquals(Map.of("NUL byte", 2L), reader.report().skipReasons());
            assertEquals("late-nul.txt:" + (before + 1) + " (NUL byte)", reader.report().firstSkipped().get(0));
        }
    }

    @Test
    void aJsonNulEscapeIsSkippedAndCounted() throws IOException {
        Path file = Files.writeString(dir.resolve("nul.jsonl"),
                "{\"text\": \"ok\"}\n{\"text\": \"a\\u0000b\"}\n{\"text\": \"fine\"}\n");
        try (CorpusReader reader = Corpora.open(file, CorpusOptions.defaults())) {
            assertEquals(List.of("ok", "fine"), Docs.readAll(reader).stream().map(CorpusDocument::text).toList());
            assertEquals(List.of("nul.jsonl:2 ('text' has a NUL character)"), reader.report().firstSkipped());
        }
    }

    @Test
    void aPipeOrAnInvalidPathIsRefusedWithoutBlocking() throws Exception {
        Path fifo = dir.resolve("pipe.txt");
        Process mk = new ProcessBuilder("mkfifo", fifo.toString()).start();
        Assumptions.assumeTrue(mk.waitFor() == 0, "mkfifo is not available");
        CorpusException e = assertThrows(CorpusException.class, () -> Corpora.open(fifo, CorpusOptions.defaults()));
        assertEquals("corpus " + fifo + " is not a regular file (a device or pipe), so it is not read", e.getMessage());
        e = assertThrows(CorpusException.class, () -> Corpora.open("bad\0name.txt", CorpusOptions.defaults()));
        assertTrue(e.getMessage().startsWith("corpus 'bad\\0name.txt' is not a valid path"), e.getMessage());
    }

    @Test
    void veryLongLineIsReadWhole() throws IOException {
        StringBuilder line = new StringBuilder();
        while (line.length() < 100_000) {
            line.append("token").append(line.length() % 7).append(' ');
        }
        line.setLength(100_000);
        Path file = dir.resolve("long.txt");
        Files.writeString(file, "short\n" + line + "\nafter\n");
        try (CorpusReader reader = Corpora.open(file, CorpusOptions.defaults())) {
            List<CorpusDocument> docs = Docs.readAll(reader);
            assertEquals(3, docs.size());
            assertEquals(100_000, docs.get(1).text().length());
            assertEquals(line.toString(), docs.get(1).text());
            assertEquals("after", docs.get(2).text());
        }
    }

    @Test
    void missingPathIsReported() {
        Path missing = dir.resolve("nope.txt");
        CorpusException e = assertThrows(CorpusException.class, () -> Corpora.open(missing, CorpusOptions.defaults()));
        assertEquals("corpus " + missing + " does not exist", e.getMessage());
    }

    @Test
    void unsupportedExtensionIsReported() throws IOException {
        Path csv = dir.resolve("data.csv");
        Files.writeString(csv, "a,b\n");
        CorpusException e = assertThrows(CorpusException.class, () -> Corpora.open(csv, CorpusOptions.defaults()));
        assertEquals("unsupported corpus file " + csv
                + ": expected a .txt or .jsonl file, a folder of .txt files, or 'wordnet'", e.getMessage());
    }

    @Test
    void folderWithoutTxtFilesAndBlankSpecAreReported() throws IOException {
        Files.writeString(dir.resolve("readme.md"), "# not a corpus\n");
        CorpusException e = assertThrows(CorpusException.class, () -> Corpora.open(dir, CorpusOptions.defaults()));
        assertEquals("corpus folder " + dir + " contains no .txt files", e.getMessage());
        assertThrows(CorpusException.class, () -> Corpora.open(" ", CorpusOptions.defaults()));
        assertThrows(IllegalArgumentException.class, () -> new CorpusOptions(""));
    }
}
