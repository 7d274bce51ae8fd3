package org.neuronworkbench.cli;

import java.io.IOException;
import java.nio.file.FileSystemException;
import org.neuronworkbench.work.AtomicFiles;

/**
 * The one {@code error:} line a failed command prints: what went wrong and why, on one line,
 * safe for a terminal.
 */
final class ErrorLine {
    private ErrorLine() {
    }

    static String of(Throwable ex) {
        String message = ex.getMessage() == null || ex.getMessage().isBlank() ? ex.toString() : ex.getMessage();
        // Library messages (JSON parsers, the database) may span lines; the contract is one line.
        String oneLine = withReason(message, ex).strip().replaceAll("\\s*\\R\\s*", " ");
        return "error: " + TerminalText.safe(oneLine);
    }

    /**
     * File-system exceptions of the JDK carry only the path as their message, so a message built as
     * "could not read X: " + e.getMessage() says "X: X": what but not why. The reason is put back
     * here, once, for every reader and writer, from the exception's type.
     */
    static String withReason(String message, Throwable ex) {
        for (Throwable t = ex; t != null; t = t.getCause()) {
            if (t instanceof FileSystemException fse) {
                String raw = fse.getMessage();
                String reason = AtomicFiles.reason(fse);
                if (raw == null || message.contains(reason)) {
                    return message;
                }
                if (message.endsWith(raw)) {
                    String head = message.substring(0, message.length() - raw.length());
                    String file = fse.getFile() == null ? "" : fse.getFile();
                    return head.contains(file) ? head + reason : head + file + ": " + reason;
                }
                return message + ": " + reason;
            }
            if (t instanceof IOException) {
                return message;
            }
        }
        return message;
    }
}
