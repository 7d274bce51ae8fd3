package org.neuronworkbench.model;

/**
 * The dimensions and choices a forward pass needs, whatever file format they came from.
 *
 * @param rotaryDims number of head dims that get rotary (0 for none)
 * @param typeVocabSize BERT token-type vocabulary (0 for decoders)
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
        int typeVocabSize) {

    public ModelConfig {
        if (layers <= 0 || dModel <= 0 || heads <= 0 || dMlp <= 0 || vocabSize <= 0 || maxPositions <= 0) {
            throw new ModelLoadException("Model config has a non-positive dimension: layers=" + layers
                    + " d_model=" + dModel + " heads=" + heads + " d_mlp=" + dMlp + " vocab=" + vocabSize
                    + " max_positions=" + maxPositions);
        }
        if (dModel % heads != 0) {
            throw new ModelLoadException("d_model " + dModel + " is not divisible by " + heads + " heads.");
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
        checkFits("attention q|k|v matrix (3 d_model x d_model)", 3L * dModel * dModel);
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

    public int dHead() {
        return dModel / heads;
    }
}
