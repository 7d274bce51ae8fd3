package org.neuronworkbench.model;

import org.neuronworkbench.model.arch.LayerWeights;
import org.neuronworkbench.model.arch.Matrices;
import org.neuronworkbench.model.arch.TransformerWeights;

/**
 * TransformerLens-style weight views as Java arrays, all [in, out] row-major:
 * W_in [d_model, d_mlp], W_out [d_mlp, d_model], W_E [vocab, d_model], W_U [d_model, vocab].
 * Copied on each call: cache what you use in a loop.
 */
public final class WeightViews {
    private final TransformerWeights w;

    WeightViews(TransformerWeights weights) {
        this.w = weights;
    }

    private LayerWeights layer(int l) {
        if (l < 0 || l >= w.layers().size()) {
            throw new IllegalArgumentException("Layer " + l + " is out of range (0.." + (w.layers().size() - 1) + ").");
        }
        return w.layers().get(l);
    }

    public float[] wIn(int layer) {
        return transposed(layer(layer).wIn());
    }

    /** The MLP input bias (a gated MLP's gate bias); zeros when the checkpoint has none (Llama family). */
    public float[] bIn(int layer) {
        LayerWeights l = layer(layer);
        return l.bIn() == null ? new float[(int) l.wIn().getShape().get(0)] : l.bIn().toFloatArray();
    }

    /** W_out [d_mlp, d_model]; row n is neuron n's output direction (for a gated MLP, column n of down_proj). */
    public float[] wOut(int layer) {
        return transposed(layer(layer).wOut());
    }

    /** The MLP output bias; zeros when the checkpoint has none (Llama family). */
    public float[] bOut(int layer) {
        LayerWeights l = layer(layer);
        return l.bOut() == null ? new float[(int) l.wOut().getShape().get(0)] : l.bOut().toFloatArray();
    }

    public float[] wE() {
        return w.wE().toFloatArray();
    }

    public float[] wU() {
        return transposed(w.wU());
    }

    /** The forward keeps torch Linear layout [out, in]; views are [in, out]. */
    private static float[] transposed(ai.djl.ndarray.NDArray linearWeight) {
        long[] s = linearWeight.getShape().getShape();
        return Matrices.transpose(linearWeight.toFloatArray(), (int) s[0], (int) s[1]);
    }

    /** Final LayerNorm (or RMSNorm) gain for decoders, or null for encoders. */
    public float[] lnFinalScale() {
        return w.lnFinalW() == null ? null : w.lnFinalW().toFloatArray();
    }

    /** True when W_U is the transposed input embedding of an encoder without an LM head. */
    public boolean unembedApproximate() {
        return w.unembedApproximate();
    }
}
