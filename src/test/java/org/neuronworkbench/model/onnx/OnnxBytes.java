package org.neuronworkbench.model.onnx;

import com.google.protobuf.CodedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/** Builds small ONNX messages on the wire, so parser tests can cover cases the real model lacks. */
public final class OnnxBytes {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final CodedOutputStream out = CodedOutputStream.newInstance(bytes);

    interface Writer {
        void write(CodedOutputStream out) throws IOException;
    }

    static byte[] message(Writer w) {
        OnnxBytes b = new OnnxBytes();
        try {
            w.write(b.out);
            b.out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return b.bytes.toByteArray();
    }

    public static byte[] model(byte[]... graphParts) {
        byte[] graph = message(o -> {
            for (byte[] part : graphParts) {
                o.writeRawBytes(part);
            }
        });
        return message(o -> {
            o.writeInt64(1, 8); // ir_version, skipped by the parser
            o.writeString(2, "test");
            o.writeByteArray(7, graph);
        });
    }

    /** A GraphProto.node field. */
    public static byte[] node(String name, String op, List<String> inputs, String output) {
        byte[] node = message(o -> {
            for (String in : inputs) {
                o.writeString(1, in);
            }
            o.writeString(2, output);
            o.writeString(3, name);
            o.writeString(4, op);
        });
        return message(o -> o.writeByteArray(1, node));
    }

    /** A GraphProto.initializer field with raw_data. */
    public static byte[] rawTensor(String name, int dataType, long[] dims, byte[] raw) {
        return initializer(o -> {
            writeDims(o, dims);
            o.writeInt32(2, dataType);
            o.writeString(8, name);
            o.writeByteArray(9, raw);
        });
    }

    static byte[] initializer(Writer tensor) {
        byte[] t = message(tensor);
        return message(o -> o.writeByteArray(5, t));
    }

    /** Packed dims, as onnx writes them. */
    static void writeDims(CodedOutputStream o, long[] dims) throws IOException {
        byte[] packed = message(p -> {
            for (long d : dims) {
                p.writeInt64NoTag(d);
            }
        });
        o.writeByteArray(1, packed);
    }

    public static byte[] floatsLe(float... values) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(4 * values.length).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            b.putFloat(v);
        }
        return b.array();
    }
}
