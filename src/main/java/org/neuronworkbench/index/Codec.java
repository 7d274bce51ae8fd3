package org.neuronworkbench.index;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Little-endian packing of primitive arrays for checkpoint blobs. */
final class Codec {
    private Codec() {
    }

    static byte[] doubles(double[] a) {
        ByteBuffer b = ByteBuffer.allocate(a.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        b.asDoubleBuffer().put(a);
        return b.array();
    }

    static double[] doubles(byte[] data) {
        double[] a = new double[data.length / 8];
        ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer().get(a);
        return a;
    }

    static byte[] floats(float[] a) {
        ByteBuffer b = ByteBuffer.allocate(a.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(a);
        return b.array();
    }

    static float[] floats(byte[] data) {
        float[] a = new float[data.length / 4];
        ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(a);
        return a;
    }

    static byte[] longs(long[] a) {
        ByteBuffer b = ByteBuffer.allocate(a.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        b.asLongBuffer().put(a);
        return b.array();
    }

    static long[] longs(byte[] data) {
        long[] a = new long[data.length / 8];
        ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN).asLongBuffer().get(a);
        return a;
    }

    static byte[] ints(int[] a) {
        ByteBuffer b = ByteBuffer.allocate(a.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asIntBuffer().put(a);
        return b.array();
    }

    static int[] ints(byte[] data) {
        int[] a = new int[data.length / 4];
        ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN).asIntBuffer().get(a);
        return a;
    }

    /** Unsigned LEB128 varints of non-negative longs: small counts take one byte. */
    static byte[] varLongs(long[] a) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(a.length + 16);
        for (long v : a) {
            if (v < 0) {
                throw new IllegalArgumentException("varLongs packs counts, not " + v);
            }
            while ((v & ~0x7FL) != 0) {
                out.write((int) ((v & 0x7F) | 0x80));
                v >>>= 7;
            }
            out.write((int) v);
        }
        return out.toByteArray();
    }

    /** Reads {@code n} varints written by {@link #varLongs(long[])}; a short or long blob is refused. */
    static long[] varLongs(byte[] data, int n) {
        long[] a = new long[n];
        int p = 0;
        for (int i = 0; i < n; i++) {
            long v = 0;
            int shift = 0;
            while (true) {
                if (p >= data.length || shift > 63) {
                    throw new IndexException("a checkpoint blob of varints is corrupt (value " + i + " of " + n + ")");
                }
                byte b = data[p++];
                v |= (long) (b & 0x7F) << shift;
                if (b >= 0) {
                    break;
                }
                shift += 7;
            }
            a[i] = v;
        }
        if (p != data.length) {
            throw new IndexException("a checkpoint blob of varints has " + (data.length - p) + " bytes more than " + n + " values");
        }
        return a;
    }
}
