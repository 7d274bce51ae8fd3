package org.neuronworkbench.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** Semantic-map exports: labels survive any characters, one circle per point, a real PNG. */
class MapExporterTest {
    private static final List<MapPoint> POINTS = List.of(
            new MapPoint("a<b & \"c\"", "n:00000001", "noun", "law", 0, 1.5f, -2f),
            new MapPoint("x, y", "v:00000002", "verb", "none", 0, -3f, 4.25f),
            new MapPoint(" spaced ", "a:00000003", "adjective", "military & navy", 0, 0f, 0f));
    private static final MapExporter.Style STYLE = new MapExporter.Style("Layer 0 <test>", true,
            MapPalette.colours(List.of("law", "none", "military & navy"), 10),
            List.of(Map.entry("law", 1), Map.entry("none", 1), Map.entry("military & navy", 1)));

    @Test
    void svgHasOneCirclePerPointAndEveryLabelEscaped(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("map.svg");
        MapExporter.svg(POINTS, STYLE, f);
        Document doc = XmlTestSupport.parse(Files.readString(f));
        List<Element> circles = XmlTestSupport.elements(doc, XmlTestSupport.SVG, "circle");
        List<Element> points = circles.stream().filter(c -> c.getElementsByTagNameNS(XmlTestSupport.SVG, "title").getLength() == 1).toList();
        assertEquals(3, points.size());
        assertEquals(3, circles.size() - points.size(), "one legend dot per legend row");
        assertEquals("a<b & \"c\" (noun, law)", points.get(0).getTextContent());
        assertEquals(MapPalette.NONE_COLOUR.hex(), points.get(1).getAttribute("fill"));
        assertTrue(XmlTestSupport.elements(doc, XmlTestSupport.SVG, "text").stream()
                .anyMatch(t -> t.getTextContent().equals("military & navy (1)")));
    }

    @Test
    void csvHasTheHeaderAndQuotesWhatNeedsIt(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("map.csv");
        MapExporter.csv(POINTS, f);
        List<String> lines = Files.readAllLines(f);
        assertEquals("lemma,synset,pos,domain,layer,x,y", lines.get(0));
        assertEquals("\"a<b & \"\"c\"\"\",n:00000001,noun,law,0,1.5,-2.0", lines.get(1));
        assertEquals("\"x, y\",v:00000002,verb,none,0,-3.0,4.25", lines.get(2));
        assertEquals("\" spaced \",a:00000003,adjective,military & navy,0,0.0,0.0", lines.get(3));
    }

    @Test
    void pngIsARealImageWithTheColouredPoints(@TempDir Path dir) throws IOException {
        FxPlatform.ensureStarted();
        Path f = dir.resolve("map.png");
        MapExporter.png(POINTS, STYLE, f);
        BufferedImage img = ImageIO.read(f.toFile());
        assertEquals(1000, img.getWidth());
        Rgb law = STYLE.colours().get("law");
        int found = 0;
        for (int x = 0; x < img.getWidth(); x++) {
            for (int y = 0; y < img.getHeight(); y++) {
                if ((img.getRGB(x, y) & 0xffffff) == ((law.red() << 16) | (law.green() << 8) | law.blue())) {
                    found++;
                }
            }
        }
        assertTrue(found > 10, "pixels in the law colour (a point and its legend dot): " + found);
    }
}
