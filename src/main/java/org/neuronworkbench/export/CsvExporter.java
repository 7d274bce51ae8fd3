package org.neuronworkbench.export;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.neuronworkbench.work.AtomicFiles;

/**
 * Writes tokens and activations as RFC 4180 CSV with the header
 * {@code sentence,index,token,activation} and CRLF line ends. Indices are 0-based. Rows with a
 * label (a multi-neuron export: one row per neuron and line) add a {@code row} column holding it.
 *
 * <p>Token text is written as given (no control pictures: this is data, not display) with one
 * exception, see {@link #cell(String)}: text a spreadsheet would run as a formula gets a leading
 * {@code '}. A field is quoted when it contains a comma, a double quote, CR or LF, or starts or
 * ends with a space, and inner quotes are doubled. Activations use {@link Double#toString(double)},
 * which round-trips exactly and never uses a locale's decimal comma; they are numbers we made, so
 * a minus sign there is not neutralised.
 */
public final class CsvExporter {
    public static final String HEADER = "sentence,index,token,activation";
    public static final String HEADER_WITH_ROWS = HEADER + ",row";
    private static final String EOL = "\r\n";

    private CsvExporter() {
    }

    /** Writes UTF-8 CSV to {@code out}; the stream is flushed but not closed. */
    public static void write(List<HighlightedSentence> sentences, OutputStream out) throws IOException {
        Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
        write(sentences, w);
        w.flush();
    }

    /** Writes the CSV to a file, replacing it atomically (a failed write leaves the old file as it was). */
    public static void write(List<HighlightedSentence> sentences, Path file) throws IOException {
        AtomicFiles.write(file, out -> write(sentences, out));
    }

    /** The CSV as a string. */
    public static String toCsv(List<HighlightedSentence> sentences) {
        StringWriter w = new StringWriter();
        try {
            write(sentences, w);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // StringWriter does not fail
        }
        return w.toString();
    }

    private static void write(List<HighlightedSentence> sentences, Writer w) throws IOException {
        boolean rows = sentences.stream().anyMatch(s -> !s.label().isEmpty());
        w.write(rows ? HEADER_WITH_ROWS : HEADER);
        w.write(EOL);
        for (int s = 0; s < sentences.size(); s++) {
            List<TokenActivation> tokens = sentences.get(s).tokens();
            String row = rows ? "," + cell(sentences.get(s).label()) : "";
            for (int i = 0; i < tokens.size(); i++) {
                TokenActivation t = tokens.get(i);
                w.write(s + "," + i + "," + cell(t.text()) + "," + Double.toString(t.activation()) + row);
                w.write(EOL);
            }
        }
    }

    /**
     * One text cell, safe to open in a spreadsheet, then quoted: text that starts with {@code =},
     * {@code +}, {@code -}, {@code @}, a tab or CR (OWASP's list for CSV injection), or with the
     * full-width forms of the first four, which some spreadsheets also read as formulas, gets a
     * leading {@code '}. Corpus text is untrusted, and a token such as {@code =HYPERLINK(...)}
     * would otherwise run when the file is opened. Readers strip one leading {@code '} to get the
     * original text back. Every CSV writer of the workbench writes text through this function.
     */
    public static String cell(String text) {
        return quote(isFormulaStart(text) ? "'" + text : text);
    }

    private static boolean isFormulaStart(String text) {
        if (text.isEmpty()) {
            return false;
        }
        return switch (text.charAt(0)) {
            case '=', '+', '-', '@', '\t', '\r', '\uFF1D', '\uFF0B', '\uFF0D', '\uFF20' -> true;
            default -> false;
        };
    }

    /** RFC 4180 field quoting; leading/trailing spaces are quoted so no reader trims them. */
    static String quote(String field) {
        boolean needs = field.indexOf(',') >= 0 || field.indexOf('"') >= 0
                || field.indexOf('\r') >= 0 || field.indexOf('\n') >= 0
                || (!field.isEmpty() && (field.charAt(0) == ' ' || field.charAt(field.length() - 1) == ' '));
        return needs ? '"' + field.replace("\"", "\"\"") + '"' : field;
    }
}
