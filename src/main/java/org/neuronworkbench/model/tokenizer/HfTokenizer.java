package org.neuronworkbench.model.tokenizer;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.huggingface.tokenizers.jni.CharSpan;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.neuronworkbench.model.ModelLoadException;
import org.neuronworkbench.model.Token;
import org.neuronworkbench.model.TokenizedText;
import org.neuronworkbench.work.JsonErrors;

/** A Hugging Face tokenizer.json through DJL's bindings. */
public final class HfTokenizer implements Tokenizer {
    // tokenizer.json files often carry padding/truncation settings (MiniLM: 128); the runner batches
    // and windows itself, so both are switched off.
    private static final Map<String, String> OPTIONS = Map.of(
            "padding", "false", "truncation", "false", "addSpecialTokens", "true");

    /** Real tokenizer.json files are at most a few tens of MiB. */
    static final long MAX_BYTES = 512L << 20;
    private static final ObjectMapper STRICT_JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final HuggingFaceTokenizer tokenizer;
    private final String source;

    private HfTokenizer(HuggingFaceTokenizer tokenizer, String source) {
        this.tokenizer = tokenizer;
        this.source = source;
    }

    /**
     * Text that reaches the unknown-token path, digits, punctuation and a non-BMP character, so a
     * tokenizer whose vocabulary lacks its own unknown token fails when it is opened rather than on
     * the first unusual word of a corpus.
     */
    private static final String PROBE = "The cat sat. 42 caf\u00e9 \u2603 \uD83D\uDE00 zqxj";

    public static HfTokenizer open(Path tokenizerJson) {
        if (!Files.isRegularFile(tokenizerJson)) {
            throw new ModelLoadException("Tokenizer file " + tokenizerJson + " does not exist.");
        }
        byte[] bytes;
        try {
            if (Files.size(tokenizerJson) > MAX_BYTES) {
                throw new ModelLoadException("Tokenizer file " + tokenizerJson + " is " + Files.size(tokenizerJson)
                        + " bytes, more than the " + (MAX_BYTES >> 20) + " MiB a tokenizer.json may take.");
            }
            bytes = Files.readAllBytes(tokenizerJson);
        } catch (IOException e) {
            throw new ModelLoadException("Cannot read tokenizer " + tokenizerJson + ": " + e.getMessage(), e);
        }
        return open(bytes, tokenizerJson.toString());
    }

