package org.neuronworkbench.analysis.semantic;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import net.sf.extjwnl.JWNLException;
import net.sf.extjwnl.data.POS;
import net.sf.extjwnl.data.Pointer;
import net.sf.extjwnl.data.PointerType;
import net.sf.extjwnl.data.Synset;
import net.sf.extjwnl.dictionary.Dictionary;

/**
 * The WordNet 3.1 data of a semantic map: every synset's first lemma with its part of speech,
 * first topic domain and gloss. Several synsets share a first lemma ("bank"); a lemma is one
 * point, so it keeps the synset in which its first word was tagged most often in the SemCor
 * counts WordNet ships (the word's use count: "house" keeps the building, 157, not the
 * children's play, 1); ties, including the many untagged words, go to the first synset in
 * WordNet file order (nouns, verbs, adjectives, adverbs, each by offset).
 *
 * @param lemmas  distinct lemmas in WordNet order
 * @param synsets how many synsets were read
 */
public record WordNetLemmas(List<Lemma> lemmas, int synsets) {
    private static WordNetLemmas cached;

    public WordNetLemmas {
        lemmas = List.copyOf(lemmas);
    }

    /** Reads the built-in WordNet once per process (a few seconds) and keeps the result. */
    public static synchronized WordNetLemmas load() {
        if (cached == null) {
            cached = read();
        }
        return cached;
    }

    private static WordNetLemmas read() {
        Dictionary dictionary;
        try {
            dictionary = Dictionary.getDefaultResourceInstance();
        } catch (JWNLException | RuntimeException e) {
            throw new IllegalStateException("could not open the built-in WordNet: " + e.getMessage(), e);
        }
        try {
            Map<String, Lemma> byLemma = new LinkedHashMap<>();
            Map<String, Integer> useCount = new HashMap<>();
            Map<String, String> domainNames = new HashMap<>();
            int synsets = 0;
            for (POS pos : POS.getAllPOS()) {
                for (Iterator<Synset> it = dictionary.getSynsetIterator(pos); it.hasNext(); ) {
                    Synset s = it.next();
                    synsets++;
                    if (s.getWords().isEmpty()) {
                        continue;
                    }
                    String lemma = s.getWords().get(0).getLemma().replace('_', ' ');
                    int uses = s.getWords().get(0).getUseCount();
                    Integer best = useCount.get(lemma);
                    if (best != null && uses <= best) {
                        continue;
                    }
                    useCount.put(lemma, uses);
                    // replacing keeps the lemma's first position (LinkedHashMap), so the order stays WordNet's
                    byLemma.put(lemma, new Lemma(lemma, synsetId(pos, s.getOffset()), pos.getLabel(),
                            domainOf(dictionary, s, domainNames), s.getGloss() == null ? "" : s.getGloss()));
                }
            }
            return new WordNetLemmas(new ArrayList<>(byLemma.values()), synsets);
        } catch (JWNLException e) {
            throw new IllegalStateException("could not read the built-in WordNet: " + e.getMessage(), e);
        } finally {
            try {
                dictionary.close();
            } catch (JWNLException | RuntimeException ignored) {
                // read-only resources; nothing is lost if closing fails
            }
        }
    }

    static String synsetId(POS pos, long offset) {
        return pos.getKey() + ":" + String.format(Locale.ROOT, "%08d", offset);
    }

    /** The first topic domain (";c" pointer) by its first lemma; domain synsets are looked up once each. */
    private static String domainOf(Dictionary d, Synset s, Map<String, String> names) throws JWNLException {
        for (Pointer p : s.getPointers()) {
            if (p.getType() == PointerType.CATEGORY) {
                String key = synsetId(p.getTargetPOS(), p.getTargetOffset());
                String name = names.get(key);
                if (name == null) {
                    Synset target = d.getSynsetAt(p.getTargetPOS(), p.getTargetOffset());
                    name = target == null || target.getWords().isEmpty() ? Lemma.NO_DOMAIN
                            : target.getWords().get(0).getLemma().replace('_', ' ');
                    names.put(key, name);
                }
                return name;
            }
        }
        return Lemma.NO_DOMAIN;
    }
}
