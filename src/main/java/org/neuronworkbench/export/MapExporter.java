package org.neuronworkbench.export;

import java.awt.image.BufferedImage;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javax.imageio.ImageIO;
import org.neuronworkbench.arch.LayeringException;
import org.neuronworkbench.work.AtomicFiles;

/**
 * Writes a semantic map: CSV ({@value #CSV_HEADER}, RFC 4180 quoting as {@link CsvExporter}),
 * SVG (one circle per point with the lemma as its title, a legend; every label escaped by StAX)
 * and PNG (the same drawing on a JavaFX canvas, snapshotted). Every file is written atomically.
 */
@LayeringException("a map PNG is a JavaFX canvas snapshot; the CLI writes map PNGs too, so this cannot live in ui")
public final class MapExporter {
    public static final String CSV_HEADER = "lemma,synset,pos,domain,layer,x,y";
    private static final String EOL = "\r\n";
    private static final double WIDTH = 1000;
    private static final double HEIGHT = 760;
    private static final double PLOT = 720;
    private static final double MARGIN = 20;

    /**
     * How to draw: colour by domain or by part of speech; classes missing from {@code colours}
     * are {@link MapPalette#OTHER}; legend rows are {@code legend} (class, count) in order.
     */
    public record Style(String title, boolean byDomain, Map<String, Rgb> colours, List<Map.Entry<String, Integer>> legend) {
        Rgb colour(MapPoint p) {
            return colours.getOrDefault(byDomain ? p.domain() : p.pos(), MapPalette.OTHER);
        }
    }

    private MapExporter() {
    }

    public static void csv(List<MapPoint> points, Path file) throws IOException {
        AtomicFiles.write(file, out -> {
            Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
            w.write(CSV_HEADER);
            w.write(EOL);
            for (MapPoint p : points) {
                w.write(CsvExporter.quote(p.lemma()) + "," + CsvExporter.quote(p.synset()) + "," + CsvExporter.quote(p.pos())
                        + "," + CsvExporter.quote(p.domain()) + "," + p.layer() + "," + Float.toString(p.x()) + ","
                        + Float.toString(p.y()));
                w.write(EOL);
            }
            w.flush();
        });
    }

    /** Maps data coordinates into the square plot area, y up. */
    private record Frame(double minX, double minY, double scale) {
        static Frame of(List<MapPoint> points) {
            double minX = Double.POSITIVE_INFINITY, maxX = Double.NEGATIVE_INFINITY;
            double minY = Double.POSITIVE_INFINITY, maxY = Double.NEGATIVE_INFINITY;
            for (MapPoint p : points) {
                minX = Math.min(minX, p.x());
                maxX = Math.max(maxX, p.x());
                minY = Math.min(minY, p.y());
                maxY = Math.max(maxY, p.y());
            }
            double span = Math.max(Math.max(maxX - minX, maxY - minY), 1e-9);
            return points.isEmpty() ? new Frame(0, 0, 1) : new Frame(minX, minY, PLOT / span);
        }

        double x(MapPoint p) {
            return MARGIN + (p.x() - minX) * scale;
        }

        double y(MapPoint p) {
            return MARGIN + 20 + PLOT - (p.y() - minY) * scale;
        }
    }

