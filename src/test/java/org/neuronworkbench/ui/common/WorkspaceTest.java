package org.neuronworkbench.ui.common;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkspaceTest {
    @TempDir
    Path dir;

    @Test
    void aSecondDamagedWorkspaceDoesNotOverwriteTheFirstCopy() throws Exception {
        Path file = dir.resolve("workspace.json");
        byte[] first = "{\"lastModel\": \"first damaged".getBytes(StandardCharsets.UTF_8);
        byte[] second = "null".getBytes(StandardCharsets.UTF_8);
        byte[] third = {(byte) 0xFF, 0, 1, 2};
        for (byte[] damaged : List.of(first, second, third)) {
            Files.write(file, damaged);
            Workspace w = Workspace.load(file);
            assertEquals("default", w.lastModel, "a damaged file gives a fresh workspace");
            assertFalse(Files.exists(file), "the damaged file is moved aside");
        }
        assertArrayEquals(first, Files.readAllBytes(dir.resolve("workspace.json.damaged")));
        assertArrayEquals(second, Files.readAllBytes(dir.resolve("workspace.json.damaged.2")));
        assertArrayEquals(third, Files.readAllBytes(dir.resolve("workspace.json.damaged.3")));
    }

    @Test
    void jsonNullsInsideAWorkspaceAreDroppedNotPassedOn() throws Exception {
        Path file = Files.writeString(dir.resolve("workspace.json"), "{\"bookmarks\": null, \"pinned\": [null, \"L1N2\"],"
                + " \"notes\": {\"L0N1\": null, \"L0N2\": \"fires on cats\"}, \"lastModel\": null, \"dividers\": [0.3, null]}");
        Workspace w = Workspace.load(file);
        assertTrue(Files.exists(file), "a readable workspace is not set aside");
        assertEquals(List.of(), w.bookmarks);
        assertEquals(List.of("L1N2"), w.pinned);
        assertEquals(Map.of("L0N2", "fires on cats"), w.notes);
        assertEquals("default", w.lastModel);
        assertEquals(List.of(0.3), w.dividers);
    }
}
