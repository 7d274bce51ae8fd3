package org.neuronworkbench.index;

import java.util.ArrayList;
import java.util.List;
import org.neuronworkbench.corpus.Corpora;
import org.neuronworkbench.corpus.CorpusReader;
import org.neuronworkbench.corpus.CorpusReport;
import org.neuronworkbench.corpus.Span;
import org.neuronworkbench.corpus.TokenSplitter;
import org.neuronworkbench.corpus.Window;
import org.neuronworkbench.corpus.Windower;
import org.neuronworkbench.model.ModelRunner;
import org.neuronworkbench.model.Token;
import org.neuronworkbench.model.tokenizer.Tokenizer;
import org.neuronworkbench.work.Cancel;

/**
 * How a build reads its corpus: windows split by the model's tokenizer, counted once up front and
 * pulled in batches. Shared by {@link IndexBuilder} (the count) and {@link BuildRun} (the passes),
 * so neither depends on the other for it.
 */
final class CorpusWindows {
    private CorpusWindows() {
    }

    /** Content-token spans of a text, for windowing (special tokens are added when a window runs). */
    static TokenSplitter splitterFor(ModelRunner runner) {
        Tokenizer tok = runner.tokenizer();
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

    /** A first streaming pass that only tokenizes: totals for progress, and bad input fails before anything is written. */
    record Count(long windows, long documentsWithoutTokens, CorpusReport report, boolean cancelled) {
        static Count of(String spec, IndexOptions o, TokenSplitter splitter, Cancel cancel) {
            try (CorpusReader reader = Corpora.open(spec, o.corpus())) {
                Windower w = new Windower(reader, splitter, o.window());
                long n = 0;
                while (w.hasNext()) {
                    w.next();
                    n++;
                    if ((n & 255) == 0 && cancel.isCancelled()) {
                        return new Count(n, w.documentsWithoutTokens(), reader.report(), true);
                    }
                }
                return new Count(n, w.documentsWithoutTokens(), reader.report(), false);
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
