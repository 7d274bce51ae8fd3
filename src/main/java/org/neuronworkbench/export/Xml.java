package org.neuronworkbench.export;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.neuronworkbench.work.AtomicFiles;

/** StAX plumbing shared by the SVG and HTML writers. */
final class Xml {
    private Xml() {
    }

    /**
     * A UTF-8 writer from the JDK's built-in StAX implementation: its escaping of &amp;, &lt;,
     * &gt; and quotes is what we rely on, so we do not let another provider on the classpath
     * take over.
     */
    static XMLStreamWriter open(OutputStream out) throws IOException {
        try {
            return XMLOutputFactory.newDefaultFactory().createXMLStreamWriter(out, "UTF-8");
        } catch (XMLStreamException e) {
            throw new IOException("Cannot create XML writer: " + e.getMessage(), e);
        }
    }

    /** Writes a document's elements. */
    @FunctionalInterface
    interface Body {
        void write(XMLStreamWriter w) throws XMLStreamException;
    }

    /** Writes something to a stream. */
    @FunctionalInterface
    interface ToStream {
        void write(OutputStream out) throws IOException;
    }

    /** Writes one UTF-8 document to {@code out}; the stream is flushed but not closed. */
    static void document(OutputStream out, Body body) throws IOException {
        XMLStreamWriter w = open(out);
        try {
            body.write(w);
            w.flush();
            w.close();
        } catch (XMLStreamException e) {
            throw asIo(e);
        }
        out.flush();
    }

    /** Writes to a file, replacing it atomically (a failed write leaves the old file as it was). */
    static void toFile(Path file, ToStream writer) throws IOException {
        AtomicFiles.write(file, writer::write);
    }

    /** What {@code writer} writes, as a string. */
    static String toUtf8(ToStream writer) {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try {
            writer.write(buf);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // cannot happen for an in-memory stream
        }
        return buf.toString(StandardCharsets.UTF_8);
    }

    /** Coordinates with two decimals and a dot regardless of the default locale. */
    static String num(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }

    static IOException asIo(XMLStreamException e) {
        return new IOException("Cannot write XML: " + e.getMessage(), e);
    }
}
