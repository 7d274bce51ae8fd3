package org.neuronworkbench.work;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The one way the workbench writes a file (or a folder) for the user: everything goes to a
 * temporary sibling in the same folder, is flushed to disk, and is then moved over the target in
 * one rename. A write that fails halfway (full disk, file size limit, an exception in the writer)
 * leaves the old file byte-identical and removes the temporary; only a killed process can leave a
 * hidden {@code .NAME.*.tmp} behind, never a truncated target.
 *
 * <p>Lives in the lowest room because every room that writes user files (export, index, ui) needs
 * it. Errors are {@link IOException}s whose message says which file and why, in words.
 */
public final class AtomicFiles {
    private static final SecureRandom RANDOM = new SecureRandom();

    private AtomicFiles() {
    }

    /** Writes bytes to a stream; closing it is allowed and only flushes. */
    @FunctionalInterface
    public interface StreamWriter {
        void write(OutputStream out) throws IOException;
    }

    /** Fills an empty folder. */
    @FunctionalInterface
    public interface FolderWriter {
        void write(Path folder) throws IOException;
    }

    /** Replaces {@code file} with what {@code writer} writes, atomically. */
    public static void write(Path file, StreamWriter writer) throws IOException {
        Path target = file.toAbsolutePath().normalize();
        Path parent = checkedParent(target);
        if (Files.isDirectory(target)) {
            throw new IOException("cannot write " + file + ": it is a folder");
        }
        Path temp = tempSibling(parent, target);
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                // Writers (Jackson, image encoders) may close what they are given; the channel must
                // stay open for the force below, so their close only flushes.
                OutputStream out = new java.io.FilterOutputStream(Channels.newOutputStream(channel)) {
                    @Override
                    public void write(byte[] b, int off, int len) throws IOException {
                        this.out.write(b, off, len);
                    }

                    @Override
                    public void close() throws IOException {
                        flush();
                    }
                };
                writer.write(out);
                out.flush();
                // On disk before the rename, so a power loss cannot leave an empty target either.
                channel.force(true);
            }
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            removeQuietly(temp, e);
            throw describe("cannot write " + file, e);
        } catch (RuntimeException | Error e) {
            removeQuietly(temp, e);
            throw e;
        }
    }

    /** Replaces {@code file} with UTF-8 text, atomically. */
    public static void writeString(Path file, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        write(file, out -> out.write(bytes));
    }

    /**
     * Replaces the folder {@code dir} with one that {@code writer} fills. The writer gets an empty
     * temporary folder beside {@code dir}; when it succeeds, the old folder (if any) is moved aside,
     * the new one moved into place, and the old one deleted. When the writer fails, {@code dir} is
     * untouched and the temporary folder is removed. The caller decides beforehand whether the
     * existing folder may be replaced at all.
     */
    public static void replaceFolder(Path dir, FolderWriter writer) throws IOException {
        Path target = dir.toAbsolutePath().normalize();
        Path parent = checkedParent(target);
        if (Files.exists(target) && !Files.isDirectory(target)) {
            throw new IOException("cannot write " + dir + ": it is a file, not a folder");
        }
        Path temp = tempSibling(parent, target);
        try {
            Files.createDirectory(temp);
            writer.write(temp);
        } catch (IOException e) {
            removeQuietly(temp, e);
            throw describe("cannot write " + dir, e);
        } catch (RuntimeException | Error e) {
            removeQuietly(temp, e);
            throw e;
        }
        Path old = null;
        try {
            if (Files.exists(target)) {
                old = tempSibling(parent, target);
                Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            if (old != null && !Files.exists(target)) {
                Files.move(old, target, StandardCopyOption.ATOMIC_MOVE); // put the old folder back
                old = null;
            }
            removeQuietly(temp, e);
            throw describe("cannot write " + dir, e);
        } finally {
            if (old != null) {
                deleteTree(old);
            }
        }
    }

    /**
     * Checks up front that {@code file} could be written (its folder exists and takes a new file),
     * so a long computation does not end in an output it cannot write. Leaves nothing behind.
     */
    public static void requireWritable(Path file) throws IOException {
        Path target = file.toAbsolutePath().normalize();
        Path parent = checkedParent(target);
        if (Files.isDirectory(target)) {
            throw new IOException("cannot write " + file + ": it is a folder");
        }
        Path probe = tempSibling(parent, target);
        try {
            Files.createFile(probe);
        } catch (IOException e) {
            throw describe("cannot write " + file, e);
        } finally {
            Files.deleteIfExists(probe);
        }
    }

    /** Whether {@code name} is one of our temporary names for {@code target} (for tests and cleanup). */
    public static boolean isTempFor(Path target, String name) {
        String base = target.getFileName().toString();
        return name.startsWith("." + base + ".") && name.endsWith(".tmp");
    }

    /**
     * The message of a file-system failure in words: the JDK's own exceptions often carry only
     * the path ("/proc/x.svg"), which says what but not why.
     */
    public static String reason(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file or folder";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NotDirectoryException) {
            return "a part of the path is not a folder";
        }
        if (e instanceof DirectoryNotEmptyException) {
            return "the folder is not empty";
        }
        if (e instanceof FileAlreadyExistsException) {
            return "it already exists";
        }
        if (e instanceof FileSystemException fse && fse.getReason() != null) {
            return lowerFirst(fse.getReason());
        }
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }

    private static IOException describe(String what, IOException e) {
        if (e.getMessage() != null && e.getMessage().startsWith("cannot ")) {
            return e; // already worded by a nested call
        }
        return new IOException(what + ": " + reason(e), e);
    }

    private static Path checkedParent(Path target) throws IOException {
        Path parent = target.getParent();
        if (parent == null) {
            throw new IOException("cannot write " + target + ": not a file name");
        }
        if (!Files.isDirectory(parent)) {
            throw new IOException("cannot write " + target + ": the folder " + parent
                    + (Files.exists(parent) ? " is a file" : " does not exist"));
        }
        return parent;
    }

    private static Path tempSibling(Path parent, Path target) {
        String suffix = Long.toHexString(RANDOM.nextLong() & Long.MAX_VALUE);
        return parent.resolve("." + target.getFileName() + "." + suffix + ".tmp");
    }

    /** Removes a temporary after a failure; a second failure is attached to the first, not thrown. */
    private static void removeQuietly(Path temp, Throwable failure) {
        try {
            deleteTree(temp);
        } catch (IOException | RuntimeException e) {
            failure.addSuppressed(e);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static String lowerFirst(String s) {
        return s.isEmpty() ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }
}
