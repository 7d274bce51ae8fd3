package org.neuronworkbench.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.FileNotFoundException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several corpora read as one, in the order given, with one report; and the readers working on a
 * file system that is not java.nio (files held in memory), folders listed in name order.
 */
class CorpusListTest {
    @TempDir
    Path tmp;

    @Test
    void corporaAreReadInTheOrderGivenWithOneReport() throws Exception {
        Path txt = Files.writeString(tmp.resolve("a.txt"), "first line\n\nsecond line\n");
        Path jsonl = Files.writeString(tmp.resolve("b.jsonl"), "{\"text\": \"third\"}\nnot json\n{\"text\": \"fourth\"}\n");
        CorpusList list = CorpusList.local(List.of(txt.toString(), jsonl.toString()));
        try (CorpusReader r = Corpora.open(list, CorpusOptions.defaults())) {
            assertEquals(List.of("a.txt:1 first line", "a.txt:3 second line", "b.jsonl:1 third", "b.jsonl:3 fourth"), texts(r));
            CorpusReport report = r.report();
            assertEquals(txt + ", " + jsonl, report.source());
            assertEquals(4, report.documents());
            assertEquals(1, report.blankLines());
            assertEquals(1, report.linesSkipped());
            assertEquals(Map.of("not JSON", 1L), report.skipReasons());
            assertEquals(List.of("b.jsonl:2 (not JSON)"), report.firstSkipped());
        }
        assertEquals(txt + ", " + jsonl, list.normalized());
    }

    @Test
    void aMissingCorpusLaterInTheListFailsBeforeAnythingIsRead() throws Exception {
        Path txt = Files.writeString(tmp.resolve("a.txt"), "line\n");
        Path absent = tmp.resolve("absent.jsonl");
        CorpusException e = assertThrows(CorpusException.class,
                () -> Corpora.open(CorpusList.local(List.of(txt.toString(), absent.toString())), CorpusOptions.defaults()));
        assertEquals("corpus " + absent + " does not exist", e.getMessage());
        assertThrows(CorpusException.class, () -> new CorpusList(List.of()));
    }

    @Test
    void theReadersWorkOnAnyFileSystem() {
        InMemory files = new InMemory();
        files.put("mem:/docs/b.txt", "from b\n");
        files.put("mem:/docs/a.txt", "from a\n");
        files.put("mem:/docs/z.txt", "\u0000 a binary file in a folder is skipped and counted\n");
        files.put("mem:/docs/skip.md", "not a .txt\n");
        files.put("mem:/c.jsonl", "{\"body\": \"from c\"}\n");
        CorpusList list = new CorpusList(List.of(new CorpusSource("mem:/docs", files), new CorpusSource("mem:/c.jsonl", files)));
        try (CorpusReader r = Corpora.open(list, new CorpusOptions("body"))) {
            assertEquals(List.of("a.txt:1 from a", "b.txt:1 from b", "c.jsonl:1 from c"), texts(r));
            assertEquals(List.of("z.txt (binary: NUL bytes)"), r.report().skippedFiles());
        }
        CorpusException e = assertThrows(CorpusException.class,
                () -> Corpora.open(new CorpusSource("mem:/nothing.txt", files), CorpusOptions.defaults()));
        assertEquals("corpus mem:/nothing.txt does not exist", e.getMessage());
        assertEquals("mem:/docs", new CorpusSource("mem:/docs", files).normalized());
    }

    private static List<String> texts(CorpusReader r) {
        List<String> out = new ArrayList<>();
        for (Optional<CorpusDocument> d = r.next(); d.isPresent(); d = r.next()) {
            out.add(d.get().id() + " " + d.get().text());
        }
        return out;
    }

    /** Files in a map, folders implied by the paths: a file system the JDK knows nothing of. */
    private static final class InMemory implements CorpusFiles {
        private final TreeMap<String, byte[]> data = new TreeMap<>();

        void put(String path, String text) {
            data.put(path, text.getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public Entry stat(String path) {
            String name = path.substring(path.lastIndexOf('/') + 1);
            if (data.containsKey(path)) {
                return new Entry(path, name, Kind.FILE, data.get(path).length, 0, true);
            }
            boolean folder = data.keySet().stream().anyMatch(k -> k.startsWith(path + "/"));
            return new Entry(path, name, folder ? Kind.FOLDER : Kind.MISSING, 0, 0, folder);
        }

        @Override
        public List<Entry> list(String folder) {
            // Listed in reverse to show that the reader, not the file system, fixes the order.
            return data.descendingKeySet().stream()
                    .filter(k -> k.startsWith(folder + "/") && k.indexOf('/', folder.length() + 1) < 0)
                    .map(this::stat).toList();
        }

        @Override
        public InputStream open(String path) throws FileNotFoundException {
            byte[] bytes = data.get(path);
            if (bytes == null) {
                throw new FileNotFoundException(path);
            }
            return new ByteArrayInputStream(bytes);
        }

        @Override
        public String normalize(String path) {
            return path;
        }
    }
}
