package org.neuronworkbench.index;

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
     */
    record Count(long windows, long documentsWithoutTokens, CorpusReport report, boolean cancelled) {
        static final String PHASE = "Counting windows";

        static Count of(String spec, IndexOptions o, TokenSplitter splitter, Cancel cancel, Progress progress) {
            try (CorpusReader reader = Corpora.open(spec, o.corpus())) {
                long[] n = {0};
                Windower w = new Windower(reader, splitter, o.window(), step -> progress.report(new Step(PHASE, n[0], 0,
                        String.format(Locale.ROOT, "%,d windows so far · %s %.0f%% tokenized", n[0], step.detail(),
                                100 * Math.max(0, step.fraction())))));
                while (w.hasNext()) {
                    w.next();
                    n[0]++;
                    if ((n[0] & 255) == 0 && cancel.isCancelled()) {
                        return new Count(n[0], w.documentsWithoutTokens(), reader.report(), true);
                    }
                    if ((n[0] & 16383) == 0) {
                        progress.report(new Step(PHASE, n[0], 0, String.format(Locale.ROOT, "%,d windows so far · %,d documents read",
                                n[0], reader.report().documents())));
                    }
                }
                return new Count(n[0], w.documentsWithoutTokens(), reader.report(), false);
            }
        }
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
