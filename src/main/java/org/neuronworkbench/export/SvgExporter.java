package org.neuronworkbench.export;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Writes highlighted sentences as a standalone SVG image in the style of NeuroX's
 * {@code visualize_activations}: each token is a {@code <g class="token">} holding a
 * {@code <title>} with its activation (a hover tooltip in browsers), one coloured {@code <rect>}
 * (white ones too) and a {@code <text>}. Sentences are stacked vertically and wrapped at
 * {@link SvgOptions#charLimit()} characters.
 *
 * <p>A monospace font is requested so widths can be computed as 0.6 em per code point; text is
 * centred on its rectangle so fonts of slightly different width still line up. Right-to-left
 * sentences are mirrored (x decreases along the sentence) and their text gets
 * {@code direction="rtl"}. Rows with a label (a multi-neuron export) get a gutter with it, each row
 * coloured on its own scale. All text goes through {@link DisplayText} and a StAX writer, so the
 * output is always well-formed XML.
 */
public final class SvgExporter {
    public static final String SVG_NS = "http://www.w3.org/2000/svg";
    static final String FONT_FAMILY = "'DejaVu Sans Mono', Menlo, Consolas, 'Courier New', monospace";

    private SvgExporter() {
    }

    /** Writes UTF-8 SVG to {@code out}; the stream is flushed but not closed. */
    public static void write(List<HighlightedSentence> sentences, SvgOptions options, OutputStream out)
            throws IOException {
        List<LayoutPlan.Sentence> plan = LayoutPlan.of(sentences, options);
        Xml.document(out, w -> writeDocument(w, plan, options));
    }

    /** Writes the SVG to a file, replacing it. */
    public static void write(List<HighlightedSentence> sentences, SvgOptions options, Path file)
            throws IOException {
        Xml.toFile(file, out -> write(sentences, options, out));
    }

    /** The SVG document as a string. */
    public static String toSvg(List<HighlightedSentence> sentences, SvgOptions options) {
        return Xml.toUtf8(out -> write(sentences, options, out));
    }

    private static void writeDocument(XMLStreamWriter w, List<LayoutPlan.Sentence> plan, SvgOptions o)
            throws XMLStreamException {
        Geometry g = new Geometry(o.fontSize());
        int columns = LayoutPlan.maxColumns(plan);
        int gutter = LayoutPlan.labelColumns(plan);
        int lines = plan.stream().mapToInt(s -> s.lines().size()).sum();
        double width = 2 * g.margin() + (gutter + columns) * g.charWidth();
        double height = 2 * g.margin() + lines * g.lineHeight()
                + Math.max(0, plan.size() - 1) * g.sentenceGap();

        w.writeStartDocument("UTF-8", "1.0");
        w.writeStartElement("svg");
        w.writeDefaultNamespace(SVG_NS);
        w.writeAttribute("version", "1.1");
        w.writeAttribute("width", Xml.num(width));
        w.writeAttribute("height", Xml.num(height));
        w.writeAttribute("viewBox", "0 0 " + Xml.num(width) + " " + Xml.num(height));
        w.writeAttribute("font-family", FONT_FAMILY);
        w.writeAttribute("font-size", Xml.num(o.fontSize()));

        double top = g.margin();
        for (int s = 0; s < plan.size(); s++) {
            w.writeStartElement("g");
            w.writeAttribute("class", "sentence");
            w.writeAttribute("id", "sentence-" + s);
            if (gutter > 0) {
                writeLabel(w, plan.get(s).label(), g, gutter, columns, top, o.rtl());
            }
            // The label gutter is on the reading-start side: left, or right for right-to-left rows.
            double tokensLeft = g.margin() + (o.rtl() ? 0 : gutter * g.charWidth());
            for (LayoutPlan.Line line : plan.get(s).lines()) {
                for (LayoutPlan.Cell c : line.cells()) {
                    writeToken(w, c, g, columns, tokensLeft, top, o.rtl());
                }
                top += g.lineHeight();
            }
            w.writeEndElement();
            top += g.sentenceGap();
        }
        w.writeEndElement();
        w.writeEndDocument();
    }

    /** A row's label (its neuron) in grey in the gutter, on the row's first line. */
    private static void writeLabel(XMLStreamWriter w, String label, Geometry g, int gutter, int columns, double top,
                                   boolean rtl) throws XMLStreamException {
        w.writeStartElement("text");
        w.writeAttribute("class", "row-label");
        double x = rtl ? g.margin() + (columns + gutter) * g.charWidth() : g.margin();
        w.writeAttribute("x", Xml.num(x));
        w.writeAttribute("y", Xml.num(top + g.baseline()));
        w.writeAttribute("text-anchor", rtl ? "end" : "start");
        w.writeAttribute("fill", "#666666");
        w.writeCharacters(label);
        w.writeEndElement();
    }

    private static void writeToken(XMLStreamWriter w, LayoutPlan.Cell c, Geometry g, int columns,
                                   double left, double top, boolean rtl) throws XMLStreamException {
        int startColumn = rtl ? columns - c.column() - c.width() : c.column();
        double x = left + startColumn * g.charWidth();
        double width = c.width() * g.charWidth();

        w.writeStartElement("g");
        w.writeAttribute("class", "token");
        w.writeStartElement("title");
        w.writeCharacters(ActivationColours.format(c.activation()));
        w.writeEndElement();

        w.writeEmptyElement("rect");
        w.writeAttribute("x", Xml.num(x));
        w.writeAttribute("y", Xml.num(top));
        w.writeAttribute("width", Xml.num(width));
        w.writeAttribute("height", Xml.num(g.lineHeight()));
        w.writeAttribute("fill", c.fill().hex());

        w.writeStartElement("text");
        // Centre anchoring works the same for both directions and hides small font-width errors.
        w.writeAttribute("x", Xml.num(x + width / 2));
        w.writeAttribute("y", Xml.num(top + g.baseline()));
        w.writeAttribute("text-anchor", "middle");
        if (rtl) {
            w.writeAttribute("direction", "rtl");
        }
        w.writeAttribute("fill", c.text().hex());
        // Leading spaces are part of GPT-2 style tokens and must not be collapsed.
        w.writeAttribute("xml", XMLConstants.XML_NS_URI, "space", "preserve");
        w.writeAttribute("style", "white-space:pre");
        w.writeCharacters(c.display());
        w.writeEndElement();

        w.writeEndElement();
    }

    /** Pixel metrics derived from the font size (NeuroX uses the same ratios for Courier). */
    record Geometry(double fontSize) {
        double charWidth() {
            return 0.6 * fontSize;
        }

        double lineHeight() {
            return 1.25 * fontSize;
        }

        double margin() {
            return 0.5 * fontSize;
        }

        double sentenceGap() {
            return 0.5 * lineHeight();
        }

        /** Baseline offset from the top of a line: centres an 0.8/0.2 em ascent/descent. */
        double baseline() {
            return 0.925 * fontSize;
        }
    }
}
