package org.neuronworkbench.index;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;

/** Memory-maps the index's own safetensors files for row and column reads without loading them. */
final class SafetensorsIn implements AutoCloseable {
    record Tensor(String dtype, long[] shape, ByteBuffer data) {
        int rows() {
            return (int) shape[0];
        }

        int cols() {
            return shape.length > 1 ? (int) shape[1] : 1;
        }

        float f32(int row, int col) {
            return data.getFloat((row * cols() + col) * 4);
        }

        double f64(int i) {
            return data.getDouble(i * 8);
        }

        long i64(int i) {
            return data.getLong(i * 8);
        }

        int i32(int i) {
            return data.getInt(i * 4);
        }
    }

    private final FileChannel channel;
    private final Map<String, Tensor> tensors = new HashMap<>();
    private final Map<String, String> metadata = new HashMap<>();

    SafetensorsIn(Path file) throws IOException {
        channel = FileChannel.open(file, StandardOpenOption.READ);
        try {
            readHeader(file);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    private void readHeader(Path file) throws IOException {
        ByteBuffer len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        channel.read(len, 0);
        long headerLen = len.getLong(0);
        if (headerLen <= 0 || headerLen > 100_000_000L || headerLen + 8 > channel.size()) {
            throw new IOException(file + " is not a safetensors file");
        }
        ByteBuffer head = ByteBuffer.allocate((int) headerLen);
        channel.read(head, 8);
        JsonNode root = new ObjectMapper().readTree(new String(head.array(), StandardCharsets.UTF_8));
        if (root == null || !root.isObject()) {
            throw new IOException(file + " is not a safetensors file: its header is not a JSON object");
        }
        long base = 8 + headerLen;
        for (var it = root.fields(); it.hasNext(); ) {
            var e = it.next();
            if (e.getKey().equals("__metadata__")) {
                e.getValue().fields().forEachRemaining(m -> metadata.put(m.getKey(), m.getValue().asText()));
                continue;
            }
            JsonNode t = e.getValue();
            long[] shape = longs(file, e.getKey(), t.get("shape"), -1);
            long[] offsets = longs(file, e.getKey(), t.get("data_offsets"), 2);
            long from = offsets[0];
            long to = offsets[1];
            String dtype = t.path("dtype").asText();
            if (!java.util.List.of("F32", "F64", "I32", "I64").contains(dtype)) {
                throw new IOException(file + ": tensor '" + e.getKey() + "' has dtype '" + dtype
                        + "', not one the index writes (F32, F64, I32, I64)");
            }
            int elementBytes = dtype.equals("I64") || dtype.equals("F64") ? 8 : 4;
            long elements = 1;
            for (long d : shape) {
                elements = d == 0 ? 0 : elements > Long.MAX_VALUE / d ? -1 : elements * d;
            }
            // An index folder may come from anyone: every tensor must lie inside the file and be as
            // big as its shape says, so row and column reads stay in bounds.
            if (from > to || to > channel.size() - base || to - from > Integer.MAX_VALUE
                    || elements < 0 || elements > (to - from) / elementBytes || elements * elementBytes != to - from) {
                throw new IOException(file + ": tensor '" + e.getKey() + "' has data_offsets [" + from + ", " + to
                        + "] that do not fit the file or its shape " + java.util.Arrays.toString(shape));
            }
            MappedByteBuffer map = channel.map(FileChannel.MapMode.READ_ONLY, base + from, to - from);
            map.order(ByteOrder.LITTLE_ENDIAN);
            tensors.put(e.getKey(), new Tensor(dtype, shape, map));
        }
    }

    private static long[] longs(Path file, String name, JsonNode node, int length) throws IOException {
        if (node == null || !node.isArray() || (length >= 0 && node.size() != length)) {
            throw new IOException(file + ": tensor '" + name + "' lacks a valid shape or data_offsets");
        }
        long[] values = new long[node.size()];
        for (int i = 0; i < values.length; i++) {
            if (!node.get(i).canConvertToLong() || !node.get(i).isIntegralNumber() || node.get(i).asLong() < 0) {
                throw new IOException(file + ": tensor '" + name + "' has a bad shape or data_offsets entry " + node.get(i));
            }
            values[i] = node.get(i).asLong();
        }
        return values;
    }

    Tensor tensor(String name) {
        Tensor t = tensors.get(name);
        if (t == null) {
            throw new IndexException("tensor '" + name + "' is missing from the index");
        }
        return t;
    }

    Map<String, String> metadata() {
        return metadata;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
