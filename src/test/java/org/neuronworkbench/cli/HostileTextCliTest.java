package org.neuronworkbench.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.neuronworkbench.cli.CliErrorContractTest.assertOneErrorLine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuronworkbench.model.Offline;

/**
 * Text from a hostile corpus or input reaches tables with its control and bidi characters
 * escaped, and JSON unchanged; index exports never mix into unrelated folders; CSV cells that
 * would run as formulas are neutralised. All on the real embedded model and real indexes.
 */
class HostileTextCliTest {
    static final String COLOURED = "A dog \u001b[31mran\u001b[0m home\u0007.";
    static final String TITLE = "Set \u001b]0;owned\u0007 the title.";
    static final String BIDI = "Invoice for \u202etxt.exe today.";
    static final String CSI_C1 = "A C1 \u009b2J clear.";

    @TempDir
    static Path tmp;
    static Path idx;

    @BeforeAll
    static void build() throws IOException {
        Offline.enforce();
        Path corpus = tmp.resolve("hostile.txt");
        Files.writeString(corpus, String.join("\n", COLOURED, TITLE, BIDI, CSI_C1, "The cat sat on the mat.") + "\n",
                StandardCharsets.UTF_8);
        idx = tmp.resolve("idx");
        CliRun r = CliRun.of("index", "--corpus", corpus.toString(), "--out", idx.toString(), "--sentences");
        assertEquals(0, r.code(), r.err());
    }

    /** No character that drives a terminal: C0 except LF, DEL, C1, bidi controls. */
    static void assertTerminalSafe(String printed) {
        for (int i = 0; i < printed.length(); i++) {
            char c = printed.charAt(i);
            boolean control = (c < 0x20 && c != '\n') || (c >= 0x7f && c <= 0x9f);
            boolean bidi = (c >= '\u202a' && c <= '\u202e') || (c >= '\u2066' && c <= '\u2069') || c == '\u200e' || c == '\u200f';
            assertTrue(!control && !bidi, String.format("U+%04X at %d in:%n%s", (int) c, i, printed));
        }
    }

    /** Every excerpt of every neuron in layer 0 that we look at: the whole corpus appears. */
    private static String topTables() {
        StringBuilder all = new StringBuilder();
        for (int n = 0; n < 40; n++) {
            CliRun r = CliRun.of("top", "--index", idx.toString(), "--layer", "0", "--neuron", "" + n, "--k", "5");
            assertEquals(0, r.code(), r.err());
            all.append(r.out());
        }
        return all.toString();
    }

    @Test
    void topTablesShowEscapesAndNeverRawControls() {
        String out = topTables();
        assertTerminalSafe(out);
        assertTrue(out.contains("A dog \\x1b[31mran\\x1b[0m home\\x07."), out);
        assertTrue(out.contains("Set \\x1b]0;owned\\x07 the title."), out);
        assertTrue(out.contains("Invoice for \\u202etxt.exe today."), out);
        assertTrue(out.contains("A C1 \\u009b2J clear."), out);
    }

    @Test
    void jsonKeepsTheExactTextEscapedOnlyByJson() throws IOException {
        List<String> texts = new ArrayList<>();
        for (int n = 0; n < 40; n++) {
            CliRun r = CliRun.of("top", "--index", idx.toString(), "--layer", "0", "--neuron", "" + n, "--k", "5", "--json");
            assertEquals(0, r.code(), r.err());
            assertTrue(r.out().indexOf('\u001b') < 0 && r.out().indexOf('\u0007') < 0, "JSON escapes controls");
            r.json().get("excerpts").forEach(e -> texts.add(e.get("text").asText()));
        }
        assertTrue(texts.contains(COLOURED) && texts.contains(TITLE) && texts.contains(BIDI), texts.toString());
    }

    @Test
    void otherIndexTablesAreTerminalSafe() {
        for (String[] args : List.of(
                new String[] {"neurons", "--index", idx.toString(), "--limit", "0"},
                new String[] {"top-words", "--index", idx.toString(), "--layer", "0", "--neuron", "3", "--num-tokens", "0"})) {
            CliRun r = CliRun.of(args);
            assertEquals(0, r.code(), r.err());
            assertTerminalSafe(r.out());
        }
    }

