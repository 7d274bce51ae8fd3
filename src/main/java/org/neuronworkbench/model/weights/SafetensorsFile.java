package org.neuronworkbench.model.weights;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.MappedByteBuffer;
import java.nio.ShortBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One memory-mapped {@code .safetensors} file. Every tensor region is mapped read-only at open,
 * in chunks below 2 GiB, so the file is never copied onto the heap and no descriptor stays open.
 * Tensors in other dtypes (I64 position ids, say) are validated but reported as unsupported on read.
 */
public final class SafetensorsFile implements WeightSource {
    // A multiple of every element size, so no element straddles two mappings.
    static final long CHUNK_BYTES = 1L << 30;

    // Windows of readInto: at most this much of the file is mapped (and resident) at a time.
    static final long READ_WINDOW_BYTES = 64L << 20;

    /** @param start the tensor's first byte in the file */
    private record Mapped(TensorInfo info, List<ByteBuffer> chunks, long start, long length) {
    }

    private final Path path;
    private final Map<String, String> unsupported;
    private volatile Map<String, Mapped> tensors;

    private SafetensorsFile(Path path, Map<String, Mapped> tensors, Map<String, String> unsupported) {
        this.path = path;
        this.tensors = tensors;
        this.unsupported = unsupported;
    }

    /** @throws WeightFormatException naming the file (and tensor) if it is missing or malformed */
    public static SafetensorsFile open(Path path) {
        return open(path, CHUNK_BYTES);
    }

