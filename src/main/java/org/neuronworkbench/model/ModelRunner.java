package org.neuronworkbench.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import org.neuronworkbench.model.arch.TransformerForward;
import org.neuronworkbench.model.arch.TransformerWeights;
import org.neuronworkbench.model.hooks.HookName;
import org.neuronworkbench.model.hooks.HookSet;
import org.neuronworkbench.model.onnx.OrtMlpPost;
import org.neuronworkbench.model.tokenizer.Tokenizer;

/**
 * Runs one loaded model in-process: tokenization, padded batches, hooks and activation caches.
 * Calls are serialised; each call is one batch (callers chunk large inputs, see {@link #batches}).
 */
public final class ModelRunner implements AutoCloseable {
    private final String source;
    private final TransformerWeights weights;
    private final TransformerForward forward;
    private final Tokenizer tokenizer;
    private final WeightViews views;
    /** The embedded model's MLP activations through ONNX Runtime, for small forwards; null otherwise. */
    private final OrtMlpPost smallMlpPost;

    public ModelRunner(String source, TransformerWeights weights, Tokenizer tokenizer) {
        this(source, weights, tokenizer, null);
    }

    public ModelRunner(String source, TransformerWeights weights, Tokenizer tokenizer, OrtMlpPost smallMlpPost) {
        this.smallMlpPost = smallMlpPost;
        this.source = source;
        this.weights = weights;
        this.forward = new TransformerForward(weights);
        this.tokenizer = tokenizer;
        this.views = new WeightViews(weights);
    }

    /** Where the model came from ("default", a folder, a Hugging Face id). */
    public String source() {
        return source;
    }

    public ModelConfig config() {
        return weights.config();
    }

    public WeightViews weights() {
        return views;
    }

    public boolean hasTokenizer() {
        return tokenizer != null;
    }

    public Tokenizer tokenizer() {
        if (tokenizer == null) {
            throw new IllegalStateException("Model " + source + " has no tokenizer.json; give token ids instead of text.");
        }
        return tokenizer;
    }

    /**
     * Tokenizes one text. Text longer than the model's positions is truncated and flagged
     * ({@link TokenizedText#truncated()}); corpus indexing windows long texts instead.
     */
    public TokenizedText tokenize(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("Text is empty: type at least one word.");
        }
        return tokenizer().encode(text, config().maxPositions());
    }

    public List<TokenizedText> tokenize(List<String> texts) {
        List<TokenizedText> out = new ArrayList<>(texts.size());
        for (String t : texts) {
            out.add(tokenize(t));
        }
        return out;
    }

    /** One padded batch; keeps the activations whose names pass the filter. */
    public ActivationCache runWithCache(List<TokenizedText> texts, Predicate<HookName> filter) {
        return runWithHooks(texts, HookSet.caching(filter));
    }

    /** One padded batch with hooks that may read or replace activations. */
    public ActivationCache runWithHooks(List<TokenizedText> texts, HookSet hooks) {
        List<int[]> ids = new ArrayList<>(texts.size());
        for (TokenizedText t : texts) {
            ids.add(t.ids());
        }
        return runTokens(ids, hooks);
    }

    /** One padded batch of token-id rows (right-padded; a padded row equals the row run alone). */
    public synchronized ActivationCache runTokens(List<int[]> ids, HookSet hooks) {
        if (ids.isEmpty()) {
            throw new IllegalArgumentException("Nothing to run: the batch is empty.");
        }
        int[] lengths = new int[ids.size()];
        int t = 0;
        for (int i = 0; i < lengths.length; i++) {
            lengths[i] = ids.get(i).length;
            if (lengths[i] == 0) {
                throw new IllegalArgumentException("Sequence " + i + " has no tokens.");
            }
            t = Math.max(t, lengths[i]);
        }
        int[][] padded = new int[ids.size()][t];
        float[][] mask = new float[ids.size()][t];
        for (int i = 0; i < lengths.length; i++) {
            System.arraycopy(ids.get(i), 0, padded[i], 0, lengths[i]);
            java.util.Arrays.fill(mask[i], 0, lengths[i], 1f);
        }
        ForwardThreads.forForward(ids.size() * t);
        try (NDManager scope = weights.manager().newSubManager()) {
            Map<HookName, NDArray> cached = forward.run(forward.embed(scope, padded), mask, hooks);
            Map<HookName, ActivationCache.CachedTensor> out = new LinkedHashMap<>();
            for (Map.Entry<HookName, NDArray> e : cached.entrySet()) {
                NDArray a = e.getValue();
                out.put(e.getKey(), new ActivationCache.CachedTensor(NdArrays.floats(a), a.getShape().getShape()));
            }
            return new ActivationCache(out, lengths);
        }
    }

    /**
     * {@code mlp.hook_post} of {@code layers} for one padded batch: the activations the hypothesis
     * editor and {@code export-svg} colour by. A small batch (at most {@link ForwardThreads#smallForwardTokens()}
     * padded tokens) of the embedded model goes through ONNX Runtime ({@link OrtMlpPost}, twice as
     * fast on one thread), unless {@code -Dworkbench.ortSmallForwards=false}; the rest through
     * {@link #runWithCache}. Both agree within float32 rounding (OrtMlpPostTest).
     */
    public synchronized ActivationCache runMlpPost(List<TokenizedText> texts, Set<Integer> layers) {
        int padded = 0;
        List<int[]> ids = new ArrayList<>(texts.size());
        for (TokenizedText t : texts) {
            ids.add(t.ids());
            padded = Math.max(padded, t.ids().length);
        }
        if (smallMlpPost != null && ortSmallForwards && !ids.isEmpty() && padded > 0
                && (long) padded * ids.size() <= ForwardThreads.smallForwardTokens()) {
            return smallMlpPost.run(ids, layers);
        }
        Set<HookName> hooks = new HashSet<>();
        layers.forEach(l -> hooks.add(HookName.mlpPost(l)));
        return runWithCache(texts, hooks::contains);
    }

    private static volatile boolean ortSmallForwards =
            Boolean.parseBoolean(System.getProperty("workbench.ortSmallForwards", "true"));

    /** Whether small {@link #runMlpPost} batches may use ONNX Runtime (the benchmark compares both). */
    public static void ortSmallForwards(boolean on) {
        ortSmallForwards = on;
    }

    /** Runs {@code work} with a differentiable session; its arrays are freed afterwards. */
    public synchronized <T> T withSession(Function<ForwardSession, T> work) {
        try (NDManager scope = weights.manager().newSubManager()) {
            return work.apply(new ForwardSession(forward, scope));
        }
    }

    /** Splits a list into consecutive chunks of at most {@code size}. */
    public static <T> List<List<T>> batches(List<T> items, int size) {
        List<List<T>> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i += size) {
            out.add(items.subList(i, Math.min(items.size(), i + size)));
        }
        return out;
    }

    @Override
    public void close() {
        weights.close();
        if (smallMlpPost != null) {
            smallMlpPost.close();
        }
        if (tokenizer != null) {
            tokenizer.close();
        }
    }
}
