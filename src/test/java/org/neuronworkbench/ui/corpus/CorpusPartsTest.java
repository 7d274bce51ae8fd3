package org.neuronworkbench.ui.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuronworkbench.corpus.CorpusException;
import org.neuronworkbench.ui.common.Workspace;

/** The corpus pane's parts that need no window: preview, progress text, remembered indexes. */
class CorpusPartsTest {
    @TempDir
    Path tmp;

    @Test
    void previewKeepsFiftyDocumentsAndReportsTheWholeFile() throws Exception {
        Path f = tmp.resolve("c.txt");
        StringBuilder sb = new StringBuilder();
        for (int i = 1; i <= 80; i++) {
            sb.append("line ").append(i).append(i % 10 == 0 ? "\n\n" : "\n");
        }
        Files.writeString(f, sb);
        CorpusPreview p = CorpusPreview.read(f.toString(), () -> false);
        assertEquals(50, p.documents().size());
        assertEquals("line 1", p.documents().get(0).text());
        assertEquals(80, p.report().documents());
        assertEquals(8, p.report().blankLines());
    }

    @Test
    void binaryFileIsRefusedWithAClearMessage() throws Exception {
        Path f = tmp.resolve("data.txt");
        byte[] bytes = new byte[4096];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (i * 31);
        }
        Files.write(f, bytes);
        CorpusException e = assertThrows(CorpusException.class, () -> CorpusPreview.read(f.toString(), () -> false));
        assertTrue(e.getMessage().contains("data.txt"), e.getMessage());
    }

    @Test
    void indexesAreRememberedInWorkspaceNotesWithoutTouchingNeuronNotes() {
        Workspace w = new Workspace();
        w.notes.put("L3N42", "fires on cats");
        Path dir = tmp.resolve("idx");
        assertTrue(KnownIndexes.remember(w, dir, "c.txt · 100 tokens"));
        assertEquals(List.of(new KnownIndexes.Entry(dir.toAbsolutePath(), "c.txt · 100 tokens")), KnownIndexes.list(w));
        assertTrue(KnownIndexes.forget(w, dir));
        assertEquals(List.of(), KnownIndexes.list(w));
        assertEquals("fires on cats", w.notes.get("L3N42"));
    }
}
