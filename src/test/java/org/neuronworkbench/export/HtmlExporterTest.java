package org.neuronworkbench.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.neuronworkbench.export.XmlTestSupport.XHTML;
import static org.neuronworkbench.export.XmlTestSupport.byClass;
import static org.neuronworkbench.export.XmlTestSupport.elements;
import static org.neuronworkbench.export.XmlTestSupport.expectedDisplay;
import static org.neuronworkbench.export.XmlTestSupport.parse;
import static org.neuronworkbench.export.XmlTestSupport.rgb;
import static org.neuronworkbench.export.XmlTestSupport.sentence;

import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

class HtmlExporterTest {

    private static String background(Element span) {
        String style = span.getAttribute("style");
        var m = Pattern.compile("background-color:(#[0-9a-f]{6})").matcher(style);
        assertTrue(m.find(), style);
        return m.group(1);
    }

    @Test
    void selfContainedPageWithColouredSpansAndTooltips() {
        HighlightedSentence s = sentence("The", 0.0, " cat", 1.73, " sat", -0.92);
        String html = HtmlExporter.toHtml(List.of(s), SvgOptions.defaults());
        assertTrue(html.startsWith("<!DOCTYPE html>"));
        assertFalse(html.contains("<script"), "no scripts");
        assertFalse(html.matches("(?s).*(src|href)=.*"), "no external resources");
        Document doc = parse(html);
        assertEquals(1, elements(doc, XHTML, "style").size());
        List<Element> spans = byClass(doc, XHTML, "span", "tok");
        assertEquals(3, spans.size());
        assertEquals("#ffffff", background(spans.get(0)));
        int[] pos = rgb(background(spans.get(1)));
        int[] neg = rgb(background(spans.get(2)));
        assertTrue(pos[2] > pos[0] + 50, "bluish");
        assertTrue(neg[0] > neg[2] && neg[2] >= 255 - 60, "pale red, never strong");
        assertEquals(1.73, Double.parseDouble(spans.get(1).getAttribute("title")), 1e-9);
        assertEquals(s.text(), spans.stream().map(Element::getTextContent).collect(Collectors.joining()));
    }

    @Test
    void hostileTextShowsLiterallyAndNeverAsMarkup() {
        List<String> texts = List.of("<script>alert(1)</script>", " &amp;", " ]]>", " \"q\" 'q'", " 🧠👍🏽",
                " مرحبا بالعالم", "\u0000\u0001\u0007\u001B\u007F", "");
        Object[] args = new Object[texts.size() * 2];
        for (int i = 0; i < texts.size(); i++) {
            args[2 * i] = texts.get(i);
            args[2 * i + 1] = 1.0 - i * 0.3;
        }
        String html = HtmlExporter.toHtml(List.of(sentence(args)), SvgOptions.defaults().withRtl(true));
        assertFalse(html.contains("<script"));
        assertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        assertFalse(Pattern.compile("<(span|div|title|style)\\b[^>]*/>").matcher(html).find(),
                "self-closing non-void elements are invalid HTML: " + html);
        Document doc = parse(html);
        List<Element> spans = byClass(doc, XHTML, "span", "tok");
        assertEquals(texts.size(), spans.size());
        for (int i = 0; i < texts.size(); i++) {
            assertEquals(expectedDisplay(texts.get(i)), spans.get(i).getTextContent());
        }
        for (Element div : byClass(doc, XHTML, "div", "sentence")) {
            assertEquals("rtl", div.getAttribute("dir"));
        }
    }

    @Test
    void linesBreakAtTheCharLimit() {
        HighlightedSentence s = sentence(" one", 1.0, " two", 0.5, " six", -1.0);
        Document doc = parse(HtmlExporter.toHtml(List.of(s), SvgOptions.defaults().withCharLimit(8)));
        List<Element> lines = byClass(doc, XHTML, "div", "line");
        assertEquals(2, lines.size());
        assertEquals(" one two", lines.get(0).getTextContent());
        assertEquals(" six", lines.get(1).getTextContent());
    }
}
