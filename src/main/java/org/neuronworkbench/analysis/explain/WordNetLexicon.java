package org.neuronworkbench.analysis.explain;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import net.sf.extjwnl.JWNLException;
import net.sf.extjwnl.data.IndexWord;
import net.sf.extjwnl.data.POS;
import net.sf.extjwnl.data.Pointer;
import net.sf.extjwnl.data.PointerType;
import net.sf.extjwnl.data.Synset;
import net.sf.extjwnl.data.Word;
import net.sf.extjwnl.dictionary.Dictionary;

/**
 * The built-in WordNet 3.1 (extJWNL) as the explainers need it: noun classes of a word and the
 * related words a substitution tries. One shared dictionary; calls are serialised because the
 * dictionary's caches are not thread-safe.
 */
public final class WordNetLexicon {
    /**
     * Only a word's most frequent noun senses count for classes: WordNet lists senses by corpus
     * frequency, and the rare ones ("cat" as a CT scan, "dog" as a cad) make spurious classes.
     */
    static final int SENSES = 2;

    /** A noun class: the synset's offset, its first lemma, and its shortest distance to a root. */
    public record NounClass(long offset, String lemma, int depth) {
    }

    /** A related word and how it relates ("synonym", "antonym", "hypernym", "co-hyponym"). */
    public record Related(String word, String relation) {
    }

    private static WordNetLexicon shared;

    private final Dictionary dictionary;
    private final Map<String, Set<NounClass>> classCache = new HashMap<>();
    private final Map<Long, Integer> depthCache = new HashMap<>();

    private WordNetLexicon(Dictionary dictionary) {
        this.dictionary = dictionary;
    }

    /** The built-in dictionary, opened once per process. */
    public static synchronized WordNetLexicon shared() {
        if (shared == null) {
            try {
                shared = new WordNetLexicon(Dictionary.getDefaultResourceInstance());
            } catch (JWNLException e) {
                throw new IllegalStateException("could not open the built-in WordNet: " + e.getMessage(), e);
            }
        }
        return shared;
    }

    /**
     * Every class (hypernym or instance-hypernym ancestor, the sense itself included) of the word's
     * first {@link #SENSES} noun senses; empty when WordNet does not know the word as a noun.
     */
    public synchronized Set<NounClass> nounClasses(String word) {
        String key = key(word);
        Set<NounClass> cached = classCache.get(key);
        if (cached != null) {
            return cached;
        }
        Set<NounClass> out = new LinkedHashSet<>();
        if (!key.isEmpty()) {
            List<Synset> senses = senses(POS.NOUN, key);
            for (Synset s : senses.subList(0, Math.min(SENSES, senses.size()))) {
                ArrayDeque<Synset> todo = new ArrayDeque<>(List.of(s));
                Set<Long> seen = new java.util.HashSet<>();
                while (!todo.isEmpty()) {
                    Synset cur = todo.removeFirst();
                    if (seen.add(cur.getOffset())) {
                        out.add(new NounClass(cur.getOffset(), lemma(cur), depth(cur)));
                        todo.addAll(parents(cur));
                    }
                }
            }
        }
        Set<NounClass> frozen = Set.copyOf(out);
        classCache.put(key, frozen);
        return frozen;
    }

    /** Whether one of the word's first noun senses lies under the class with this offset. */
    public boolean isA(String word, long classOffset) {
        for (NounClass c : nounClasses(word)) {
            if (c.offset() == classOffset) {
                return true;
            }
        }
        return false;
    }

