package org.neuronworkbench.work;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** Jackson's parse errors as the user reads them: the problem and where, no parser internals. */
class JsonErrorsTest {
    private static String problem(String json) {
        return JsonErrors.describe(assertThrows(JsonProcessingException.class, () -> new ObjectMapper().readTree(json)));
    }

    @Test
    void saysWhatIsWrongAndWhere() {
        assertEquals("Unexpected end-of-input: expected close marker for Array (opened at line 1, column 13),"
                + " at line 2, column 1", problem("{\"neurons\": [\n"));
        assertEquals("Unexpected character ('\"' (code 34)): was expecting comma to separate Object entries,"
                + " at line 1, column 9", problem("{\"a\": 1 \"b\": 2}"));
        assertEquals("Unexpected end-of-input within/between Object entries, at line 2, column 1",
                problem("{\"model_type\": \"gpt2\",\n"));
    }
}
