package org.neuronworkbench.corpus;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.neuronworkbench.work.Progress;
import org.neuronworkbench.work.Step;

/**
 * Lazily turns a corpus into windows: one document is read only when the windows of the previous
 * one are used up. Windows never cross documents. The caller closes the reader.
 *
 * <p>Memory per document is bounded whatever its length: the tokenizer only ever sees pieces of
 * at most {@link #PIECE_CHARS} chars, cut where a run of whitespace starts (for byte-level BPE and
 * WordPiece tokenizers, which split words at whitespace first, the tokens are then exactly those
 * of the whole document), and windows are cut from a rolling buffer of token spans as soon as
 * enough tokens are known. What a long document costs is its own text (held once, as read) plus
 * one piece's tokenization; the 64 MiB line cap of the readers is only a sanity limit. A document
 * longer than one piece reports progress per piece, so a single huge line is not a silent wait.
 */
public final class Windower implements Iterator<Window> {
    /** Chars handed to the tokenizer at once: a few milliseconds of work, a few MB of tokenizer memory. */
    public static final int PIECE_CHARS = 1 << 15;

    private final CorpusReader reader;
    private final TokenSplitter splitter;
    private final WindowOptions options;
    private final int pieceChars;
    private final Progress progress;
    private Window pending;
    private long documentsWithoutTokens;
    private boolean exhausted;

    // The document being windowed: its tokens from the rolling buffer's start on, in document chars.
    private CorpusDocument doc;
    private int tokenizedTo;
    private final ArrayList<Span> tokens = new ArrayList<>();
    private int nextFirst;
    private int windowIndex;
    private boolean docHasTokens;

    public Windower(CorpusReader reader, TokenSplitter splitter, WindowOptions options) {
        this(reader, splitter, options, Progress.NONE);
    }

    /**
     * @param progress told after each piece of a document longer than one piece:
     *                 phase "tokenizing", chars done and the document's length, and its id
     */
    public Windower(CorpusReader reader, TokenSplitter splitter, WindowOptions options, Progress progress) {
        this(reader, splitter, options, progress, PIECE_CHARS);
    }

    /** Small pieces let tests exercise documents of many pieces. */
    Windower(CorpusReader reader, TokenSplitter splitter, WindowOptions options, Progress progress, int pieceChars) {
        this.reader = Objects.requireNonNull(reader, "reader");
        this.splitter = Objects.requireNonNull(splitter, "splitter");
        this.options = Objects.requireNonNull(options, "options");
        this.progress = Objects.requireNonNull(progress, "progress");
        if (pieceChars < 2) {
            throw new IllegalArgumentException("pieces must hold at least 2 chars (a surrogate pair)");
        }
        this.pieceChars = pieceChars;
    }

    @Override
    public boolean hasNext() {
        while (pending == null && !exhausted) {
            if (doc == null) {
                Optional<CorpusDocument> next = reader.next();
                if (next.isEmpty()) {
                    exhausted = true;
                    break;
                }
                start(next.get());
            }
            pending = nextWindowOfDocument();
            if (pending == null) {
                if (!docHasTokens) {
                    documentsWithoutTokens++;
                }
                doc = null;
                tokens.clear();
            }
        }
        return pending != null;
    }

    @Override
    public Window next() {
        if (!hasNext()) {
            throw new NoSuchElementException("no more windows in " + reader.source());
        }
        Window w = pending;
        pending = null;
        return w;
    }

