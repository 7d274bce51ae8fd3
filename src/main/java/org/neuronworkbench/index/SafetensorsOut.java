package org.neuronworkbench.index;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes a safetensors file (8-byte LE header length, JSON header padded to 8 bytes, LE data) that
 * numpy/torch read directly. Tensors are declared first, then their data is streamed in the same
 * order, so a [tokens x neurons] matrix never has to exist as one array. Written to a temp name
 * and moved into place, so a reader never sees half a file.
 */
final class SafetensorsOut implements AutoCloseable {
    /** One tensor to write; {@code dtype} F32, F64, I32 or I64. */
    record Spec(String name, String dtype, long[] shape) {
        long bytes() {
            long n = 1;
            for (long d : shape) {
                n *= d;
            }
            return n * ("F64".equals(dtype) || "I64".equals(dtype) ? 8 : 4);
        }
    }

    private final Path target;
    private final Path temp;
    private final OutputStream out;
    private final ByteBuffer scratch = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
    private final long expected;
    private long written;

    SafetensorsOut(Path target, List<Spec> specs, Map<String, String> metadata) throws IOException {
        this.target = target;
        this.temp = target.resolveSibling(target.getFileName() + ".tmp");
        ObjectNode header = new ObjectMapper().createObjectNode();
        if (!metadata.isEmpty()) {
            ObjectNode m = header.putObject("__metadata__");
            new java.util.TreeMap<>(metadata).forEach(m::put); // sorted: identical bytes on every run
        }
        long offset = 0;
        for (Spec s : specs) {
            ObjectNode t = header.putObject(s.name());
            t.put("dtype", s.dtype());
            var shape = t.putArray("shape");
            for (long d : s.shape()) {
                shape.add(d);
            }
            t.putArray("data_offsets").add(offset).add(offset + s.bytes());
            offset += s.bytes();
        }
        this.expected = offset;
        byte[] json = header.toString().getBytes(StandardCharsets.UTF_8);
        int padded = (json.length + 7) / 8 * 8;
        byte[] head = new byte[padded];
        java.util.Arrays.fill(head, (byte) ' ');
        System.arraycopy(json, 0, head, 0, json.length);
        this.out = new BufferedOutputStream(Files.newOutputStream(temp), 1 << 20);
        ByteBuffer len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(padded);
        out.write(len.array());
        out.write(head);
    }

    void floats(float[] values) throws IOException {
        for (float v : values) {
            ensure(4);
            scratch.putFloat(v);
        }
        written += values.length * 4L;
    }

    /** Sums divided by a count, narrowed to F32 (means from double sums). */
    void meansOf(double[] sums, long count) throws IOException {
        for (double v : sums) {
            ensure(4);
            scratch.putFloat((float) (v / count));
        }
        written += sums.length * 4L;
    }

    void doubles(double[] values) throws IOException {
        for (double v : values) {
            ensure(8);
            scratch.putDouble(v);
        }
        written += values.length * 8L;
    }

    void ints(int[] values) throws IOException {
        for (int v : values) {
            ensure(4);
            scratch.putInt(v);
        }
        written += values.length * 4L;
    }

    void longs(long[] values) throws IOException {
        for (long v : values) {
            ensure(8);
            scratch.putLong(v);
        }
        written += values.length * 8L;
    }

    private void ensure(int n) throws IOException {
        if (scratch.remaining() < n) {
            flushScratch();
        }
    }

    private void flushScratch() throws IOException {
        out.write(scratch.array(), 0, scratch.position());
        scratch.clear();
    }

    /** Moves the file into place if it is complete; otherwise, or if anything fails, removes the temporary. */
    @Override
    public void close() throws IOException {
        try {
            flushScratch();
            out.close();
            if (written != expected) {
                throw new IOException("safetensors " + target + ": wrote " + written + " data bytes, declared " + expected);
            }
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            try {
                out.close(); // a no-op after a clean close; after a failed flush it still releases the file
            } catch (IOException again) {
                e.addSuppressed(again);
            }
            try {
                Files.deleteIfExists(temp);
            } catch (IOException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }
}
