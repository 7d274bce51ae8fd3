package org.neuronworkbench.model.arch;

import ai.djl.ndarray.NDArray;

/**
 * One block's parameters in torch Linear layout: every matrix is [out, in] so a projection is
 * one {@code linear(x, w, b)} call, which folds the bias into the matrix multiply. For post-LN BERT,
 * ln1 follows attention and ln2 follows the MLP; for pre-LN decoders they precede them. Any bias
 * may be null (Llama-family files have none, RMSNorm has no shift).
 *
 * @param wQkv [(heads + 2*kvHeads)*dHead, d_model]: q | k | v rows, each head-major (head h owns rows h*dHead..)
 * @param wIn  the MLP input projection; for a gated MLP the gate ({@code gate_proj}, hook_pre)
 * @param wUp  a gated MLP's up projection ({@code up_proj}, hook_pre_linear), null for plain MLPs
 */
public record LayerWeights(
        NDArray ln1W, NDArray ln1B,
        NDArray wQkv, NDArray bQkv,
        NDArray wO, NDArray bO,
        NDArray ln2W, NDArray ln2B,
        NDArray wIn, NDArray bIn,
        NDArray wOut, NDArray bOut,
        NDArray wUp, NDArray bUp) {

    /** A block with a plain (ungated) MLP. */
    public LayerWeights(NDArray ln1W, NDArray ln1B, NDArray wQkv, NDArray bQkv, NDArray wO, NDArray bO,
            NDArray ln2W, NDArray ln2B, NDArray wIn, NDArray bIn, NDArray wOut, NDArray bOut) {
        this(ln1W, ln1B, wQkv, bQkv, wO, bO, ln2W, ln2B, wIn, bIn, wOut, bOut, null, null);
    }
}