    /** gpt2-tiny with a word-level tokenizer whose unknown pieces keep the raw input text. */
    static Path modelWithRawTokenizer() throws IOException {
        Path m = tmp.resolve("gpt2-raw-tokens");
        if (Files.isDirectory(m)) {
            return m;
        }
        Files.createDirectories(m);
        for (String f : List.of("config.json", "model.safetensors")) {
            Files.copy(Path.of("src/test/resources/fixtures/gpt2-tiny", f), m.resolve(f));
        }
        Files.writeString(m.resolve("tokenizer.json"), """
                {"version": "1.0", "truncation": null, "padding": null, "added_tokens": [], "normalizer": null,
                 "pre_tokenizer": {"type": "Whitespace"}, "post_processor": null, "decoder": null,
                 "model": {"type": "WordLevel", "vocab": {"[UNK]": 0, "evil": 1, "text": 2}, "unk_token": "[UNK]"}}
                """);
        return m;
    }

    @Test
    void probeTableEscapesTokensButJsonKeepsThem() throws IOException {
        String text = "evil \u001b]0;owned\u0007 text \u202eabc";
        String model = modelWithRawTokenizer().toString();
        CliRun table = CliRun.of("probe", "--model", model, "--text", text, "--layer", "0", "--neuron", "5");
        assertEquals(0, table.code(), table.err());
        assertTerminalSafe(table.out());
        assertTrue(table.out().contains("'\\x1b]'") && table.out().contains("'\\x07'") && table.out().contains("'\\u202e'"),
                table.out());

        CliRun json = CliRun.of("probe", "--model", model, "--text", text, "--layer", "0", "--neuron", "5", "--json");
        assertEquals(0, json.code(), json.err());
        List<String> tokens = new ArrayList<>();
        json.json().get("tokens").forEach(t -> tokens.add(t.get("text").asText()));
        assertTrue(tokens.contains("\u001b]") && tokens.contains("\u0007") && tokens.contains("\u202e"), tokens.toString());
    }

    @Test
    void errorLinesEscapeTheInputTheyQuote() {
        CliRun r = CliRun.of("top", "--index", tmp.resolve("no\u001b[2Jsuch").toString(), "--layer", "0", "--neuron", "1");
        assertOneErrorLine(r, "no\\x1b[2Jsuch");
        assertTerminalSafe(r.err());
    }

    @Test
    void csvExportNeutralisesFormulaCells() throws IOException {
        Path csv = tmp.resolve("formula.csv");
        CliRun r = CliRun.of("export-svg", "--layer", "0", "--neuron", "5", "--text", "=1+1", "--text", "@SUM(A1) -2",
                "-o", csv.toString());
        assertEquals(0, r.code(), r.err());
        List<String> cells = new ArrayList<>();
        for (String line : Files.readAllLines(csv, StandardCharsets.UTF_8).subList(1, Files.readAllLines(csv).size())) {
            String[] f = line.split(",", -1);
            cells.add(f[2]);
            assertTrue(!f[2].isEmpty() && "=+-@".indexOf(f[2].charAt(0)) < 0, "cell " + f[2] + " in " + line);
        }
        // BERT's word pieces of "=1+1": '=', '1', '+', '1'; each formula start carries the quote.
        assertEquals(List.of("'=", "1", "'+", "1"), cells.subList(0, 4));
        assertTrue(cells.contains("'@"), cells.toString());
        assertTrue(cells.contains("\" -\"") || cells.contains("'-"), cells.toString());
    }

    @Test
    void exportIndexRefusesAnUnrelatedFolderAndReplacesAnEarlierExport() throws IOException {
        Path unrelated = tmp.resolve("photos");
        Files.createDirectories(unrelated);
        Files.write(unrelated.resolve("holiday.jpg"), new byte[] {1, 2, 3});
        assertOneErrorLine(CliRun.of("export-index", "--index", idx.toString(), "--out", unrelated.toString()),
                "not empty", "holiday.jpg");
        assertEquals(List.of("holiday.jpg"), names(unrelated));
        assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(unrelated.resolve("holiday.jpg")));

        Path file = tmp.resolve("a-file");
        Files.writeString(file, "keep");
        assertOneErrorLine(CliRun.of("export-index", "--index", idx.toString(), "--out", file.toString()), "not a folder");
        assertEquals("keep", Files.readString(file));

        Path out = tmp.resolve("export");
        assertEquals(0, CliRun.of("export-index", "--index", idx.toString(), "--out", out.toString()).code());
        List<String> first = names(out);
        assertTrue(first.contains("neurons.parquet") && first.contains("amap.safetensors"), first.toString());
        byte[] amap = Files.readAllBytes(out.resolve("amap.safetensors"));
        CliRun again = CliRun.of("export-index", "--index", idx.toString(), "--out", out.toString());
        assertEquals(0, again.code(), again.err());
        assertEquals(first, names(out));
        assertArrayEquals(amap, Files.readAllBytes(out.resolve("amap.safetensors")));
        assertEquals(List.of("export"), names(tmp).stream().filter(n -> n.contains("export")).toList(), "no temporary left");
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