    public static HfTokenizer open(InputStream tokenizerJson) {
        try (InputStream in = tokenizerJson) {
            return open(in.readAllBytes(), "(embedded tokenizer.json)");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The native tokenizer library aborts the whole process (a Rust panic across JNI cannot be
     * caught) when the JSON of a component such as {@code "decoder"} fails to parse. So the bytes
     * are first checked here to be one JSON object that its parser accepts too: well-formed, nested
     * less deep than its recursion limit, no lone surrogate escapes, no number out of range. The
     * native side then gets exactly those bytes.
     */
    private static HfTokenizer open(byte[] bytes, String source) {
        try {
            JsonNode root = STRICT_JSON.readTree(bytes);
            if (root == null || !root.isObject()) {
                throw new ModelLoadException("Cannot read tokenizer " + source + ": it is not a JSON object.");
            }
            String problem = nativeParserProblem(root, 0);
            if (problem != null) {
                throw new ModelLoadException("Cannot read tokenizer " + source + ": " + problem + ".");
            }
        } catch (IOException e) {
            String why = e instanceof JsonProcessingException j ? JsonErrors.describe(j) : e.getMessage();
            throw new ModelLoadException("Cannot read tokenizer " + source + ": it is not valid JSON (" + why + ").", e);
        }
        HuggingFaceTokenizer loaded;
        try {
            loaded = HuggingFaceTokenizer.newInstance(new ByteArrayInputStream(bytes), OPTIONS);
        } catch (IOException | RuntimeException e) {
            throw new ModelLoadException("Cannot read tokenizer " + source + ": " + e.getMessage(), e);
        }
        HfTokenizer opened = new HfTokenizer(loaded, source);
        try {
            opened.encode(PROBE, Integer.MAX_VALUE);
        } catch (ModelLoadException e) {
            opened.close();
            throw e;
        }
        return opened;
    }

    /**
     * The native library reports a damaged tokenizer (say a WordPiece vocabulary without its
     * unknown token) only when it meets text that needs the missing part, as a bare
     * RuntimeException; this names the file and says it is the tokenizer's fault.
     */
    private ModelLoadException broken(RuntimeException e) {
        return new ModelLoadException("Tokenizer " + source + " cannot encode text: " + e.getMessage(), e);
    }

    /** The native parser's recursion limit is 128; real tokenizer.json files nest fewer than 10 deep. */
    private static final int MAX_DEPTH = 64;

    private static String nativeParserProblem(JsonNode node, int depth) {
        if (depth > MAX_DEPTH) {
            return "it nests deeper than " + MAX_DEPTH + " levels";
        }
        if (node.isTextual() && !wellFormed(node.textValue())) {
            return "a string holds a lone surrogate";
        }
        if (node.isNumber() && !Double.isFinite(node.doubleValue())) {
            return "the number " + node.asText() + " is out of range";
        }
        for (var it = node.fields(); it.hasNext(); ) {
            var field = it.next();
            if (!wellFormed(field.getKey())) {
                return "a key holds a lone surrogate";
            }
            String p = nativeParserProblem(field.getValue(), depth + 1);
            if (p != null) {
                return p;
            }
        }
        if (node.isArray()) {
            for (JsonNode child : node) {
                String p = nativeParserProblem(child, depth + 1);
                if (p != null) {
                    return p;
                }
            }
        }
        return null;
    }

    private static boolean wellFormed(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 == s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public TokenizedText encode(String text, int maxTokens) {
        Encoding enc;
        try {
            enc = tokenizer.encode(text, true, false);
        } catch (RuntimeException e) {
            throw broken(e);
        }
        long[] ids = enc.getIds();
        String[] pieces = enc.getTokens();
        long[] special = enc.getSpecialTokenMask();
        CharSpan[] spans = enc.getCharTokenSpans();
        CodePointIndex cps = new CodePointIndex(text);
        List<Token> tokens = new ArrayList<>(ids.length);
        for (int i = 0; i < ids.length; i++) {
            boolean isSpecial = special[i] == 1 || spans[i] == null;
            int start = -1;
            int end = -1;
            String shown = pieces[i];
            if (!isSpecial) {
                // DJL reports spans in code points; everything else in the app uses Java chars.
                start = cps.charIndex(spans[i].getStart());
                end = cps.charIndex(spans[i].getEnd());
                shown = text.substring(start, end);
            }
            tokens.add(new Token(i, shown, (int) ids[i], start, end, isSpecial));
        }
        if (tokens.size() <= maxTokens) {
            return new TokenizedText(text, tokens, false);
        }
        return new TokenizedText(text, truncate(tokens, maxTokens), true);
    }

    /** Keeps the first tokens and any special tokens at the end (e.g. [SEP]). */
    private static List<Token> truncate(List<Token> tokens, int maxTokens) {
        int tail = 0;
        while (tail < tokens.size() && tokens.get(tokens.size() - 1 - tail).special()) {
            tail++;
        }
        tail = Math.min(tail, maxTokens / 2);
        List<Token> kept = new ArrayList<>(tokens.subList(0, maxTokens - tail));
        kept.addAll(tokens.subList(tokens.size() - tail, tokens.size()));
        List<Token> reindexed = new ArrayList<>(kept.size());
        for (int i = 0; i < kept.size(); i++) {
            Token t = kept.get(i);
            reindexed.add(new Token(i, t.text(), t.id(), t.start(), t.end(), t.special()));
        }
        return reindexed;
    }

    @Override
    public String vocabString(int id) {
        return tokenizer.decode(new long[] {id}, false);
    }

    @Override
    public OptionalInt singleTokenId(String word) {
        Encoding enc;
        try {
            enc = tokenizer.encode(word, false, false);
        } catch (RuntimeException e) {
            throw broken(e);
        }
        long[] ids = enc.getIds();
        return ids.length == 1 ? OptionalInt.of((int) ids[0]) : OptionalInt.empty();
    }

    @Override
    public void close() {
        tokenizer.close();
    }

    /** Maps code-point offsets to char offsets for one text. */
    private static final class CodePointIndex {
        private final int[] charAt;

        CodePointIndex(String text) {
            int n = text.codePointCount(0, text.length());
            charAt = new int[n + 1];
            int c = 0;
            for (int i = 0; i < n; i++) {
                charAt[i] = c;
                c += Character.charCount(text.codePointAt(c));
            }
            charAt[n] = text.length();
        }

        int charIndex(int codePoint) {
            return charAt[Math.min(Math.max(codePoint, 0), charAt.length - 1)];
        }
    }
}
