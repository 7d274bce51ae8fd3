package org.neuronworkbench.corpus;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.util.List;

/**
 * The file system a corpus's files are read from: the local one ({@link LocalFiles}), or any other
 * that can say what a path is, list a folder and open a file as a stream (the Spark job's Hadoop
 * file systems, kept in the spark room so this one never sees Hadoop). Serializable, so a cluster
 * task can carry it and read the same files the driver counted.
 */
public interface CorpusFiles extends Serializable {

    /** What a path names. {@code OTHER} is neither a regular file nor a folder (a pipe, a device). */
    enum Kind { FILE, FOLDER, OTHER, MISSING }

    /**
     * One path as this file system sees it.
     *
     * @param path     the path to open it by
     * @param name     its last component, for listings, messages and document ids
     * @param size     bytes (0 for a folder)
     * @param modified last modification, milliseconds since the epoch
     * @param readable false when the file system already knows it cannot be read
     */
    record Entry(String path, String name, Kind kind, long size, long modified, boolean readable) implements Serializable {
    }

    /**
     * What {@code path} is; {@link Kind#MISSING} if nothing is there.
     *
     * @throws CorpusException when the path is malformed or its file system cannot be reached
     */
    Entry stat(String path);

    /** The regular files directly inside {@code folder}, in any order (readers sort them by name). */
    List<Entry> list(String folder);

    /** The file's bytes; the caller closes the stream. */
    InputStream open(String path) throws IOException;

    /** How an index records {@code path}, so the same corpus given again compares equal. */
    String normalize(String path);
}