    /** Smaller chunks let tests exercise tensors that span several mappings. */
    static SafetensorsFile open(Path path, long chunkBytes) {
        if (chunkBytes <= 0 || chunkBytes % 8 != 0 || chunkBytes > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("chunkBytes must be a positive multiple of 8 below 2 GiB");
        }
        String file = path.toString();
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size < 8) {
                throw new WeightFormatException(file + " is too short to be a safetensors file: " + size
                        + " bytes, but the header length alone takes 8.");
            }
            long headerLength = readFully(channel, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
            if (headerLength < 0 || headerLength > size - 8) {
                throw new WeightFormatException("The header length " + Long.toUnsignedString(headerLength)
                        + " in " + file + " goes beyond the end of the file (" + size + " bytes).");
            }
            if (headerLength > SafetensorsHeader.MAX_HEADER_BYTES) {
                throw new WeightFormatException("The header of " + file + " is " + headerLength
                        + " bytes, more than the 100 MiB a safetensors header may take.");
            }
            byte[] headerBytes = readFully(channel, 8, (int) headerLength).array();
            long dataStart = 8 + headerLength;
            List<SafetensorsHeader.Entry> entries = SafetensorsHeader.parse(file, headerBytes, size - dataStart);
            Map<String, Mapped> tensors = new LinkedHashMap<>();
            Map<String, String> unsupported = new LinkedHashMap<>();
            for (SafetensorsHeader.Entry e : entries) {
                DType dtype = readable(e.dtype());
                if (dtype == null) {
                    unsupported.put(e.name(), e.dtype());
                } else {
                    TensorInfo info = new TensorInfo(e.name(), dtype, e.shape());
                    tensors.put(e.name(), new Mapped(info, map(channel, dataStart + e.begin(), e.byteLength(), chunkBytes),
                            dataStart + e.begin(), e.byteLength()));
                }
            }
            return new SafetensorsFile(path, Collections.unmodifiableMap(tensors),
                    Collections.unmodifiableMap(unsupported));
        } catch (NoSuchFileException e) {
            throw new WeightFormatException("Weight file " + file + " does not exist.", e);
        } catch (IOException e) {
            throw new WeightFormatException("Could not read " + file + ": " + e.getMessage(), e);
        }
    }

    public Path path() {
        return path;
    }

    @Override
    public Set<String> names() {
        return live().keySet();
    }

    @Override
    public TensorInfo info(String name) {
        return find(name).info();
    }

    @Override
    public float[] read(String name) {
        Mapped m = find(name);
        TensorInfo info = m.info();
        long count = info.elementCount();
        if (count > Integer.MAX_VALUE - 8) {
            throw new WeightFormatException("tensor '" + name + "' in " + path + " has " + count
                    + " elements, more than one Java array can hold.");
        }
        float[] out = new float[(int) count];
        FloatBuffer dest = FloatBuffer.wrap(out);
        for (ByteBuffer chunk : m.chunks()) {
            // duplicate(): private position and byte order, so concurrent reads don't interfere.
            widen(chunk.duplicate().order(ByteOrder.LITTLE_ENDIAN), info.dtype(), dest);
        }
        return out;
    }

    /**
     * Widens the tensor into {@code dest} through short-lived mappings of at most 64 MiB, each
     * unmapped as soon as it is read. The pages of the long-lived mappings made at open would stay
     * resident (and counted in the process's memory) for as long as the file is open; these go at
     * once, so loading a BF16 model costs its float32 size and little more.
     */
    @Override
    public void readInto(String name, FloatBuffer dest) {
        readInto(name, dest, READ_WINDOW_BYTES);
    }

    /** Smaller windows let tests read tensors through several mappings. */
    void readInto(String name, FloatBuffer dest, long windowBytes) {
        if (windowBytes <= 0 || windowBytes % 8 != 0) {
            throw new IllegalArgumentException("windowBytes must be a positive multiple of 8");
        }
        Mapped m = find(name);
        DType dtype = m.info().dtype();
        if (dest.remaining() < m.info().elementCount()) {
            throw new IllegalArgumentException("tensor '" + name + "' has " + m.info().elementCount()
                    + " elements but the destination has room for " + dest.remaining() + ".");
        }
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            for (long done = 0; done < m.length(); done += windowBytes) {
                long n = Math.min(windowBytes, m.length() - done);
                MappedByteBuffer window = channel.map(FileChannel.MapMode.READ_ONLY, m.start() + done, n);
                try {
                    widen(window.order(ByteOrder.LITTLE_ENDIAN), dtype, dest);
                } finally {
                    Unmapper.unmap(window);
                }
            }
        } catch (IOException e) {
            throw new WeightFormatException("Could not read tensor '" + name + "' from " + path + ": " + e.getMessage(), e);
        }
    }

    /** Little-endian values of {@code dtype} in {@code b} to float32 at {@code dest}'s position. */
    private static void widen(ByteBuffer b, DType dtype, FloatBuffer dest) {
        int n = b.remaining() / dtype.bytes();
        switch (dtype) {
            case F32 -> dest.put(b.asFloatBuffer());
            case F16 -> {
                ShortBuffer s = b.asShortBuffer();
                for (int i = 0; i < n; i++) {
                    dest.put(HalfFloats.f16ToFloat(s.get(i)));
                }
            }
            case BF16 -> {
                ShortBuffer s = b.asShortBuffer();
                for (int i = 0; i < n; i++) {
                    dest.put(HalfFloats.bf16ToFloat(s.get(i)));
                }
            }
        }
    }

    /** Drops the mappings; the OS unmaps them once they are garbage collected. */
    @Override
    public void close() {
        tensors = null;
    }

    @Override
    public String toString() {
        return "SafetensorsFile[" + path + "]";
    }

    private Map<String, Mapped> live() {
        Map<String, Mapped> t = tensors;
        if (t == null) {
            throw new IllegalStateException(path + " has been closed.");
        }
        return t;
    }

    private Mapped find(String name) {
        Mapped m = live().get(name);
        if (m != null) {
            return m;
        }
        String dtype = unsupported.get(name);
        if (dtype != null) {
            throw new WeightFormatException("tensor '" + name + "' in " + path + ": dtype " + dtype
                    + " is not supported (only F32, F16 and BF16 are read).");
        }
        throw new WeightFormatException("tensor '" + name + "' not found in " + path + ".");
    }

    private static DType readable(String dtype) {
        return switch (dtype) {
            case "F32" -> DType.F32;
            case "F16" -> DType.F16;
            case "BF16" -> DType.BF16;
            default -> null;
        };
    }

    private static List<ByteBuffer> map(FileChannel channel, long start, long length, long chunkBytes)
            throws IOException {
        List<ByteBuffer> chunks = new ArrayList<>();
        for (long done = 0; done < length; done += chunkBytes) {
            long n = Math.min(chunkBytes, length - done);
            chunks.add(channel.map(FileChannel.MapMode.READ_ONLY, start + done, n));
        }
        return List.copyOf(chunks);
    }

    private static ByteBuffer readFully(FileChannel channel, long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                throw new IOException("unexpected end of file");
            }
        }
        return buffer.flip();
    }
}
