package org.neuronworkbench.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.neuronworkbench.export.XmlTestSupport.SVG;
import static org.neuronworkbench.export.XmlTestSupport.byClass;
import static org.neuronworkbench.export.XmlTestSupport.elements;
import static org.neuronworkbench.export.XmlTestSupport.expectedDisplay;
import static org.neuronworkbench.export.XmlTestSupport.parse;
import static org.neuronworkbench.export.XmlTestSupport.rgb;
import static org.neuronworkbench.export.XmlTestSupport.sentence;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

class SvgExporterTest {

    // GPT-2 style tokens with leading spaces; values as a real MLP neuron might give.
    private static final HighlightedSentence CAT = sentence(
            "The", 0.0, " cat", 1.73, " sat", -0.92, " on", 0.05, " the", 0.0, " mat", 2.41);

    private static List<Element> rects(Document doc) {
        return elements(doc, SVG, "rect");
    }

    @Test
    void oneRectPerTokenWithPositiveBlueNegativeRedZeroWhite() {
        Document doc = parse(SvgExporter.toSvg(List.of(CAT), SvgOptions.defaults()));
        List<Element> rects = rects(doc);
        assertEquals(6, rects.size());
        assertEquals(6, byClass(doc, SVG, "g", "token").size());

        int[] zero = rgb(rects.get(0).getAttribute("fill"));
        int[] positive = rgb(rects.get(1).getAttribute("fill"));
        int[] negative = rgb(rects.get(2).getAttribute("fill"));
        assertArrayEquals(new int[] {255, 255, 255}, zero);
        assertTrue(positive[2] > positive[0] + 50 && positive[2] > positive[1], "bluish " + List.of(positive[0], positive[1], positive[2]));
        // A negative value is a pale red at most (never mistaken for firing).
        assertTrue(negative[0] > negative[1] && negative[0] > negative[2] && negative[1] >= 255 - 60, "pale red "
                + List.of(negative[0], negative[1], negative[2]));
        // The largest |activation| gets the full colour and, being dark, white text.
        assertEquals(ActivationColours.POSITIVE.hex(), rects.get(5).getAttribute("fill"));
        List<Element> texts = elements(doc, SVG, "text");
        assertEquals("#ffffff", texts.get(5).getAttribute("fill"));
        assertEquals("#000000", texts.get(0).getAttribute("fill"));
    }

    @Test
    void tokensKeepLeadingSpacesAndTitleGivesValue() {
        Document doc = parse(SvgExporter.toSvg(List.of(CAT), SvgOptions.defaults()));
        List<Element> texts = elements(doc, SVG, "text");
        assertEquals(CAT.text(), texts.stream().map(Element::getTextContent).collect(Collectors.joining()));
        assertEquals("preserve", texts.get(1).getAttributeNS("http://www.w3.org/XML/1998/namespace", "space"));
        List<Element> titles = elements(doc, SVG, "title");
        assertEquals(6, titles.size());
        assertEquals(1.73, Double.parseDouble(titles.get(1).getTextContent()), 1e-9);
        assertEquals(-0.92, Double.parseDouble(titles.get(2).getTextContent()), 1e-9);
        assertEquals("token", ((Element) titles.get(1).getParentNode()).getAttribute("class"));
    }

    @Test
    void scaleIsGlobalAcrossSentencesUnlessFixed() {
        HighlightedSentence weak = sentence(" a", 1.0);
        HighlightedSentence strong = sentence(" b", 4.0);
        Document both = parse(SvgExporter.toSvg(List.of(weak, strong), SvgOptions.defaults()));
        int[] weakFill = rgb(rects(both).get(0).getAttribute("fill"));
        int[] strongFill = rgb(rects(both).get(1).getAttribute("fill"));
        assertTrue(weakFill[0] > strongFill[0], "weaker token is lighter");

        Document fixed = parse(SvgExporter.toSvg(List.of(weak, strong), SvgOptions.defaults().withScale(1.0)));
        assertEquals(rects(fixed).get(0).getAttribute("fill"), rects(fixed).get(1).getAttribute("fill"));
    }

    @Test
    void topTokensWhitensTokensBelowEightyPercentOfSentenceMax() {
        HighlightedSentence s = sentence(" a", 1.0, " b", 0.85, " c", 0.5, " d", -0.9, " e", -0.3, " f", 0.8);
        Document doc = parse(SvgExporter.toSvg(List.of(s), SvgOptions.defaults().withFilter(TokenFilter.TOP_TOKENS)));
        List<String> fills = rects(doc).stream().map(r -> r.getAttribute("fill")).toList();
        assertEquals(6, fills.size());
        assertFalse(fills.get(0).equals("#ffffff"));
        assertFalse(fills.get(1).equals("#ffffff"));
        assertEquals("#ffffff", fills.get(2));
        assertTrue(rgb(fills.get(3))[0] > rgb(fills.get(3))[2], "-0.9 is kept and red");
        assertEquals("#ffffff", fills.get(4));
        assertEquals("#ffffff", fills.get(5), "exactly 80% is not above the threshold (NeuroX uses >)");
        // Tooltips still give the real values.
        assertEquals(0.5, Double.parseDouble(elements(doc, SVG, "title").get(2).getTextContent()), 1e-9);
    }

