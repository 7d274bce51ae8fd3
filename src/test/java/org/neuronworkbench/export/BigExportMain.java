package org.neuronworkbench.export;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Child-process half of {@link InterruptedExportTest}: writes a large export in the given format
 * (args: format, file, tokens). Run under a file-size limit it fails midway with the real
 * "File too large" error of the operating system.
 */
public final class BigExportMain {
    private BigExportMain() {
    }

    public static void main(String[] args) throws Exception {
        ExportFormat format = ExportFormat.fromName(args[0]);
        int tokens = Integer.parseInt(args[2]);
        format.write(sentences(tokens), SvgOptions.defaults(), Path.of(args[1]));
    }

    static List<HighlightedSentence> sentences(int tokens) {
        List<HighlightedSentence> out = new ArrayList<>();
        List<TokenActivation> row = new ArrayList<>();
        for (int i = 0; i < tokens; i++) {
            row.add(new TokenActivation(" word" + i, Math.sin(i)));
            if (row.size() == 40) {
                out.add(new HighlightedSentence(row));
                row = new ArrayList<>();
            }
        }
        if (!row.isEmpty()) {
            out.add(new HighlightedSentence(row));
        }
        return out;
    }
}
