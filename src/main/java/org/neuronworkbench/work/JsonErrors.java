package org.neuronworkbench.work;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;

/**
 * What is wrong with a JSON file, in words a user can act on. Jackson's own messages name an
 * internal source ("[Source: REDACTED (`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION` disabled);
 * line: 1, column: 31]"); this keeps the problem and says where it is.
 */
public final class JsonErrors {
    private JsonErrors() {
    }

    /** E.g. "Unexpected end-of-input: expected close marker for Array (opened at line 1, column 31), at line 2, column 1". */
    public static String describe(JsonProcessingException e) {
        String what = String.valueOf(e.getOriginalMessage())
                .replaceAll("\\(start marker at \\[Source: [^;\\]]*; line: (\\d+), column: (\\d+)\\]\\)", "(opened at line $1, column $2)")
                .replaceAll("\\[Source: [^;\\]]*; ", "[")
                .strip();
        JsonLocation at = e.getLocation();
        return at == null || at.getLineNr() < 1 ? what : what + ", at line " + at.getLineNr() + ", column " + at.getColumnNr();
    }
}
