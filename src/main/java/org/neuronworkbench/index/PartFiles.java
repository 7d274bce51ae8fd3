package org.neuronworkbench.index;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Parts and jobs of {@code index --workers} on disk, in the index folder's {@code parts/}: written
 * to a temporary name and moved, so a part either exists whole or not at all (a killed build
 * resumes from the parts that exist). Read back only as the index's own classes, arrays and
 * plain collections: a filter refuses any other class before it is created.
 */
final class PartFiles {
    static final String DIR = "parts";
    private static final ObjectInputFilter ONLY_PARTS = ObjectInputFilter.Config.createFilter(
            "maxdepth=20;org.neuronworkbench.index.*;org.neuronworkbench.corpus.*;java.lang.*;"
                    + "java.util.ArrayList;java.util.HashMap;java.util.Map$Entry;java.util.BitSet;java.util.Collections$*;"
                    + "java.util.ImmutableCollections$*;java.util.CollSer;java.lang.Enum;[*;!*");

    private PartFiles() {
    }

    static void write(Path file, Serializable value) throws IOException {
        Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16);
             ObjectOutputStream o = new ObjectOutputStream(out)) {
            o.writeObject(value);
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    static <T> T read(Path file, Class<T> type) throws IOException {
        // Remembers what the filter refused, so that message does not blame another version.
        Class<?>[] refused = new Class<?>[1];
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
             ObjectInputStream o = new ObjectInputStream(in)) {
            o.setObjectInputFilter(info -> {
                ObjectInputFilter.Status status = ONLY_PARTS.checkInput(info);
                if (status == ObjectInputFilter.Status.REJECTED && refused[0] == null) {
                    refused[0] = info.serialClass();
                }
                return status;
            });
            return type.cast(o.readObject());
        } catch (java.io.InvalidClassException e) {
            if (refused[0] != null || String.valueOf(e.getMessage()).contains("REJECTED")) {
                throw new IOException(file + " is not a part of this build: it holds "
                        + (refused[0] == null ? "data" : refused[0].getName()) + ", which a part never holds", e);
            }
            // Also a part of an older version (FirstPass 1 kept sums of squares, not mean and M2).
            throw new IOException(file + " is not a part of this build or was written by another version of the app"
                    + " (delete it, and the next run makes it again): " + e.getMessage(), e);
        } catch (ClassNotFoundException | ClassCastException e) {
            throw new IOException(file + " is not a part of this build: " + e.getMessage(), e);
        }
    }
}
