package org.neuronworkbench.corpus;

import java.util.Objects;

/**
 * A run of consecutive tokens of one document.
 *
 * @param docId       the document it came from
 * @param windowIndex 0-based position among that document's windows
 * @param charStart   start of the first token in the document
 * @param charEnd     end of the last token in the document
 * @param text        {@code document.substring(charStart, charEnd)}, so excerpts can be shown in place
 */
public record Window(String docId, int windowIndex, int charStart, int charEnd, String text) implements java.io.Serializable {
    public Window {
        Objects.requireNonNull(docId, "docId");
        Objects.requireNonNull(text, "text");
        if (windowIndex < 0 || charStart < 0 || charEnd < charStart || text.length() != charEnd - charStart) {
            throw new IllegalArgumentException("inconsistent window " + docId + "#" + windowIndex
                    + " [" + charStart + ", " + charEnd + ") with " + text.length() + " chars");
        }
    }
}
