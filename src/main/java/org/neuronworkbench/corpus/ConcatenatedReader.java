package org.neuronworkbench.corpus;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Several corpora read one after another as one: each is opened when the one before it ends (so
 * one file is open at a time), and the report adds up theirs.
 */
final class ConcatenatedReader implements CorpusReader {
    private final String source;
    private final List<Supplier<CorpusReader>> opens;
    private final List<CorpusReport> finished = new ArrayList<>();
    private int next;
    private CorpusReader current;
    private boolean closed;

    ConcatenatedReader(String source, List<Supplier<CorpusReader>> opens) {
        this.source = source;
        this.opens = List.copyOf(opens);
    }

    @Override
    public Optional<CorpusDocument> next() {
        if (closed) {
            throw new IllegalStateException("corpus " + source + " is closed");
        }
        while (true) {
            if (current == null) {
                if (next == opens.size()) {
                    return Optional.empty();
                }
                current = opens.get(next++).get();
            }
            Optional<CorpusDocument> d = current.next();
            if (d.isPresent()) {
                return d;
            }
            finished.add(current.report());
            current.close();
            current = null;
        }
    }

    @Override
    public CorpusReport report() {
        List<CorpusReport> all = new ArrayList<>(finished);
        if (current != null) {
            all.add(current.report());
        }
        long documents = 0;
        long blank = 0;
        long malformed = 0;
        long lines = 0;
        long files = 0;
        Map<String, Long> reasons = new LinkedHashMap<>();
        List<String> firstSkipped = new ArrayList<>();
        List<String> skippedFiles = new ArrayList<>();
        for (CorpusReport r : all) {
            documents += r.documents();
            blank += r.blankLines();
            malformed += r.malformedSequences();
            lines += r.linesSkipped();
            files += r.filesSkipped();
            r.skipReasons().forEach((k, v) -> reasons.merge(k, v, Long::sum));
            addUpTo(firstSkipped, r.firstSkipped());
            addUpTo(skippedFiles, r.skippedFiles());
        }
        return new CorpusReport(source, documents, blank, malformed, lines, reasons, firstSkipped, files, skippedFiles);
    }

    private static void addUpTo(List<String> into, List<String> more) {
        for (String s : more) {
            if (into.size() < CorpusReport.MAX_REMEMBERED_SKIPS) {
                into.add(s);
            }
        }
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
