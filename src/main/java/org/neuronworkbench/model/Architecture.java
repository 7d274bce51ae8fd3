package org.neuronworkbench.model;

/** Transformer families the runner implements. */
public enum Architecture {
    /** Post-LayerNorm encoder (BERT, MiniLM, bge, e5); no LM head. */
    BERT("bert", false),
    /** Pre-LayerNorm decoder, learned positions, tanh GELU, tied unembedding. */
    GPT2("gpt2", true),
    /** Pre-LayerNorm decoder, partial rotary, parallel residual (Pythia). */
    GPT_NEOX("gpt_neox", true),
    /** RMSNorm, SiLU-gated MLP, grouped-query attention, full rotary; sequential residual. */
    LLAMA("llama", true),
    /** Llama blocks with a sliding attention window. */
    MISTRAL("mistral", true),
    /** Llama blocks with q/k/v biases. */
    QWEN2("qwen2", true);

    private final String modelType;
    private final boolean causal;

    Architecture(String modelType, boolean causal) {
        this.modelType = modelType;
        this.causal = causal;
    }

    /** The config.json {@code model_type} value. */
    public String modelType() {
        return modelType;
    }

    public boolean causal() {
        return causal;
    }

    /** Llama-family blocks: RMSNorm without bias, gated MLP (gate, up, down projections). */
    public boolean llamaFamily() {
        return this == LLAMA || this == MISTRAL || this == QWEN2;
    }

    public static Architecture fromModelType(String type) {
        for (Architecture a : values()) {
            if (a.modelType.equals(type)) {
                return a;
            }
        }
        throw new ModelLoadException("Unknown model_type '" + type + "' in config.json: supported are bert, gpt2, gpt_neox, llama, mistral, qwen2.");
    }
}