    public static void svg(List<MapPoint> points, Style style, Path file) throws IOException {
        Frame f = Frame.of(points);
        double r = radius(points.size());
        AtomicFiles.write(file, out -> Xml.document(out, w -> {
            w.writeStartDocument("UTF-8", "1.0");
            w.writeStartElement("svg");
            w.writeDefaultNamespace("http://www.w3.org/2000/svg");
            w.writeAttribute("width", Xml.num(WIDTH));
            w.writeAttribute("height", Xml.num(HEIGHT + 20));
            w.writeAttribute("viewBox", "0 0 " + Xml.num(WIDTH) + " " + Xml.num(HEIGHT + 20));
            w.writeEmptyElement("rect");
            w.writeAttribute("width", "100%");
            w.writeAttribute("height", "100%");
            w.writeAttribute("fill", "#ffffff");
            text(w, MARGIN, 16, 14, style.title());
            w.writeStartElement("g");
            w.writeAttribute("class", "points");
            for (MapPoint p : points) {
                w.writeStartElement("circle");
                w.writeAttribute("cx", Xml.num(f.x(p)));
                w.writeAttribute("cy", Xml.num(f.y(p)));
                w.writeAttribute("r", Xml.num(r));
                w.writeAttribute("fill", style.colour(p).hex());
                w.writeStartElement("title");
                w.writeCharacters(p.lemma() + " (" + p.pos() + ", " + p.domain() + ")");
                w.writeEndElement();
                w.writeEndElement();
            }
            w.writeEndElement();
            double y = 50;
            for (Map.Entry<String, Integer> e : style.legend()) {
                w.writeEmptyElement("circle");
                w.writeAttribute("cx", Xml.num(PLOT + 2 * MARGIN + 6));
                w.writeAttribute("cy", Xml.num(y - 4));
                w.writeAttribute("r", "5");
                w.writeAttribute("fill", style.colours().getOrDefault(e.getKey(), MapPalette.OTHER).hex());
                text(w, PLOT + 2 * MARGIN + 16, y, 12, e.getKey() + " (" + e.getValue() + ")");
                y += 18;
            }
            w.writeEndElement();
            w.writeEndDocument();
        }));
    }

    private static void text(javax.xml.stream.XMLStreamWriter w, double x, double y, int size, String s)
            throws javax.xml.stream.XMLStreamException {
        w.writeStartElement("text");
        w.writeAttribute("x", Xml.num(x));
        w.writeAttribute("y", Xml.num(y));
        w.writeAttribute("font-family", "sans-serif");
        w.writeAttribute("font-size", Integer.toString(size));
        w.writeCharacters(s);
        w.writeEndElement();
    }

    /** Smaller dots for bigger maps, so 100,000 points do not become one blot. */
    static double radius(int points) {
        return points > 20_000 ? 1.2 : points > 2_000 ? 2 : 3.5;
    }

    /** PNG: the drawing on a canvas, snapshotted on the FX thread (the toolkit must be running). */
    public static void png(List<MapPoint> points, Style style, Path file) throws IOException {
        WritableImage image = PngExporter.onFxThread(() -> {
            Canvas canvas = new Canvas(WIDTH, HEIGHT + 20);
            GraphicsContext g = canvas.getGraphicsContext2D();
            g.setFill(Color.WHITE);
            g.fillRect(0, 0, canvas.getWidth(), canvas.getHeight());
            g.setFill(Color.BLACK);
            g.setFont(Font.font("sans-serif", 14));
            g.fillText(style.title(), MARGIN, 16);
            Frame f = Frame.of(points);
            double r = radius(points.size());
            for (MapPoint p : points) {
                Rgb c = style.colour(p);
                g.setFill(Color.rgb(c.red(), c.green(), c.blue()));
                g.fillOval(f.x(p) - r, f.y(p) - r, 2 * r, 2 * r);
            }
            g.setFont(Font.font("sans-serif", 12));
            double y = 50;
            for (Map.Entry<String, Integer> e : style.legend()) {
                Rgb c = style.colours().getOrDefault(e.getKey(), MapPalette.OTHER);
                g.setFill(Color.rgb(c.red(), c.green(), c.blue()));
                g.fillOval(PLOT + 2 * MARGIN + 1, y - 9, 10, 10);
                g.setFill(Color.BLACK);
                g.fillText(e.getKey() + " (" + e.getValue() + ")", PLOT + 2 * MARGIN + 16, y);
                y += 18;
            }
            return canvas.snapshot(null, null);
        });
        BufferedImage rgb = PngExporter.toBufferedImage(image);
        AtomicFiles.write(file, out -> {
            if (!ImageIO.write(rgb, "png", out)) {
                throw new IOException("No PNG encoder available in this Java runtime");
            }
        });
    }
}
