package org.neuronworkbench.model;

/**
 * The dimensions and choices a forward pass needs, whatever file format they came from.
 *
 * @param rotaryDims number of head dims that get rotary (0 for none)
 * @param typeVocabSize BERT token-type vocabulary (0 for decoders)
 * @param kvHeads key/value heads; fewer than {@code heads} is grouped-query attention, where query
 *                head h reads key/value head {@code h / (heads / kvHeads)}
 * @param headDim dimension of one head; Llama-family configs may set it apart from d_model / heads
 * @param slidingWindow how many of the latest keys each query sees (Mistral), 0 for all of them
 */
public record ModelConfig(
        String name,
        Architecture architecture,
        int layers,
        int dModel,
        int heads,
        int dMlp,
        int vocabSize,
        int maxPositions,
        double layerNormEps,
        Activation activation,
        int rotaryDims,
        double rotaryBase,
        boolean parallelResidual,
        boolean tiedEmbeddings,
        int typeVocabSize,
        int kvHeads,
        int headDim,
        RopeScaling ropeScaling,
        int slidingWindow) {

    public ModelConfig {
        if (layers <= 0 || dModel <= 0 || heads <= 0 || dMlp <= 0 || vocabSize <= 0 || maxPositions <= 0
                || kvHeads <= 0 || headDim <= 0) {
            throw new ModelLoadException("Model config has a non-positive dimension: layers=" + layers
                    + " d_model=" + dModel + " heads=" + heads + " kv_heads=" + kvHeads + " head_dim=" + headDim
                    + " d_mlp=" + dMlp + " vocab=" + vocabSize + " max_positions=" + maxPositions);
        }
        if (heads % kvHeads != 0) {
            throw new ModelLoadException(heads + " attention heads are not divisible by " + kvHeads
                    + " key/value heads, so they cannot share them in equal groups.");
        }
        if (slidingWindow < 0) {
            throw new ModelLoadException("sliding window " + slidingWindow + " is negative.");
        }
        if (ropeScaling == null) {
            ropeScaling = RopeScaling.NONE;
        }
        // Refused rather than warned about: with eps <= 0 a constant input divides by zero (NaN
        // everywhere) and a negative eps can make the variance term negative; no real model has one.
        if (!(layerNormEps > 0) || Double.isInfinite(layerNormEps)) {
            throw new ModelLoadException("LayerNorm epsilon " + layerNormEps + " is not a positive number: "
                    + "every normalisation would divide by zero or by a negative variance.");
        }
        if (rotaryDims > 0 && (!(rotaryBase > 0) || Double.isInfinite(rotaryBase))) {
            throw new ModelLoadException("Rotary base " + rotaryBase + " is not a positive number.");
        }
        // Products in long, so a huge dimension is reported as itself and not as an overflowed int.
        checkFits("MLP matrix (d_mlp x d_model)", (long) dMlp * dModel);
        checkFits("embedding matrix (vocab x d_model)", (long) vocabSize * dModel);
        checkFits("attention q|k|v matrix ((heads + 2 kv heads) x head_dim x d_model)", (heads + 2L * kvHeads) * headDim * dModel);
        checkFits("position table (positions x d_model)", (long) maxPositions * dModel);
        checkFits("neuron count (layers x d_mlp)", (long) layers * dMlp);
    }

    /** Every matrix is one Java array (and neuron numbers are ints), so each must stay below 2^31. */
    private static void checkFits(String what, long size) {
        if (size > Integer.MAX_VALUE - 8) {
            throw new ModelLoadException("Model config is too large: its " + what + " would have " + size
                    + " values, more than one array can hold (" + (Integer.MAX_VALUE - 8) + ").");
        }
    }

    /** Full multi-head attention with head_dim = d_model / heads, unscaled rotary, no sliding window. */
    public ModelConfig(String name, Architecture architecture, int layers, int dModel, int heads, int dMlp,
            int vocabSize, int maxPositions, double layerNormEps, Activation activation, int rotaryDims,
            double rotaryBase, boolean parallelResidual, boolean tiedEmbeddings, int typeVocabSize) {
        this(name, architecture, layers, dModel, heads, dMlp, vocabSize, maxPositions, layerNormEps, activation,
                rotaryDims, rotaryBase, parallelResidual, tiedEmbeddings, typeVocabSize, heads,
                splitHeads(dModel, heads), RopeScaling.NONE, 0);
    }

    private static int splitHeads(int dModel, int heads) {
        if (heads > 0 && dModel % heads != 0) {
            throw new ModelLoadException("d_model " + dModel + " is not divisible by " + heads + " heads.");
        }
        return heads > 0 ? dModel / heads : 0;
    }

    public int dHead() {
        return headDim;
    }

    /** Query heads that share one key/value head. */
    public int kvGroup() {
        return heads / kvHeads;
    }
}
