package org.neuronworkbench.analysis.semantic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The WordNet counts against a brute-force reading of the raw WordNet 3.1 data files in the
 * data jar (one synset per line: offset, lexfile, type, word count in hex, words, pointers).
 */
class WordNetLemmasTest {
    private static final String DIR = "/net/sf/extjwnl/data/wordnet/wn31/";
    private static final List<String> FILES = List.of("noun", "verb", "adj", "adv");
    private static Map<String, String[]> rawLines;

    @BeforeAll
    static void readRaw() throws IOException {
        rawLines = new LinkedHashMap<>();
        for (String f : FILES) {
            try (InputStream in = WordNetLemmasTest.class.getResourceAsStream(DIR + "data." + f);
                 BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    if (!line.startsWith(" ")) {
                        String[] fields = line.split(" ");
                        rawLines.put(posKey(fields[2]) + ":" + fields[0], fields);
                    }
                }
            }
        }
    }

    private static String posKey(String ssType) {
        return ssType.equals("s") ? "a" : ssType;
    }

    private static String firstWord(String[] fields) {
        return fields[4].replaceAll("\\([a-z]+\\)$", "").replace('_', ' ');
    }

    /** Tag counts from index.sense: "sense_key offset sense_number tag_count", keyed by pos:offset:lemma. */
    private static Map<String, Integer> tagCounts() throws IOException {
        Map<String, Integer> out = new HashMap<>();
        try (InputStream in = WordNetLemmasTest.class.getResourceAsStream(DIR + "index.sense");
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                String[] f = line.split(" ");
                String lemma = f[0].substring(0, f[0].indexOf('%'));
                char type = f[0].charAt(f[0].indexOf('%') + 1);
                String pos = switch (type) {
                    case '1' -> "n";
                    case '2' -> "v";
                    case '4' -> "r";
                    default -> "a";
                };
                out.put(pos + ":" + f[1] + ":" + lemma, Integer.parseInt(f[3]));
            }
        }
        return out;
    }

    @Test
    void countsMatchTheRawDataFiles() throws IOException {
        WordNetLemmas wn = WordNetLemmas.load();
        Map<String, Integer> tags = tagCounts();
        Map<String, String> reference = new LinkedHashMap<>();
        Map<String, Integer> best = new HashMap<>();
        for (Map.Entry<String, String[]> e : rawLines.entrySet()) {
            String word = firstWord(e.getValue());
            int uses = tags.getOrDefault(e.getKey() + ":" + word.replace(' ', '_').toLowerCase(java.util.Locale.ROOT), 0);
            if (!best.containsKey(word) || uses > best.get(word)) {
                best.put(word, uses);
                reference.put(word, e.getKey());
            }
        }
        assertEquals(rawLines.size(), wn.synsets(), "synsets read");
        assertEquals(117_791, wn.synsets(), "WordNet 3.1 has 117,791 synsets");
        assertEquals(reference.size(), wn.lemmas().size(), "distinct first lemmas");
        Map<String, String> actual = new LinkedHashMap<>();
        wn.lemmas().forEach(l -> actual.put(l.lemma(), l.synset()));
        assertEquals(reference, actual, "each lemma keeps its most used synset, ties in WordNet order");
    }

    @Test
    void domainsAreTheFirstTopicPointersTarget() {
        WordNetLemmas wn = WordNetLemmas.load();
        Map<String, Integer> reference = new TreeMap<>();
        for (Lemma l : wn.lemmas()) {
            String[] f = rawLines.get(l.synset());
            int words = Integer.parseInt(f[3], 16);
            int p = 4 + 2 * words;
            int pointers = Integer.parseInt(f[p]);
            String domain = Lemma.NO_DOMAIN;
            for (int i = 0; i < pointers; i++) {
                int at = p + 1 + 4 * i;
                if (f[at].equals(";c")) {
                    domain = firstWord(rawLines.get(posKey(f[at + 2]) + ":" + f[at + 1]));
                    break;
                }
            }
            reference.merge(domain, 1, Integer::sum);
        }
        Map<String, Integer> actual = new TreeMap<>();
        wn.lemmas().forEach(l -> actual.merge(l.domain(), 1, Integer::sum));
        assertEquals(reference, actual);
        assertTrue(actual.get("law") > 100 && actual.get("computer science") > 100, "real topic domains: " + actual.size());
    }

    @Test
    void aKnownLemmaCarriesItsWordNetFacts() {
        Map<String, Lemma> byLemma = new HashMap<>();
        WordNetLemmas.load().lemmas().forEach(l -> byLemma.put(l.lemma(), l));
        Lemma physical = byLemma.get("physical entity");
        assertEquals("n:00001930", physical.synset(), "underscores shown as spaces");
        assertEquals("an entity that has physical existence", physical.gloss());
        Lemma algorithm = byLemma.get("algorithm");
        assertEquals("n:05855965", algorithm.synset());
        Lemma house = byLemma.get("house");
        assertEquals("n:03549540", house.synset(), "the building, the most used sense, not the first by offset");
        assertTrue(house.gloss().startsWith("a dwelling that serves as living quarters"), house.gloss());
        assertEquals("noun", byLemma.get("entity").pos());
        assertEquals("verb", byLemma.get("breathe").pos());
    }
}
