package org.neuronworkbench.corpus;

/**
 * Options for opening a corpus.
 *
 * @param textField the JSON field holding the text in {@code .jsonl} files
 */
public record CorpusOptions(String textField) implements java.io.Serializable {
    public static final String DEFAULT_TEXT_FIELD = "text";

    public CorpusOptions {
        if (textField == null || textField.isBlank()) {
            throw new IllegalArgumentException("the jsonl text field name must not be empty");
        }
    }

    public static CorpusOptions defaults() {
        return new CorpusOptions(DEFAULT_TEXT_FIELD);
    }
}
