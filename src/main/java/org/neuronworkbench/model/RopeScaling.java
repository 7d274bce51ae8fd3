package org.neuronworkbench.model;

/**
 * How a rotary embedding stretches its frequencies for contexts longer than training.
 * {@code NONE} leaves them as {@code 1 / theta^(2i/d)}; {@code LINEAR} divides every frequency by
 * {@code factor} (positions interpolated); {@code LLAMA3} divides only the low frequencies, keeps the
 * high ones and blends in between, as Llama 3.1/3.2 configs ask.
 *
 * @param originalMaxPositions the training context the llama3 wavelength bands are measured against
 */
public record RopeScaling(Type type, double factor, double lowFreqFactor, double highFreqFactor,
        int originalMaxPositions) {
    public static final RopeScaling NONE = new RopeScaling(Type.NONE, 1, 0, 0, 0);

    public enum Type { NONE, LINEAR, LLAMA3 }

    public RopeScaling {
        if (!(factor > 0)) {
            throw new ModelLoadException("rope scaling factor " + factor + " must be positive.");
        }
        if (type == Type.LLAMA3 && (!(lowFreqFactor > 0) || !(highFreqFactor > lowFreqFactor)
                || originalMaxPositions <= 0)) {
            throw new ModelLoadException("llama3 rope scaling needs 0 < low_freq_factor < high_freq_factor and a positive"
                    + " original_max_position_embeddings, but has low " + lowFreqFactor + ", high " + highFreqFactor
                    + ", original " + originalMaxPositions + ".");
        }
    }

    public static RopeScaling linear(double factor) {
        return new RopeScaling(Type.LINEAR, factor, 0, 0, 0);
    }

    /** The scaled inverse frequency of one rotary pair, given its unscaled value. */
    public double scale(double invFreq) {
        return switch (type) {
            case NONE -> invFreq;
            case LINEAR -> invFreq / factor;
            case LLAMA3 -> {
                double wavelength = 2 * Math.PI / invFreq;
                double lowFreqWavelength = originalMaxPositions / lowFreqFactor;
                double highFreqWavelength = originalMaxPositions / highFreqFactor;
                if (wavelength < highFreqWavelength) {
                    yield invFreq;
                }
                if (wavelength > lowFreqWavelength) {
                    yield invFreq / factor;
                }
                double smooth = (originalMaxPositions / wavelength - lowFreqFactor) / (highFreqFactor - lowFreqFactor);
                yield (1 - smooth) * invFreq / factor + smooth * invFreq;
            }
        };
    }
}
