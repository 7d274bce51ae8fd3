package org.neuronworkbench.corpus;

import java.util.List;
import java.util.Optional;

/**
 * Walks one or more files line by line; subclasses turn each non-blank line into a document or a skip.
 * In a folder corpus, a file that cannot be read (or is binary) is skipped and counted, so one bad
 * file does not abort the rest; a single-file corpus fails with the reason instead.
 */
abstract class LineCorpusReader implements CorpusReader {
    private final String source;
    private final CorpusFiles fileSystem;
    private final List<CorpusFiles.Entry> files;
    protected final ReportCounter counter;
    private int fileIndex;
    private LineSource current;
    private String currentName;
    private boolean closed;

    private final boolean skipUnreadableFiles;

    LineCorpusReader(String source, CorpusFiles fileSystem, List<CorpusFiles.Entry> files, boolean skipUnreadableFiles) {
        this.source = source;
        this.fileSystem = fileSystem;
        this.files = List.copyOf(files);
        this.skipUnreadableFiles = skipUnreadableFiles;
        this.counter = new ReportCounter(source);
    }

    /** A document for this line, or empty if it was skipped (and counted). */
    abstract Optional<CorpusDocument> convert(String location, String line);

    @Override
    public Optional<CorpusDocument> next() {
        if (closed) {
            throw new IllegalStateException("corpus " + source + " is closed");
        }
        while (true) {
            if (current == null) {
                if (fileIndex == files.size()) {
                    if (counter.documents == 0) {
                        throw counter.noText();
                    }
                    return Optional.empty();
                }
                CorpusFiles.Entry file = files.get(fileIndex++);
                currentName = file.name();
                try {
                    current = LineSource.open(fileSystem, file.path(), counter);
                } catch (LineSource.Unreadable e) {
                    skipFile(e);
                    continue;
                }
            }
            String line;
            try {
                line = current.nextLine();
            } catch (LineSource.Unreadable e) {
                current.close();
                current = null;
                skipFile(e);
                continue;
            }
            if (line == null) {
                current.close();
                current = null;
                continue;
            }
            String location = currentName + ":" + current.lineNumber();
            if (current.lineHasNul()) {
                counter.skip(location, "NUL byte");
                continue;
            }
            if (line.isBlank()) {
                counter.blankLines++;
                continue;
            }
            Optional<CorpusDocument> doc = convert(location, line);
            if (doc.isPresent()) {
                counter.documents++;
                return doc;
            }
        }
    }

    /** A read failure part-way through a file keeps the lines already handed out; the count says so. */
    private void skipFile(LineSource.Unreadable e) {
        if (!skipUnreadableFiles) {
            throw e;
        }
        counter.skipFile(currentName, e.reason);
    }

    @Override
    public CorpusReport report() {
        return counter.snapshot();
    }

    @Override
    public String source() {
        return source;
    }

    @Override
    public void close() {
        closed = true;
        if (current != null) {
            current.close();
            current = null;
        }
    }
}
