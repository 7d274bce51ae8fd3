package org.neuronworkbench.corpus;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The local file system, through java.nio: what {@code index} reads, and the Spark job for paths without a scheme. */
public enum LocalFiles implements CorpusFiles {
    INSTANCE;

    @Override
    public Entry stat(String path) {
        Path p = path(path);
        String name = p.getFileName() == null ? p.toString() : p.getFileName().toString();
        try {
            if (!Files.exists(p)) {
                return new Entry(path, name, Kind.MISSING, 0, 0, false);
            }
            Kind kind = Files.isDirectory(p) ? Kind.FOLDER : Files.isRegularFile(p) ? Kind.FILE : Kind.OTHER;
            long size = kind == Kind.FILE ? Files.size(p) : 0;
            return new Entry(path, name, kind, size, Files.getLastModifiedTime(p).toMillis(), Files.isReadable(p));
        } catch (IOException e) {
            throw new CorpusException("could not read corpus " + path + ": " + e.getMessage(), e);
        }
    }

    @Override
    public List<Entry> list(String folder) {
        try (Stream<Path> entries = Files.list(path(folder))) {
            return entries
                    .filter(Files::isRegularFile)
                    .map(p -> stat(p.toString()))
                    .toList();
        } catch (IOException e) {
            throw new CorpusException("could not list corpus folder " + folder + ": " + e.getMessage(), e);
        }
    }

    @Override
    public InputStream open(String path) throws IOException {
        return Files.newInputStream(path(path));
    }

    @Override
    public String normalize(String path) {
        return path(path).toAbsolutePath().normalize().toString();
    }

    private static Path path(String path) {
        try {
            return Path.of(path);
        } catch (InvalidPathException e) {
            throw new CorpusException("corpus '" + path.replace("\0", "\\0") + "' is not a valid path: " + e.getReason(), e);
        }
    }
}
