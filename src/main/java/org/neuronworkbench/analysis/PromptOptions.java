package org.neuronworkbench.analysis;

/**
 * How {@link PromptOptimisation} searches; its own file, like {@link PromptSpace}, so the two
 * searches read it without depending on the method that runs them.
 *
 * @param learningRate  AdamW step as a fraction of the RMS entry of the embedding matrix
 * @param diversity     weight of the mean pairwise cosine between the D continuous outputs
 * @param fixedPosition slot (0..length-1) held at {@code fixedToken}, or -1 for none
 * @param topK          tokens per slot tried by the discrete search in each step
 */
public record PromptOptions(int length, int outputs, Method method, int steps, long seed, double learningRate,
                            double weightDecay, double diversity, int fixedPosition, int fixedToken, int topK) {
    public enum Method { CONTINUOUS, DISCRETE, BOTH }

    public static PromptOptions defaults() {
        return new PromptOptions(6, 5, Method.BOTH, 60, 1, 1.0, 0.01, 0.1, -1, -1, 8);
    }

    public PromptOptions withLength(int v) {
        return new PromptOptions(v, outputs, method, steps, seed, learningRate, weightDecay, diversity, fixedPosition, fixedToken, topK);
    }

    public PromptOptions withOutputs(int v) {
        return new PromptOptions(length, v, method, steps, seed, learningRate, weightDecay, diversity, fixedPosition, fixedToken, topK);
    }

    public PromptOptions withMethod(Method v) {
        return new PromptOptions(length, outputs, v, steps, seed, learningRate, weightDecay, diversity, fixedPosition, fixedToken, topK);
    }

    public PromptOptions withSteps(int v) {
        return new PromptOptions(length, outputs, method, v, seed, learningRate, weightDecay, diversity, fixedPosition, fixedToken, topK);
    }

    public PromptOptions withSeed(long v) {
        return new PromptOptions(length, outputs, method, steps, v, learningRate, weightDecay, diversity, fixedPosition, fixedToken, topK);
    }

    public PromptOptions withFixed(int position, int token) {
        return new PromptOptions(length, outputs, method, steps, seed, learningRate, weightDecay, diversity, position, token, topK);
    }
}

