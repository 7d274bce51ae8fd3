package org.neuronworkbench.corpus;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads a UTF-8 file (a stream from any {@link CorpusFiles}) line by line, replacing malformed byte sequences with U+FFFD and counting
 * them. Lines end at LF (a trailing CR is dropped). Only one line is held in memory at a time.
 * A NUL byte in the first 8 KiB marks the whole file as binary; one further on marks its line
 * ({@link #lineHasNul()}), which the reader skips and counts, so no NUL ever reaches an index.
 */
final class LineSource implements AutoCloseable {
    static final int BINARY_PROBE_BYTES = 8 * 1024;
    /** Refuse absurd lines instead of running out of memory on a file with no newlines. */
    static final int MAX_LINE_BYTES = 64 * 1024 * 1024;

    private final String path;
    private final InputStream in;
    private final ReportCounter counter;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private final byte[] buffer = new byte[64 * 1024];
    private int position;
    private int limit;
    private byte[] line = new byte[256];
    private long lineNumber;
    private boolean lineHasNul;
    private boolean eof;

    private LineSource(String path, InputStream in, ReportCounter counter) {
        this.path = path;
        this.in = in;
        this.counter = counter;
    }

    /** Opens {@code path} of {@code files}, refusing it if the first 8 KiB contain a NUL byte. */
    static LineSource open(CorpusFiles files, String path, ReportCounter counter) {
        InputStream in = null;
        try {
            in = new BufferedInputStream(files.open(path), 64 * 1024);
            in.mark(BINARY_PROBE_BYTES);
            byte[] probe = in.readNBytes(BINARY_PROBE_BYTES);
            in.reset();
            for (byte b : probe) {
                if (b == 0) {
                    throw new Unreadable(path + " looks like a binary file (it has NUL bytes); "
                            + "corpora must be UTF-8 text (UTF-16 files need converting to UTF-8)",
                            "binary: NUL bytes", null);
                }
            }
            int bom = probe.length >= 3 && (probe[0] & 0xFF) == 0xEF && (probe[1] & 0xFF) == 0xBB
                    && (probe[2] & 0xFF) == 0xBF ? 3 : 0;
            in.skipNBytes(bom);
            return new LineSource(path, in, counter);
        } catch (IOException e) {
            closeQuietly(in);
            throw Unreadable.of(path, e);
        } catch (RuntimeException e) {
            closeQuietly(in);
            throw e;
        }
    }

    /** 1-based number of the line most recently returned by {@link #nextLine()}. */
    long lineNumber() {
        return lineNumber;
    }

    /** The next line without its terminator, or null at end of file. */
    String nextLine() {
        if (eof) {
            return null;
        }
        int length = 0;
        boolean nul = false;
        try {
            int b;
            while ((b = read()) != -1 && b != '\n') {
                nul |= b == 0;
                if (length == line.length) {
                    if (length >= MAX_LINE_BYTES) {
                        throw new CorpusException("line " + (lineNumber + 1) + " of " + path + " is longer than "
                                + MAX_LINE_BYTES + " bytes; is this really one example per line?");
                    }
                    line = Arrays.copyOf(line, Math.min(MAX_LINE_BYTES, length * 2));
                }
                line[length++] = (byte) b;
            }
            if (b == -1) {
                eof = true;
                if (length == 0) {
                    return null; // no partial line after the last newline
                }
            }
        } catch (IOException e) {
            throw Unreadable.of(path, e);
        }
        lineNumber++;
        lineHasNul = nul;
        if (length > 0 && line[length - 1] == '\r') {
            length--;
        }
        return decode(length);
    }

    /** True if the line most recently returned holds a NUL byte (U+0000 is no text character). */
    boolean lineHasNul() {
        return lineHasNul;
    }

    /** Byte-at-a-time reads from our own buffer; BufferedInputStream.read() locks per call. */
    private int read() throws IOException {
        if (position == limit) {
            limit = in.read(buffer);
            position = 0;
            if (limit <= 0) {
                limit = 0;
                return -1;
            }
        }
        return buffer[position++] & 0xFF;
    }

    private String decode(int length) {
        ByteBuffer src = ByteBuffer.wrap(line, 0, length);
        // Each byte yields at most one char, and each malformed sequence one U+FFFD, so this fits.
        CharBuffer out = CharBuffer.allocate(length);
        decoder.reset();
        while (true) {
            CoderResult result = decoder.decode(src, out, true);
            if (result.isError()) {
                out.put('\uFFFD');
                src.position(src.position() + result.length());
                counter.malformedSequences++;
            } else {
                decoder.flush(out);
                break;
            }
        }
        return out.flip().toString();
    }

    @Override
    public void close() {
        closeQuietly(in);
    }

    private static void closeQuietly(InputStream in) {
        if (in != null) {
            try {
                in.close();
            } catch (IOException ignored) {
                // nothing useful to do: we only read
            }
        }
    }

    /** The file as a whole cannot be used; {@code reason} is short, for the skipped-files count of a folder. */
    static final class Unreadable extends CorpusException {
        final String reason;

        Unreadable(String message, String reason, Throwable cause) {
            super(message, cause);
            this.reason = reason;
        }

        static Unreadable of(String path, IOException e) {
            String reason = e instanceof java.nio.file.AccessDeniedException ? "permission denied"
                    : e instanceof java.nio.file.NoSuchFileException || e instanceof java.io.FileNotFoundException
                    ? "vanished while reading"
                    : "read error: " + e.getMessage();
            String detail = e instanceof java.nio.file.FileSystemException ? reason : e.getMessage();
            return new Unreadable("could not read " + path + ": " + detail, reason, e);
        }
    }
}