    /** Sequential, lazy stream over the remaining windows. */
    public Stream<Window> stream() {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(this, Spliterator.ORDERED | Spliterator.NONNULL), false);
    }

    /** Documents so far whose splitter returned no tokens (they yield no windows). */
    public long documentsWithoutTokens() {
        return documentsWithoutTokens;
    }

    private void start(CorpusDocument d) {
        doc = d;
        tokenizedTo = 0;
        tokens.clear();
        nextFirst = 0;
        windowIndex = 0;
        docHasTokens = false;
    }

    /**
     * The same windows as {@link #windowsOf} on the whole document's spans: a window starts every
     * {@code stride} tokens, and the one that reaches the last token is the last. To know whether a
     * window is the last, one token past it must be known (or the whole document tokenized).
     */
    private Window nextWindowOfDocument() {
        int size = options.size();
        int length = doc.text().length();
        while (tokens.size() <= nextFirst + size && tokenizedTo < length) {
            tokenizeNextPiece();
        }
        if (nextFirst >= tokens.size()) {
            return null;
        }
        int last = Math.min(nextFirst + size, tokens.size()) - 1;
        int charStart = tokens.get(nextFirst).start();
        int charEnd = tokens.get(last).end();
        Window w = new Window(doc.id(), windowIndex++, charStart, charEnd, doc.text().substring(charStart, charEnd));
        if (last == tokens.size() - 1 && tokenizedTo == length) {
            nextFirst = tokens.size(); // that window reached the last token
        } else {
            nextFirst += options.stride();
        }
        // Drop spans no later window needs, in blocks, so the buffer stays about one piece long.
        if (nextFirst >= 4096 && nextFirst * 2 >= tokens.size()) {
            tokens.subList(0, nextFirst).clear();
            nextFirst = 0;
        }
        return w;
    }

    private void tokenizeNextPiece() {
        String text = doc.text();
        int from = tokenizedTo;
        int to = cutPoint(text, from, pieceChars);
        List<Span> spans = splitter.spans(from == 0 && to == text.length() ? text : text.substring(from, to));
        Span previous = tokens.isEmpty() ? null : tokens.get(tokens.size() - 1);
        for (int i = 0; i < spans.size(); i++) {
            Span local = spans.get(i);
            if (local.end() > to - from) {
                throw new IllegalArgumentException("token span [" + (from + local.start()) + ", " + (from + local.end())
                        + ") is outside document " + doc.id() + " piece [" + from + ", " + to + ")");
            }
            Span s = new Span(from + local.start(), from + local.end());
            checkOrder(doc, previous, s, i);
            tokens.add(s);
            previous = s;
        }
        docHasTokens |= !spans.isEmpty();
        tokenizedTo = to;
        if (from > 0 || to < text.length()) {
            progress.report(new Step("tokenizing", to, text.length(), doc.id()));
        }
    }

    /**
     * Where the piece starting at {@code from} ends: the whole rest if it fits, else the start of
     * the last whitespace run in the second half of the allowed length, else the length itself
     * (moved back so a surrogate pair is never split).
     */
    static int cutPoint(String text, int from, int pieceChars) {
        if (text.length() - from <= pieceChars) {
            return text.length();
        }
        int limit = from + pieceChars;
        for (int i = limit; i > from + pieceChars / 2; i--) {
            if (Character.isWhitespace(text.charAt(i)) && !Character.isWhitespace(text.charAt(i - 1))) {
                return i;
            }
        }
        return Character.isLowSurrogate(text.charAt(limit)) && Character.isHighSurrogate(text.charAt(limit - 1))
                ? limit - 1 : limit;
    }

    /**
     * The windows of one document, in order. Token windows start every {@code stride} tokens and
     * stop once a window reaches the last token, so the last may be shorter and none is redundant.
     *
     * @throws IllegalArgumentException if spans fall outside the text or go backwards
     */
    public static List<Window> windowsOf(CorpusDocument doc, List<Span> spans, WindowOptions options) {
        checkSpans(doc, spans);
        int n = spans.size();
        List<Window> windows = new ArrayList<>();
        for (int first = 0; first < n; first += options.stride()) {
            int last = Math.min(first + options.size(), n) - 1;
            int charStart = spans.get(first).start();
            int charEnd = spans.get(last).end();
            windows.add(new Window(doc.id(), windows.size(), charStart, charEnd,
                    doc.text().substring(charStart, charEnd)));
            if (last == n - 1) {
                break;
            }
        }
        return windows;
    }

    private static void checkSpans(CorpusDocument doc, List<Span> spans) {
        int length = doc.text().length();
        Span previous = null;
        for (int i = 0; i < spans.size(); i++) {
            Span s = spans.get(i);
            if (s.end() > length) {
                throw new IllegalArgumentException("token " + i + " span [" + s.start() + ", " + s.end()
                        + ") is outside document " + doc.id() + " of length " + length);
            }
            checkOrder(doc, previous, s, i);
            previous = s;
        }
    }

    /** Byte-level tokenizers may give two tokens the same chars, so only require no going back. */
    private static void checkOrder(CorpusDocument doc, Span previous, Span s, int i) {
        if (previous != null && (s.start() < previous.start() || s.end() < previous.end())) {
            throw new IllegalArgumentException("token spans of " + doc.id() + " are out of order at token "
                    + i + ": " + previous + " then " + s);
        }
    }
}
