package org.neuronworkbench.corpus;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.List;
import java.util.Optional;

/**
 * One JSON object per line with the text in a named string field. Unusable lines are skipped and
 * counted rather than failing the whole corpus: real jsonl dumps often have a few broken records.
 */
final class JsonlReader extends LineCorpusReader {
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final String field;

    JsonlReader(CorpusFiles fileSystem, CorpusFiles.Entry file, String field) {
        super(file.path(), fileSystem, List.of(file), false);
        this.field = field;
    }

    @Override
    Optional<CorpusDocument> convert(String location, String line) {
        JsonNode node;
        try {
            node = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            counter.skip(location, "not JSON");
            return Optional.empty();
        }
        if (node == null || !node.isObject()) {
            counter.skip(location, "not a JSON object");
            return Optional.empty();
        }
        JsonNode value = node.get(field);
        if (value == null) {
            counter.skip(location, "no '" + field + "' field");
            return Optional.empty();
        }
        if (!value.isTextual()) {
            counter.skip(location, "'" + field + "' is not a string");
            return Optional.empty();
        }
        if (value.textValue().isBlank()) {
            counter.skip(location, "'" + field + "' is blank");
            return Optional.empty();
        }
        // A JSON NUL escape decodes to a NUL char, which .txt corpora never let through either.
        if (value.textValue().indexOf('\0') >= 0) {
            counter.skip(location, "'" + field + "' has a NUL character");
            return Optional.empty();
        }
        return Optional.of(new CorpusDocument(location, value.textValue()));
    }
}
