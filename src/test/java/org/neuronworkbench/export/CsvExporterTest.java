package org.neuronworkbench.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.neuronworkbench.export.XmlTestSupport.sentence;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvExporterTest {

    @Test
    void quotesCommasQuotesAndNewlinesPerRfc4180() {
        List<HighlightedSentence> data = List.of(
                sentence("Hello", 0.5, ",", -1.25, " \"hi\"", 2.0E-7),
                sentence("line\nbreak", 3.0, "cr\rlf\r\n", 0.0, " lead", 1.0, "plain", -0.0, "🧠", 4.5));
        String expected = "sentence,index,token,activation\r\n"
                + "0,0,Hello,0.5\r\n"
                + "0,1,\",\",-1.25\r\n"
                + "0,2,\" \"\"hi\"\"\",2.0E-7\r\n"
                + "1,0,\"line\nbreak\",3.0\r\n"
                + "1,1,\"cr\rlf\r\n\",0.0\r\n"
                + "1,2,\" lead\",1.0\r\n"
                + "1,3,plain,-0.0\r\n"
                + "1,4,🧠,4.5\r\n";
        assertEquals(expected, CsvExporter.toCsv(data));
    }

    @Test
    void streamIsUtf8AndValuesRoundTrip() throws Exception {
        double v = 0.1 + 0.2;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CsvExporter.write(List.of(sentence(" مرحبا", v)), out);
        String csv = out.toString(StandardCharsets.UTF_8);
        assertEquals("sentence,index,token,activation\r\n0,0,\" مرحبا\"," + v + "\r\n", csv);
        String last = csv.split("\r\n")[1];
        assertEquals(v, Double.parseDouble(last.substring(last.lastIndexOf(',') + 1)));
    }

    @Test
    void cellsASpreadsheetWouldRunAsFormulasGetALeadingQuote() {
        assertEquals("'=1+1", CsvExporter.cell("=1+1"));
        assertEquals("'+1", CsvExporter.cell("+1"));
        assertEquals("'-2", CsvExporter.cell("-2"));
        assertEquals("'@SUM(A1)", CsvExporter.cell("@SUM(A1)"));
        assertEquals("'\tx", CsvExporter.cell("\tx"));
        assertEquals("\"'\r=1\"", CsvExporter.cell("\r=1"));
        assertEquals("\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"", CsvExporter.cell("=HYPERLINK(\"http://x\",\"y\")"));
        assertEquals("'\uFF1D1+1", CsvExporter.cell("\uFF1D1+1"));
        assertEquals("a=1", CsvExporter.cell("a=1"));
        assertEquals("\" =1\"", CsvExporter.cell(" =1"));
        assertEquals("", CsvExporter.cell(""));
    }

    @Test
    void everyTokenCellIsNeutralisedButNegativeActivationsStayNumbers() {
        String csv = CsvExporter.toCsv(List.of(sentence("=1+1", -1.5, "@x", 2.0, "-", -0.25)));
        assertEquals("sentence,index,token,activation\r\n"
                + "0,0,'=1+1,-1.5\r\n"
                + "0,1,'@x,2.0\r\n"
                + "0,2,'-,-0.25\r\n", csv);
    }
}
