package org.neuronworkbench.model;

/** MLP activation functions, named as Hugging Face configs name them. */
public enum Activation {
    /** Exact GELU, 0.5x(1+erf(x/sqrt2)): HF "gelu". */
    GELU_ERF,
    /** Tanh approximation: HF "gelu_new", "gelu_pytorch_tanh", "gelu_fast". */
    GELU_TANH,
    RELU,
    /** x·sigmoid(x): HF "silu" / "swish", the gate of Llama-family MLPs. */
    SILU;

    public static Activation fromHf(String name) {
        return switch (name) {
            case "gelu" -> GELU_ERF;
            case "gelu_new", "gelu_pytorch_tanh", "gelu_fast" -> GELU_TANH;
            case "relu" -> RELU;
            case "silu", "swish" -> SILU;
            default -> throw new ModelLoadException("Unsupported activation function '" + name + "'.");
        };
    }
}
