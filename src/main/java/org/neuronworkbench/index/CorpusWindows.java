package org.neuronworkbench.index;

import org.neuronworkbench.corpus.CorpusList;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.neuronworkbench.corpus.Corpora;
import org.neuronworkbench.corpus.CorpusReader;
import org.neuronworkbench.corpus.CorpusReport;
import org.neuronworkbench.corpus.Span;
import org.neuronworkbench.corpus.TokenSplitter;
import org.neuronworkbench.corpus.Window;
import org.neuronworkbench.corpus.Windower;
import org.neuronworkbench.model.Token;
import org.neuronworkbench.model.tokenizer.Tokenizer;
import org.neuronworkbench.work.Cancel;
import org.neuronworkbench.work.Progress;
import org.neuronworkbench.work.Step;

/**
 * How a build reads its corpus: windows split by the model's tokenizer, counted once up front and
 * pulled in batches. Shared by {@link IndexBuilder} (the count) and {@link BuildRun} (the passes),
 * so neither depends on the other for it.
 */
final class CorpusWindows {
    private CorpusWindows() {
    }

    /** Content-token spans of a text, for windowing (special tokens are added when a window runs). */
    static TokenSplitter splitterFor(Tokenizer tok) {
        return text -> {
            List<Span> spans = new ArrayList<>();
            for (Token t : tok.encode(text, Integer.MAX_VALUE).tokens()) {
                if (!t.special()) {
                    spans.add(new Span(t.start(), t.end()));
                }
            }
            return spans;
        };
    }

    /**
     * A first streaming pass that only tokenizes: totals for progress, and bad input fails before
     * anything is written. It reports as it goes (inside a long document too), with no total yet.
     * It also notes where every batch starts ({@link BatchStarts}), so a part of the corpus can be
     * opened at a batch boundary without tokenizing what comes before it.
     */
    record Count(long windows, long documentsWithoutTokens, CorpusReport report, boolean cancelled, BatchStarts starts) {
        static final String PHASE = "Counting windows";

        static Count of(String spec, IndexOptions o, TokenSplitter splitter, Cancel cancel, Progress progress) {
            return of(CorpusList.local(spec), o, splitter, cancel, progress);
        }

        static Count of(CorpusList spec, IndexOptions o, TokenSplitter splitter, Cancel cancel, Progress progress) {
            try (CorpusReader raw = Corpora.open(spec, o.corpus())) {
                DocumentCounter reader = new DocumentCounter(raw);
                BatchStarts.Builder starts = new BatchStarts.Builder();
                long[] n = {0};
                Windower w = new Windower(reader, splitter, o.window(), step -> progress.report(new Step(PHASE, n[0], 0,
                        String.format(Locale.ROOT, "%,d windows so far · %s %.0f%% tokenized", n[0], step.detail(),
                                100 * Math.max(0, step.fraction())))));
                while (w.hasNext()) {
                    Window win = w.next();
                    if (n[0] % o.batchSize() == 0) {
                        starts.add(reader.documents - 1, win.windowIndex());
                    }
                    n[0]++;
                    if ((n[0] & 255) == 0 && cancel.isCancelled()) {
                        return new Count(n[0], w.documentsWithoutTokens(), raw.report(), true, starts.build());
                    }
                    if ((n[0] & 16383) == 0) {
                        progress.report(new Step(PHASE, n[0], 0, String.format(Locale.ROOT, "%,d windows so far · %,d documents read",
                                n[0], raw.report().documents())));
                    }
                }
                return new Count(n[0], w.documentsWithoutTokens(), raw.report(), false, starts.build());
            }
        }
    }

    /**
     * For batch b (windows b * batchSize onwards): how many documents come before its first
     * window's document, and that window's index within its document.
     */
    record BatchStarts(long[] documentsBefore, int[] windowInDocument) implements java.io.Serializable {
        int batches() {
            return documentsBefore.length;
        }

        static final class Builder {
            private long[] docs = new long[16];
            private int[] windows = new int[16];
            private int n;

            void add(long documentsBefore, int windowInDocument) {
                if (n == docs.length) {
                    docs = java.util.Arrays.copyOf(docs, n * 2);
                    windows = java.util.Arrays.copyOf(windows, n * 2);
                }
                docs[n] = documentsBefore;
                windows[n++] = windowInDocument;
            }

            BatchStarts build() {
                return new BatchStarts(java.util.Arrays.copyOf(docs, n), java.util.Arrays.copyOf(windows, n));
            }
        }
    }

    /** Counts the documents handed out, so a window can be placed by document number. */
    private static final class DocumentCounter implements CorpusReader {
        private final CorpusReader in;
        long documents;

        DocumentCounter(CorpusReader in) {
            this.in = in;
        }

        @Override
        public java.util.Optional<org.neuronworkbench.corpus.CorpusDocument> next() {
            var d = in.next();
            if (d.isPresent()) {
                documents++;
            }
            return d;
        }

        @Override
        public CorpusReport report() {
            return in.report();
        }

        @Override
        public String source() {
            return in.source();
        }

        @Override
        public void close() {
            in.close();
        }
    }

    /**
     * Windows from a batch start on: skips {@code documentsBefore} documents unread by the
     * tokenizer, then the first windows of the next one. The caller closes {@code reader}.
     */
    static Windower openAt(CorpusReader reader, TokenSplitter splitter, IndexOptions o, long documentsBefore,
                           int windowInDocument) {
        for (long d = 0; d < documentsBefore; d++) {
            if (reader.next().isEmpty()) {
                throw new IndexException("the corpus " + reader.source() + " now has fewer documents than when it was counted: it changed");
            }
        }
        Windower w = new Windower(reader, splitter, o.window());
        for (int i = 0; i < windowInDocument; i++) {
            if (!w.hasNext()) {
                throw new IndexException("the corpus " + reader.source() + " changed since it was counted");
            }
            w.next();
        }
        return w;
    }

    /** Pulls the next batch of windows, at most {@code size}. */
    static List<Window> nextBatch(Windower w, int size) {
        List<Window> batch = new ArrayList<>(size);
        while (batch.size() < size && w.hasNext()) {
            batch.add(w.next());
        }
        return batch;
    }
}
