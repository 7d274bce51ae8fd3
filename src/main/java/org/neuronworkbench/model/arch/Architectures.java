package org.neuronworkbench.model.arch;

import ai.djl.ndarray.NDManager;
import org.neuronworkbench.model.ModelConfig;
import org.neuronworkbench.model.weights.WeightSource;

/** Picks the weight layout for a config's architecture. */
public final class Architectures {
    private Architectures() {
    }

    /** Reads every parameter into a new manager (closed with the returned weights). */
    public static TransformerWeights load(ModelConfig config, WeightSource source) {
        NDManager manager = NDManager.newBaseManager();
        try {
            return switch (config.architecture()) {
                case BERT -> BertLoader.load(config, source, manager);
                case GPT2 -> Gpt2Loader.load(config, source, manager);
                case GPT_NEOX -> NeoxLoader.load(config, source, manager);
                case LLAMA, MISTRAL, QWEN2 -> LlamaLoader.load(config, source, manager);
            };
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }
}
