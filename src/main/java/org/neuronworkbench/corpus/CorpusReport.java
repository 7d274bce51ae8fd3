package org.neuronworkbench.corpus;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What a reader saw, so the user can tell how much of the input was actually used.
 *
 * @param source             what the corpus was opened from
 * @param documents          documents handed out
 * @param blankLines         blank (whitespace-only) lines skipped
 * @param malformedSequences malformed UTF-8 byte sequences, each replaced by one U+FFFD
 * @param linesSkipped       lines skipped because they were unusable (bad jsonl, NUL bytes)
 * @param skipReasons        line skip count per reason, in first-seen order
 * @param firstSkipped       the first few skipped lines as {@code file:LINE (reason)}
 * @param filesSkipped       files of a folder corpus skipped because they could not be read or are binary
 * @param skippedFiles       the first few skipped files as {@code name (reason)}
 */
public record CorpusReport(String source, long documents, long blankLines, long malformedSequences,
                           long linesSkipped, Map<String, Long> skipReasons, List<String> firstSkipped,
                           long filesSkipped, List<String> skippedFiles) {

    /** How many skipped lines (and files) are remembered by location; the rest are only counted. */
    public static final int MAX_REMEMBERED_SKIPS = 5;

    public CorpusReport {
        // Map.copyOf would lose the first-seen order that makes the summary readable.
        skipReasons = Collections.unmodifiableMap(new LinkedHashMap<>(skipReasons));
        firstSkipped = List.copyOf(firstSkipped);
        skippedFiles = List.copyOf(skippedFiles);
    }

    /** One line such as {@code a.jsonl: 48 documents; 2 lines skipped (not JSON: 2) e.g. a.jsonl:3 ...}. */
    public String summary() {
        StringBuilder sb = new StringBuilder();
        sb.append(source).append(": ").append(documents).append(documents == 1 ? " document" : " documents");
        if (blankLines > 0) {
            sb.append("; ").append(blankLines).append(blankLines == 1 ? " blank line" : " blank lines")
                    .append(" skipped");
        }
        if (malformedSequences > 0) {
            sb.append("; ").append(malformedSequences).append(" malformed UTF-8 ")
                    .append(malformedSequences == 1 ? "sequence" : "sequences").append(" replaced with U+FFFD");
        }
        if (linesSkipped > 0) {
            String reasons = skipReasons.entrySet().stream()
                    .map(e -> e.getKey() + ": " + e.getValue())
                    .collect(Collectors.joining(", "));
            sb.append("; ").append(linesSkipped).append(linesSkipped == 1 ? " line" : " lines")
                    .append(" skipped (").append(reasons).append(")");
            examples(sb, firstSkipped, linesSkipped);
        }
        if (filesSkipped > 0) {
            sb.append("; ").append(filesSkipped).append(filesSkipped == 1 ? " file" : " files").append(" skipped");
            examples(sb, skippedFiles, filesSkipped);
        }
        return sb.toString();
    }

    private static void examples(StringBuilder sb, List<String> remembered, long total) {
        if (!remembered.isEmpty()) {
            sb.append(" e.g. ").append(String.join(", ", remembered));
            if (total > remembered.size()) {
                sb.append(", ...");
            }
        }
    }
}
