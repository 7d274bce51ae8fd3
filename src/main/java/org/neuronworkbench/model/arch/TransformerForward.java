package org.neuronworkbench.model.arch;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.LayerNorm;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.neuronworkbench.model.Architecture;
import org.neuronworkbench.model.ModelConfig;
import org.neuronworkbench.model.hooks.HookName;
import org.neuronworkbench.model.hooks.HookSet;

/**
 * The forward pass of every architecture, with a hook point at every TransformerLens name.
 * Everything it creates lives in the manager of the input embeddings, so a caller that makes the
 * input in a sub-manager frees the whole pass by closing it. Differentiable end to end.
 */
public final class TransformerForward {
    private static final float MASKED = -1e9f;

    private final TransformerWeights w;
    private final ModelConfig c;

    public TransformerForward(TransformerWeights weights) {
        this.w = weights;
        this.c = weights.config();
    }

    public ModelConfig config() {
        return c;
    }

    public TransformerWeights weights() {
        return w;
    }

    /** Token embeddings [B, T, d_model] for ids [B][T], created in {@code scope}. */
    public NDArray embed(NDManager scope, int[][] ids) {
        int b = ids.length;
        int t = ids[0].length;
        long[] flat = new long[b * t];
        for (int i = 0; i < b; i++) {
            for (int j = 0; j < t; j++) {
                int id = ids[i][j];
                if (id < 0 || id >= c.vocabSize()) {
                    throw new IllegalArgumentException("Token id " + id + " is outside the vocabulary (0.."
                            + (c.vocabSize() - 1) + ").");
                }
                flat[i * t + j] = id;
            }
        }
        NDArray index = scope.create(flat);
        NDArray rows = w.wE().get(index);
        rows.attach(scope);
        return rows.reshape(b, t, c.dModel());
    }

    /**
     * Runs the model from token embeddings.
     *
     * @param tokenEmbeds [B, T, d_model], the value of {@code hook_embed}
     * @param mask        [B, T] with 1 for real tokens and 0 for padding
     * @return cached activations by name, in forward order (values still live in the scope)
     */
    public Map<HookName, NDArray> run(NDArray tokenEmbeds, float[][] mask, HookSet hooks) {
        NDManager scope = tokenEmbeds.getManager();
        Map<HookName, NDArray> cache = new LinkedHashMap<>();
        Recorder rec = new Recorder(hooks, cache);
        int t = (int) tokenEmbeds.getShape().get(1);
        if (t > c.maxPositions()) {
            throw new IllegalArgumentException(t + " tokens exceed the model's " + c.maxPositions() + " positions.");
        }
        NDArray x = rec.at(HookName.EMBED, tokenEmbeds);
        if (w.wPos() != null) {
            NDArray pos = w.wPos().get("0:" + t);
            pos.attach(scope);
            x = x.add(rec.at(HookName.POS_EMBED, pos.expandDims(0)));
        }
        if (c.architecture() == Architecture.BERT) {
            x = layerNorm(x.add(w.typeEmbed0()), w.embLnW(), w.embLnB());
        }
        NDArray bias = attentionBias(scope, mask, t);
        Rotary rotary = c.rotaryDims() > 0 ? Rotary.create(scope, c, t) : null;
        int lastLayer = lastLayerNeeded(hooks);
        for (int l = 0; l <= lastLayer && l < c.layers(); l++) {
            x = block(l, x, bias, rotary, rec);
        }
        if (lastLayer >= c.layers() && c.architecture() != Architecture.BERT) {
            NDArray normed = rec.at(HookName.LN_FINAL, norm(x, w.lnFinalW(), w.lnFinalB()));
            rec.at(HookName.LOGITS, linear(normed, w.wU(), null));
        }
        return cache;
    }

