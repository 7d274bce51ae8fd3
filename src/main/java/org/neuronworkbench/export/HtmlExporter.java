package org.neuronworkbench.export;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Writes highlighted sentences as one self-contained HTML page (inline CSS, no scripts, no
 * external resources): each token is a {@code <span>} with its background colour and a
 * {@code title} tooltip giving the activation. Lines break where the SVG export breaks them.
 *
 * <p>The markup is polyglot XHTML written with StAX, so it is both valid HTML5 and well-formed
 * XML, and token text such as {@code <script>} is always escaped and shown literally. Right-to-left
 * sentences get {@code dir="rtl"} and the browser's bidi algorithm orders the tokens.
 */
public final class HtmlExporter {
    public static final String XHTML_NS = "http://www.w3.org/1999/xhtml";
    public static final String DEFAULT_TITLE = "Neuron activations";

    private HtmlExporter() {
    }

    /** Writes a UTF-8 page to {@code out}; the stream is flushed but not closed. */
    public static void write(List<HighlightedSentence> sentences, SvgOptions options, OutputStream out)
            throws IOException {
        write(sentences, options, DEFAULT_TITLE, out);
    }

    /** As {@link #write(List, SvgOptions, OutputStream)} with a page title of the caller's choice. */
    public static void write(List<HighlightedSentence> sentences, SvgOptions options, String title,
                             OutputStream out) throws IOException {
        List<LayoutPlan.Sentence> plan = LayoutPlan.of(sentences, options);
        Xml.document(out, w -> writeDocument(w, plan, options, DisplayText.of(title)));
    }

    /** Writes the page to a file, replacing it. */
    public static void write(List<HighlightedSentence> sentences, SvgOptions options, Path file)
            throws IOException {
        Xml.toFile(file, out -> write(sentences, options, out));
    }

    /** The page as a string. */
    public static String toHtml(List<HighlightedSentence> sentences, SvgOptions options) {
        return Xml.toUtf8(out -> write(sentences, options, out));
    }

    private static String css(SvgOptions o) {
        return "body{margin:1em;background:#ffffff;color:#000000}"
                + ".sentence{margin:0 0 0.6em 0}"
                + ".line{font-family:" + SvgExporter.FONT_FAMILY + ";font-size:" + Xml.num(o.fontSize())
                + "px;line-height:1.25;white-space:pre;min-height:1.25em}"
                + ".tok{cursor:default}"
                + ".row-label{color:#666666;font-family:" + SvgExporter.FONT_FAMILY + ";font-size:"
                + Xml.num(o.fontSize() * 0.7) + "px}";
    }

    private static void writeDocument(XMLStreamWriter w, List<LayoutPlan.Sentence> plan, SvgOptions o,
                                      String title) throws XMLStreamException {
        // No XML declaration: browsers in HTML mode would treat it as a bogus comment.
        w.writeDTD("<!DOCTYPE html>");
        w.writeStartElement("html");
        w.writeDefaultNamespace(XHTML_NS);
        w.writeAttribute("lang", "und");
        w.writeStartElement("head");
        w.writeEmptyElement("meta");
        w.writeAttribute("charset", "UTF-8");
        w.writeStartElement("title");
        w.writeCharacters(title);
        w.writeEndElement();
        w.writeStartElement("style");
        w.writeCharacters(css(o));
        w.writeEndElement();
        w.writeEndElement();

        w.writeStartElement("body");
        for (LayoutPlan.Sentence s : plan) {
            w.writeStartElement("div");
            w.writeAttribute("class", "sentence");
            w.writeAttribute("dir", o.rtl() ? "rtl" : "ltr");
            if (!s.label().isEmpty()) {
                w.writeStartElement("div");
                w.writeAttribute("class", "row-label");
                w.writeCharacters(s.label());
                w.writeEndElement();
            }
            for (LayoutPlan.Line line : s.lines()) {
                w.writeStartElement("div");
                w.writeAttribute("class", "line");
                w.writeCharacters(""); // forces an explicit end tag: <div/> is not valid HTML
                for (LayoutPlan.Cell c : line.cells()) {
                    w.writeStartElement("span");
                    w.writeAttribute("class", "tok");
                    w.writeAttribute("style", "background-color:" + c.fill().hex()
                            + ";color:" + c.text().hex());
                    w.writeAttribute("title", ActivationColours.format(c.activation()));
                    w.writeCharacters(c.display());
                    w.writeEndElement();
                }
                w.writeEndElement();
            }
            w.writeEndElement();
        }
        w.writeEndElement();
        w.writeEndElement();
        w.writeEndDocument();
    }
}