    /**
     * Single words related to the word in any part of speech, in this order: synonyms, antonyms,
     * hypernyms, co-hyponyms (siblings under a hypernym); each word once, the word itself excluded,
     * at most {@code limit}.
     */
    public synchronized List<Related> related(String word, int limit) {
        String key = key(word);
        Map<String, String> out = new LinkedHashMap<>();
        if (key.isEmpty()) {
            return List.of();
        }
        List<Synset> all = new ArrayList<>();
        for (POS pos : POS.getAllPOS()) {
            List<Synset> s = senses(pos, key);
            all.addAll(s.subList(0, Math.min(SENSES, s.size())));
        }
        for (Synset s : all) {
            for (Word w : s.getWords()) {
                add(out, w.getLemma(), "synonym", key);
            }
        }
        for (Synset s : all) {
            for (Word w : s.getWords()) {
                for (Pointer p : w.getPointers(PointerType.ANTONYM)) {
                    try {
                        if (p.getTarget() instanceof Word t) {
                            add(out, t.getLemma(), "antonym", key);
                        }
                    } catch (JWNLException e) {
                        // A dangling pointer in the data: skip it.
                    }
                }
            }
        }
        List<Synset> parents = new ArrayList<>();
        for (Synset s : all) {
            for (Synset p : parents(s)) {
                parents.add(p);
                for (Word w : p.getWords()) {
                    add(out, w.getLemma(), "hypernym", key);
                }
            }
        }
        for (Synset p : parents) {
            for (Synset sibling : children(p)) {
                for (Word w : sibling.getWords()) {
                    add(out, w.getLemma(), "co-hyponym", key);
                }
            }
        }
        List<Related> list = new ArrayList<>();
        for (Map.Entry<String, String> e : out.entrySet()) {
            if (list.size() == limit) {
                break;
            }
            list.add(new Related(e.getKey(), e.getValue()));
        }
        return list;
    }

    private static void add(Map<String, String> out, String lemma, String relation, String self) {
        // Multi-word lemmas ("domestic_cat") cannot stand in for one token.
        if (lemma.indexOf(' ') < 0 && lemma.indexOf('_') < 0 && !lemma.equalsIgnoreCase(self)) {
            out.putIfAbsent(lemma, relation);
        }
    }

    /** Lower-cased, trimmed: the form WordNet lookups and token comparisons use. */
    static String key(String word) {
        return word == null ? "" : word.strip().toLowerCase(Locale.ROOT);
    }

    private List<Synset> senses(POS pos, String word) {
        try {
            IndexWord w = dictionary.lookupIndexWord(pos, word);
            return w == null ? List.of() : w.getSenses();
        } catch (JWNLException | RuntimeException e) {
            // A word WordNet cannot parse (symbols, very long tokens) simply has no senses.
            return List.of();
        }
    }

    private static List<Synset> parents(Synset s) {
        List<Synset> out = new ArrayList<>();
        for (Pointer p : s.getPointers()) {
            if (p.getType() == PointerType.HYPERNYM || p.getType() == PointerType.INSTANCE_HYPERNYM) {
                try {
                    out.add(p.getTargetSynset());
                } catch (JWNLException e) {
                    // A dangling pointer in the data: skip it.
                }
            }
        }
        return out;
    }

    private static List<Synset> children(Synset s) {
        List<Synset> out = new ArrayList<>();
        for (Pointer p : s.getPointers()) {
            if (p.getType() == PointerType.HYPONYM || p.getType() == PointerType.INSTANCES_HYPONYM) {
                try {
                    out.add(p.getTargetSynset());
                } catch (JWNLException e) {
                    // A dangling pointer in the data: skip it.
                }
            }
        }
        return out;
    }

    private int depth(Synset s) {
        Integer d = depthCache.get(s.getOffset());
        if (d != null) {
            return d;
        }
        List<Synset> up = parents(s);
        int best = 0;
        if (!up.isEmpty()) {
            best = Integer.MAX_VALUE;
            for (Synset p : up) {
                best = Math.min(best, depth(p) + 1);
            }
        }
        depthCache.put(s.getOffset(), best);
        return best;
    }

    private static String lemma(Synset s) {
        return s.getWords().isEmpty() ? Long.toString(s.getOffset()) : s.getWords().get(0).getLemma();
    }
}
