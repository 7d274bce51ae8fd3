package org.neuronworkbench.corpus;

import java.util.Objects;

/**
 * How documents are cut into windows.
 *
 * @param mode   {@link Mode#SENTENCE} or {@link Mode#TOKENS}
 * @param size   most tokens per window ({@code maxTokens} in sentence mode)
 * @param stride tokens between window starts; sentence mode always uses {@code size}
 */
public record WindowOptions(Mode mode, int size, int stride) implements java.io.Serializable {

    public enum Mode {
        /** Each document is one window, split into consecutive chunks when longer than {@code size}. */
        SENTENCE,
        /** Windows of {@code size} tokens starting every {@code stride} tokens (Neuroscope style). */
        TOKENS
    }

    public WindowOptions {
        Objects.requireNonNull(mode, "window mode");
        if (size < 1) {
            throw new IllegalArgumentException("window size must be at least 1 token (got " + size + ")");
        }
        if (mode == Mode.SENTENCE) {
            stride = size; // long sentences are split into back-to-back chunks
        } else if (stride < 1 || stride > size) {
            throw new IllegalArgumentException("window stride must be between 1 and the window size " + size
                    + " (got " + stride + "); a larger stride would skip tokens");
        }
    }

    public static WindowOptions sentences(int maxTokens) {
        return new WindowOptions(Mode.SENTENCE, maxTokens, maxTokens);
    }

    public static WindowOptions tokens(int size, int stride) {
        return new WindowOptions(Mode.TOKENS, size, stride);
    }
}
