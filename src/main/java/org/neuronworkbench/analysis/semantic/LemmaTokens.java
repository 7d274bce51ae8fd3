package org.neuronworkbench.analysis.semantic;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.neuronworkbench.model.Token;
import org.neuronworkbench.model.TokenizedText;
import org.neuronworkbench.model.tokenizer.Tokenizer;

/**
 * How a lemma becomes token ids: as it is written inside a sentence, after a word and a space.
 * The lemma is tokenized behind a one-word context ({@value #CONTEXT}) and only the tokens that
 * cover the lemma are kept (never special tokens).
 *
 * <p>Why: the activation map is gathered from running text, where a word nearly always follows a
 * space. Byte-level BPE (GPT-2, Pythia, Qwen2) spells that word with its space ("Ġcat", id 3797)
 * and spells a text-initial "cat" differently (id 9246), so the in-sentence form is the one whose
 * map row carries most evidence. SentencePiece models (Llama) likewise use "▁cat" inside a
 * sentence; WordPiece (MiniLM) drops the space, so the context changes nothing there.
 */
public final class LemmaTokens {
    static final String CONTEXT = "a ";
    /** Vocabulary strings that mark an unknown token in the tokenizers the workbench loads. */
    private static final Set<String> UNKNOWN = Set.of("[UNK]", "<unk>", "<|unk|>", "<UNK>");

    private LemmaTokens() {
    }

    /** The lemma's token ids in its in-sentence form; empty only for an empty lemma. */
    public static int[] of(Tokenizer tokenizer, String lemma) {
        TokenizedText t = tokenizer.encode(CONTEXT + lemma, Integer.MAX_VALUE);
        List<Integer> ids = new ArrayList<>();
        for (Token token : t.tokens()) {
            // The context word ends at char 1; a token reaching past it belongs to the lemma
            // (byte-level spans may or may not include the separating space).
            if (!token.special() && token.end() > 1) {
                ids.add(token.id());
            }
        }
        return ids.stream().mapToInt(Integer::intValue).toArray();
    }

    /** True when every id is the tokenizer's unknown token (or there are none). */
    public static boolean onlyUnknown(Tokenizer tokenizer, int[] ids) {
        for (int id : ids) {
            if (!UNKNOWN.contains(tokenizer.vocabString(id))) {
                return false;
            }
        }
        return true;
    }
}