    /**
     * The last block whose hooks are read, cached or replaced: nothing after it can be observed,
     * so the pass stops there (the editor asks for one MLP layer per keystroke). Returns
     * {@code layers} when the final LayerNorm or logits are wanted, or when nothing is asked at all
     * (a plain forward runs to the end).
     */
    private int lastLayerNeeded(HookSet hooks) {
        List<HookName> all = HookName.all(c);
        int last = -2;
        for (HookName n : all) {
            if (hooks.caches(n) || hooks.hooks().containsKey(n)) {
                int layer = n.layer();
                last = Math.max(last, layer < 0 && !n.equals(HookName.EMBED) && !n.equals(HookName.POS_EMBED)
                        ? c.layers() : layer);
            }
        }
        return last == -2 ? c.layers() : last;
    }

    private NDArray block(int l, NDArray x, NDArray bias, Rotary rotary, Recorder rec) {
        LayerWeights lw = w.layers().get(l);
        NDArray resid = rec.at(HookName.residPre(l), x);
        if (c.architecture() == Architecture.BERT) {
            NDArray attn = rec.at(HookName.attnOut(l), attention(l, resid, bias, rotary, rec));
            NDArray mid = layerNorm(resid.add(attn), lw.ln1W(), lw.ln1B());
            NDArray mlp = mlp(l, mid, rec);
            return rec.at(HookName.residPost(l), layerNorm(mid.add(mlp), lw.ln2W(), lw.ln2B()));
        }
        NDArray attn = rec.at(HookName.attnOut(l),
                attention(l, norm(resid, lw.ln1W(), lw.ln1B()), bias, rotary, rec));
        if (c.parallelResidual()) {
            NDArray mlp = mlp(l, norm(resid, lw.ln2W(), lw.ln2B()), rec);
            return rec.at(HookName.residPost(l), resid.add(attn).add(mlp));
        }
        NDArray mid = resid.add(attn);
        NDArray mlp = mlp(l, norm(mid, lw.ln2W(), lw.ln2B()), rec);
        return rec.at(HookName.residPost(l), mid.add(mlp));
    }

    private NDArray attention(int l, NDArray x, NDArray bias, Rotary rotary, Recorder rec) {
        LayerWeights lw = w.layers().get(l);
        long b = x.getShape().get(0);
        long t = x.getShape().get(1);
        int h = c.heads();
        int kvh = c.kvHeads();
        int dh = c.dHead();
        NDArray q;
        NDArray k;
        NDArray v;
        if (kvh == h) {
            // One reshape splits q, k, v and heads: [B, T, 3, H, dh] -> [3, B, H, T, dh].
            NDArray qkv = linear(x, lw.wQkv(), lw.bQkv()).reshape(b, t, 3, h, dh).transpose(2, 0, 3, 1, 4);
            q = qkv.get(0);
            k = qkv.get(1);
            v = qkv.get(2);
        } else {
            // [B, T, H + 2KV, dh] -> [B, H + 2KV, T, dh], split into H query and KV key and value heads.
            NDList parts = linear(x, lw.wQkv(), lw.bQkv()).reshape(b, t, h + 2L * kvh, dh).transpose(0, 2, 1, 3)
                    .split(new long[] {h, h + kvh}, 1);
            q = parts.get(0);
            k = sharedHeads(parts.get(1));
            v = sharedHeads(parts.get(2));
        }
        if (rotary != null) {
            q = rotary.apply(q);
            k = rotary.apply(k);
        }
        // Scaling q rather than the scores touches T*dHead values per head instead of T*T.
        NDArray scores = q.mul(scalar(q, (float) (1.0 / Math.sqrt(dh)))).matMul(k.transpose(0, 1, 3, 2)).add(bias);
        NDArray pattern = rec.at(HookName.attnPattern(l), scores.softmax(-1));
        NDArray z = pattern.matMul(v).transpose(0, 2, 1, 3).reshape(b, t, (long) h * dh);
        return linear(z, lw.wO(), lw.bO());
    }

    /**
     * Grouped-query attention: key/value head j serves query heads j·g .. j·g+g-1, so each is
     * repeated g times in place ([B, KV, T, dh] -> [B, KV·g, T, dh]); a view broadcast, then one copy.
     */
    private NDArray sharedHeads(NDArray kv) {
        int g = c.kvGroup();
        Shape s = kv.getShape();
        return kv.expandDims(2).broadcast(new Shape(s.get(0), s.get(1), g, s.get(2), s.get(3)))
                .reshape(s.get(0), s.get(1) * g, s.get(2), s.get(3));
    }

