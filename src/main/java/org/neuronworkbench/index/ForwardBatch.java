package org.neuronworkbench.index;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.neuronworkbench.corpus.Window;
import org.neuronworkbench.model.ActivationCache;
import org.neuronworkbench.model.ModelRunner;
import org.neuronworkbench.model.TokenBudgetBatches;
import org.neuronworkbench.model.Token;
import org.neuronworkbench.model.TokenizedText;
import org.neuronworkbench.model.hooks.HookName;
import org.neuronworkbench.model.hooks.HookSet;
import org.neuronworkbench.work.Cancel;

/**
 * Windows run through the model together with every layer's mlp.hook_post kept.
 * Each window's text is tokenized on its own (with the model's special tokens), exactly as
 * {@code probe} would run it, so an excerpt's numbers can be reproduced from its text.
 *
 * <p>{@link #runSorted} sorts a batch of windows by token count and runs it as forwards of at most
 * {@link TokenBudgetBatches#BUDGET} padded tokens (the one batching policy): short windows
 * (glosses, sentences) then share forwards with windows of similar length instead of being padded
 * to the batch's longest, which is
 * most of the cost when lengths vary. The split depends only on the batch, so a resumed build
 * splits the same way.
 */
final class ForwardBatch {
    /** Thrown from inside the forward pass when the build is cancelled. */
    static final class Cancelled extends RuntimeException {
        Cancelled() {
            super("cancelled", null, false, false);
        }
    }

    final List<Window> windows;
    /** Corpus sequence number of each window (not contiguous: the windows are sorted by length). */
    private final long[] seqs;
    final List<TokenizedText> texts;
    /** Per window, the token positions that are counted (content tokens, or all with specials). */
    final int[][] counted;
    /** Per layer, the padded [B, T, W] activations. */
    final float[][] layerData;
    final int padded;
    final int width;
    final int truncated;

    private ForwardBatch(List<Window> windows, long[] seqs, List<TokenizedText> texts, int[][] counted,
                         float[][] layerData, int padded, int width, int truncated) {
        this.windows = windows;
        this.seqs = seqs;
        this.texts = texts;
        this.counted = counted;
        this.layerData = layerData;
        this.padded = padded;
        this.width = width;
        this.truncated = truncated;
    }

    /**
     * Runs {@code windows} (sequence numbers {@code firstSeq}, {@code firstSeq + 1}, ...) as
     * length-sorted forwards and hands each one's activations to {@code each}, shortest first.
     */
    static void runSorted(ModelRunner runner, List<Window> windows, long firstSeq, boolean includeSpecial,
                          Cancel cancel, Consumer<ForwardBatch> each) {
        int n = windows.size();
        TokenizedText[] texts = new TokenizedText[n];
        int[] lengths = new int[n];
        for (int b = 0; b < n; b++) {
            texts[b] = runner.tokenizer().encode(windows.get(b).text(), runner.config().maxPositions());
            lengths[b] = texts[b].length();
        }
        for (int[] group : TokenBudgetBatches.plan(lengths)) {
            List<Window> ws = new ArrayList<>(group.length);
            List<TokenizedText> ts = new ArrayList<>(group.length);
            long[] seqs = new long[group.length];
            for (int k = 0; k < group.length; k++) {
                ws.add(windows.get(group[k]));
                ts.add(texts[group[k]]);
                seqs[k] = firstSeq + group[k];
            }
            each.accept(run(runner, ws, seqs, ts, includeSpecial, cancel));
        }
    }

    private static ForwardBatch run(ModelRunner runner, List<Window> windows, long[] seqs, List<TokenizedText> texts,
                                    boolean includeSpecial, Cancel cancel) {
        int layers = runner.config().layers();
        int truncated = 0;
        int[][] counted = new int[windows.size()][];
        for (int b = 0; b < windows.size(); b++) {
            TokenizedText t = texts.get(b);
            truncated += t.truncated() ? 1 : 0;
            counted[b] = countedPositions(t, includeSpecial);
        }
        HookSet hooks = HookSet.caching(HookName::isMlpPost);
        for (int l = 0; l < layers; l++) {
            // Checked once per layer so a cancel is honoured well inside one batch's forward.
            hooks.add(HookName.mlpPost(l), (a, name) -> {
                if (cancel.isCancelled()) {
                    throw new Cancelled();
                }
                return a;
            });
        }
        ActivationCache cache = runner.runWithHooks(texts, hooks);
        float[][] data = new float[layers][];
        long[] shape = null;
        for (int l = 0; l < layers; l++) {
            ActivationCache.CachedTensor t = cache.tensor(HookName.mlpPost(l));
            data[l] = t.data();
            shape = t.shape();
        }
        return new ForwardBatch(windows, seqs, texts, counted, data, (int) shape[1], (int) shape[2], truncated);
    }

    static int[] countedPositions(TokenizedText t, boolean includeSpecial) {
        List<Token> tokens = t.tokens();
        int n = 0;
        int[] out = new int[tokens.size()];
        for (Token tok : tokens) {
            if (includeSpecial || !tok.special()) {
                out[n++] = tok.index();
            }
        }
        return Arrays.copyOf(out, n);
    }

    /** The corpus sequence number of window {@code b}. */
    long seq(int b) {
        return seqs[b];
    }

    int tokenId(int b, int position) {
        return texts.get(b).tokens().get(position).id();
    }

    /** Offset of (window b, position p) in a layer's data; add the unit. */
    int offset(int b, int p) {
        return (b * padded + p) * width;
    }

    long countedTokens() {
        long n = 0;
        for (int[] c : counted) {
            n += c.length;
        }
        return n;
    }
}
