package org.neuronworkbench.corpus;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Mutable tally behind a reader; {@link #snapshot()} hands out immutable reports. */
final class ReportCounter {
    private final String source;
    long documents;
    long blankLines;
    long malformedSequences;
    private long linesSkipped;
    private final Map<String, Long> skipReasons = new LinkedHashMap<>();
    private final List<String> firstSkipped = new ArrayList<>();
    private long filesSkipped;
    private final List<String> skippedFiles = new ArrayList<>();

    ReportCounter(String source) {
        this.source = source;
    }

    /** A file of a folder corpus that could not be used; the rest of the folder still is. */
    void skipFile(String name, String reason) {
        filesSkipped++;
        if (skippedFiles.size() < CorpusReport.MAX_REMEMBERED_SKIPS) {
            skippedFiles.add(name + " (" + reason + ")");
        }
    }

    void skip(String location, String reason) {
        linesSkipped++;
        skipReasons.merge(reason, 1L, Long::sum);
        if (firstSkipped.size() < CorpusReport.MAX_REMEMBERED_SKIPS) {
            firstSkipped.add(location + " (" + reason + ")");
        }
    }

    CorpusReport snapshot() {
        return new CorpusReport(source, documents, blankLines, malformedSequences, linesSkipped,
                skipReasons, firstSkipped, filesSkipped, skippedFiles);
    }

    /** Thrown at the end of a corpus that yielded nothing, with the counts that explain why. */
    CorpusException noText() {
        CorpusReport r = snapshot();
        String detail = r.summary().substring(source.length() + 2);
        return new CorpusException("corpus " + source + " contains no text (" + detail + ")");
    }
}
