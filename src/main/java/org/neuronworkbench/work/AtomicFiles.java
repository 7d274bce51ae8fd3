package org.neuronworkbench.work;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes a file so that readers see either the old file or the whole new one: the bytes go to a
 * temporary file in the same folder (same file system, so the move is atomic), which then replaces
 * the target. A failed write leaves the target as it was and removes the temporary file.
 */
public final class AtomicFiles {
    /** Writes the content to a stream. */
    @FunctionalInterface
    public interface Content {
        void write(OutputStream out) throws IOException;
    }

    private AtomicFiles() {
    }

    /** @throws IOException with a message that names the folder when it is missing or not writable */
    public static void write(Path target, Content content) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new IOException("cannot write " + target + ": the folder " + dir + " does not exist");
        }
        Path temp;
        try {
            temp = Files.createTempFile(dir, "." + absolute.getFileName(), ".tmp");
        } catch (AccessDeniedException | NoSuchFileException e) {
            throw new IOException("cannot write " + target + ": the folder " + dir + " is not writable", e);
        }
        try {
            try (OutputStream out = Files.newOutputStream(temp)) {
                content.write(out);
            }
            Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /**
     * Checks up front that {@code target} could be written (its folder exists and takes a new
     * file), so a long computation does not end in an unwritable output.
     */
    public static void requireWritable(Path target) throws IOException {
        write(target.toAbsolutePath().resolveSibling("." + target.getFileName() + ".probe"), out -> { });
        Files.deleteIfExists(target.toAbsolutePath().resolveSibling("." + target.getFileName() + ".probe"));
    }
}
