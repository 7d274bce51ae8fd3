package org.neuronworkbench.model.weights;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.neuronworkbench.work.JsonErrors;

/** Parses and validates the JSON header of a safetensors file, before anything is mapped. */
final class SafetensorsHeader {
    /** The reference implementation refuses headers above 100 MB; a larger one signals a corrupt file. */
    static final long MAX_HEADER_BYTES = 100L * 1024 * 1024;

    // Byte sizes of every whole-byte dtype in the format, so offsets of unreadable tensors still validate.
    private static final Map<String, Integer> DTYPE_BYTES = Map.ofEntries(
            Map.entry("BOOL", 1), Map.entry("U8", 1), Map.entry("I8", 1),
            Map.entry("F8_E5M2", 1), Map.entry("F8_E4M3", 1), Map.entry("F8_E8M0", 1),
            Map.entry("I16", 2), Map.entry("U16", 2), Map.entry("F16", 2), Map.entry("BF16", 2),
            Map.entry("I32", 4), Map.entry("U32", 4), Map.entry("F32", 4),
            Map.entry("I64", 8), Map.entry("U64", 8), Map.entry("F64", 8));

    // Duplicate names would silently shadow each other; trailing junk means a wrong header length.
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /** One header entry; offsets are relative to the start of the data section. */
    record Entry(String name, String dtype, long[] shape, long begin, long end) {
        long byteLength() {
            return end - begin;
        }
    }

    private SafetensorsHeader() {
    }

    static List<Entry> parse(String file, byte[] headerBytes, long dataSize) {
        JsonNode root;
        try {
            root = JSON.readTree(headerBytes);
        } catch (JsonProcessingException e) {
            throw new WeightFormatException("The header of " + file + " is not valid JSON: "
                    + JsonErrors.describe(e), e);
        } catch (java.io.IOException e) {
            throw new WeightFormatException("Could not parse the header of " + file + ": " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new WeightFormatException("The header of " + file + " is not a JSON object.");
        }
        List<Entry> entries = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (!field.getKey().equals("__metadata__")) {
                entries.add(entry(file, field.getKey(), field.getValue(), dataSize));
            }
        }
        checkNoOverlap(file, entries);
        return entries;
    }

    private static Entry entry(String file, String name, JsonNode node, long dataSize) {
        String where = "tensor '" + name + "' in " + file;
        if (!node.isObject()) {
            throw new WeightFormatException(where + ": header entry is not a JSON object.");
        }
        JsonNode dtypeNode = node.get("dtype");
        if (dtypeNode == null || !dtypeNode.isTextual()) {
            throw new WeightFormatException(where + ": missing or non-text dtype.");
        }
        String dtype = dtypeNode.asText();
        Integer elementBytes = DTYPE_BYTES.get(dtype);
        if (elementBytes == null) {
            throw new WeightFormatException(where + ": dtype " + dtype
                    + " is not supported (only F32, F16 and BF16 are read).");
        }
        long[] shape = longs(where, node.get("shape"), "shape", -1);
        long[] offsets = longs(where, node.get("data_offsets"), "data_offsets", 2);
        long begin = offsets[0];
        long end = offsets[1];
        if (begin > end || end > dataSize) {
            throw new WeightFormatException(where + ": data_offsets [" + begin + ", " + end
                    + "] are out of range for a data section of " + dataSize + " bytes.");
        }
        long expected;
        try {
            expected = elementBytes;
            for (long d : shape) {
                expected = Math.multiplyExact(expected, d);
            }
        } catch (ArithmeticException e) {
            throw new WeightFormatException(where + ": shape " + java.util.Arrays.toString(shape)
                    + " is too large.");
        }
        if (expected != end - begin) {
            throw new WeightFormatException(where + ": shape " + java.util.Arrays.toString(shape) + " of "
                    + dtype + " needs " + expected + " bytes but data_offsets [" + begin + ", " + end
                    + "] span " + (end - begin) + ".");
        }
        return new Entry(name, dtype, shape, begin, end);
    }

    /** An array of non-negative integers; {@code length} -1 accepts any length. */
    private static long[] longs(String where, JsonNode node, String field, int length) {
        if (node == null || !node.isArray() || (length >= 0 && node.size() != length)) {
            throw new WeightFormatException(where + ": " + field + " is missing or not an array"
                    + (length >= 0 ? " of " + length + " integers." : " of integers."));
        }
        long[] values = new long[node.size()];
        for (int i = 0; i < values.length; i++) {
            JsonNode v = node.get(i);
            if (!v.isIntegralNumber() || !v.canConvertToLong() || v.asLong() < 0) {
                throw new WeightFormatException(where + ": " + field + " holds " + v
                        + ", not a non-negative integer.");
            }
            values[i] = v.asLong();
        }
        return values;
    }

    private static void checkNoOverlap(String file, List<Entry> entries) {
        List<Entry> byStart = new ArrayList<>(entries);
        byStart.sort(Comparator.comparingLong(Entry::begin).thenComparingLong(Entry::end));
        Entry previous = null;
        for (Entry e : byStart) {
            if (previous != null && e.begin() < previous.end()) {
                throw new WeightFormatException("Tensors '" + previous.name() + "' [" + previous.begin() + ", "
                        + previous.end() + "] and '" + e.name() + "' [" + e.begin() + ", " + e.end()
                        + "] overlap in " + file + ".");
            }
            if (previous == null || e.end() >= previous.end()) {
                previous = e;
            }
        }
    }
}