    private NDArray mlp(int l, NDArray x, Recorder rec) {
        LayerWeights lw = w.layers().get(l);
        NDArray pre = rec.at(HookName.mlpPre(l), linear(x, lw.wIn(), lw.bIn()));
        NDArray act = activation(pre);
        if (lw.wUp() != null) {
            // Gated MLP: the neurons are act(gate) · up, the input of down_proj.
            act = act.mul(rec.at(HookName.mlpPreLinear(l), linear(x, lw.wUp(), lw.bUp())));
        }
        NDArray post = rec.at(HookName.mlpPost(l), act);
        return rec.at(HookName.mlpOut(l), linear(post, lw.wOut(), lw.bOut()));
    }

    /** x W^T + b with W in Linear layout [out, in]; torch folds the bias into the GEMM. */
    private static NDArray linear(NDArray x, NDArray weight, NDArray bias) {
        return (bias == null ? Linear.linear(x, weight) : Linear.linear(x, weight, bias)).singletonOrThrow();
    }

    private NDArray activation(NDArray x) {
        return switch (c.activation()) {
            case GELU_ERF -> ai.djl.nn.Activation.gelu(x);
            case GELU_TANH -> {
                NDArray inner = x.add(x.mul(x).mul(x).mul(scalar(x, 0.044715f))).mul(scalar(x, (float) Math.sqrt(2.0 / Math.PI)));
                yield x.mul(inner.tanh().add(scalar(x, 1f))).mul(scalar(x, 0.5f));
            }
            case RELU -> ai.djl.nn.Activation.relu(x);
            case SILU -> x.mul(ai.djl.nn.Activation.sigmoid(x));
        };
    }

    /** LayerNorm, or for Llama-family models RMSNorm: x / sqrt(mean(x²) + eps) · gain, no shift. */
    private NDArray norm(NDArray x, NDArray gain, NDArray shift) {
        if (!c.architecture().llamaFamily()) {
            return layerNorm(x, gain, shift);
        }
        NDArray meanSquare = x.square().mean(new int[] {-1}, true);
        return x.div(meanSquare.add(scalar(x, (float) c.layerNormEps())).sqrt()).mul(gain);
    }

    /**
     * A constant in the pass's own scope. DJL's {@code mul(Number)} wraps the number in a tensor over
     * a Java buffer and closes it at once, but autograd keeps that tensor for the backward pass, which
     * then reads freed memory once the buffer is collected (wrong gradients, now and then). A scalar
     * owned by the scope lives until the pass's arrays are freed.
     */
    private static NDArray scalar(NDArray like, float value) {
        return like.getManager().create(value);
    }

    private NDArray layerNorm(NDArray x, NDArray gamma, NDArray beta) {
        return LayerNorm.layerNorm(x, new Shape(c.dModel()), gamma, beta, (float) c.layerNormEps())
                .singletonOrThrow();
    }

    /** Additive bias [B, 1, T, T]: padding keys masked for all models, future keys for decoders. */
    private NDArray attentionBias(NDManager scope, float[][] mask, int t) {
        int b = mask.length;
        boolean causal = c.architecture().causal();
        float[] bias = new float[b * t * t];
        for (int i = 0; i < b; i++) {
            for (int q = 0; q < t; q++) {
                for (int k = 0; k < t; k++) {
                    boolean hidden = mask[i][k] == 0f || (causal && k > q)
                            || (c.slidingWindow() > 0 && q - k >= c.slidingWindow());
                    bias[(i * t + q) * t + k] = hidden ? MASKED : 0f;
                }
            }
        }
        return scope.create(bias, new Shape(b, 1, t, t));
    }

    /** Runs hooks and caching at each point. */
    private record Recorder(HookSet hooks, Map<HookName, NDArray> cache) {
        NDArray at(HookName name, NDArray value) {
            NDArray out = hooks.apply(name, value);
            if (hooks.caches(name)) {
                cache.put(name, out);
            }
            return out;
        }
    }
}