    @Test
    void charLimitWrapsOntoSeveralLinesInsideTheImage() {
        Object[] args = new Object[20];
        for (int i = 0; i < 10; i++) {
            args[2 * i] = " word";
            args[2 * i + 1] = i * 0.1;
        }
        SvgOptions options = SvgOptions.defaults().withCharLimit(12);
        Document doc = parse(SvgExporter.toSvg(List.of(sentence(args)), options));
        List<Element> rects = rects(doc);
        List<Double> ys = rects.stream().map(r -> Double.parseDouble(r.getAttribute("y"))).distinct().toList();
        assertEquals(5, ys.size(), "two 5-char tokens fit in 12 columns, a third does not");
        double width = Double.parseDouble(doc.getDocumentElement().getAttribute("width"));
        for (Element r : rects) {
            assertTrue(Double.parseDouble(r.getAttribute("x")) + Double.parseDouble(r.getAttribute("width")) <= width);
        }
        // Text stays intact across the wrap.
        assertEquals(" word".repeat(10), elements(doc, SVG, "text").stream()
                .map(Element::getTextContent).collect(Collectors.joining()));
    }

    @Test
    void sentencesAreStackedVertically() {
        Document doc = parse(SvgExporter.toSvg(List.of(CAT, sentence("Next", 1.0)), SvgOptions.defaults()));
        List<Element> rects = rects(doc);
        assertTrue(Double.parseDouble(rects.get(6).getAttribute("y")) > Double.parseDouble(rects.get(0).getAttribute("y")));
        assertEquals(2, byClass(doc, SVG, "g", "sentence").size());
    }

    @Test
    void rtlLaysTokensOutRightToLeft() {
        HighlightedSentence arabic = sentence("مرحبا", 0.7, " بالعالم", -0.4, " !", 0.1);
        Document doc = parse(SvgExporter.toSvg(List.of(arabic), SvgOptions.defaults().withRtl(true)));
        List<Double> xs = rects(doc).stream().map(r -> Double.parseDouble(r.getAttribute("x"))).toList();
        assertTrue(xs.get(0) > xs.get(1) && xs.get(1) > xs.get(2), "x decreases: " + xs);
        for (Element t : elements(doc, SVG, "text")) {
            assertEquals("rtl", t.getAttribute("direction"));
        }
        Document ltr = parse(SvgExporter.toSvg(List.of(arabic), SvgOptions.defaults()));
        List<Double> ltrXs = rects(ltr).stream().map(r -> Double.parseDouble(r.getAttribute("x"))).toList();
        assertTrue(ltrXs.get(0) < ltrXs.get(1) && ltrXs.get(1) < ltrXs.get(2));
    }

    @Test
    void hostileTextIsEscapedAndControlCharsBecomePictures() {
        List<String> texts = List.of("<script>alert(1)</script>", " &amp;", " ]]>", " \"double\" 'single'",
                " 🧠👍🏽", " مرحبا بالعالم", "\u0000\u0001\u0007\u001B\u007F", "\ud800 lone", " tab\tnl\ncr\r");
        Object[] args = new Object[texts.size() * 2];
        for (int i = 0; i < texts.size(); i++) {
            args[2 * i] = texts.get(i);
            args[2 * i + 1] = i - 4.0;
        }
        String svg = SvgExporter.toSvg(List.of(sentence(args)), SvgOptions.defaults());
        assertTrue(svg.startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"));
        assertFalse(svg.contains("<script"));
        Document doc = parse(svg);
        List<Element> textEls = elements(doc, SVG, "text");
        assertEquals(texts.size(), textEls.size());
        for (int i = 0; i < texts.size(); i++) {
            assertEquals(expectedDisplay(texts.get(i)), textEls.get(i).getTextContent());
        }
        assertEquals("<script>alert(1)</script>", textEls.get(0).getTextContent());
        assertEquals(" 🧠👍🏽", textEls.get(4).getTextContent(), "surrogate pairs survive");
        assertEquals("\u2400\u2401\u2407\u241B\u2421", textEls.get(6).getTextContent());
        assertEquals("\uFFFD lone", textEls.get(7).getTextContent());
    }

    @Test
    void writesUtf8BytesToStream() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SvgExporter.write(List.of(sentence(" 🧠", 1.0)), SvgOptions.defaults(), out);
        String s = out.toString(StandardCharsets.UTF_8);
        assertTrue(s.contains(" 🧠"));
        assertEquals(s, SvgExporter.toSvg(List.of(sentence(" 🧠", 1.0)), SvgOptions.defaults()));
    }

    @Test
    void emptyInputsStillGiveValidSvg() {
        parse(SvgExporter.toSvg(List.of(), SvgOptions.defaults()));
        Document doc = parse(SvgExporter.toSvg(List.of(new HighlightedSentence(List.of()), sentence("", 0.0)),
                SvgOptions.defaults()));
        assertEquals(1, rects(doc).size());
    }
}
