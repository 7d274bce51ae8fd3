package org.neuronworkbench.model.arch;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.List;
import org.neuronworkbench.model.Architecture;
import org.neuronworkbench.model.ModelConfig;
import org.neuronworkbench.model.weights.WeightFormatException;
import org.neuronworkbench.model.weights.WeightSource;

/**
 * Hugging Face Llama, Mistral and Qwen2 names ({@code model.layers.L.self_attn.q_proj} ...), torch
 * Linear layout. q, k and v are fused into one [(H + 2·KV)·dHead, d] matrix so attention stays one
 * GEMM. Biases are read when the file has them: Qwen2 always has q/k/v biases, so a Qwen2 file
 * without them is refused rather than run as a different model.
 */
final class LlamaLoader {
    private LlamaLoader() {
    }

    static TransformerWeights load(ModelConfig c, WeightSource src, NDManager manager) {
        WeightReader r = new WeightReader(src, manager);
        String p = "model.";
        int d = c.dModel();
        int m = c.dMlp();
        int q = c.heads() * c.dHead();
        int kv = c.kvHeads() * c.dHead();
        NDArray wE = r.read(p + "embed_tokens.weight", c.vocabSize(), d);
        List<LayerWeights> layers = new ArrayList<>();
        for (int l = 0; l < c.layers(); l++) {
            String b = p + "layers." + l + ".";
            String a = b + "self_attn.";
            String mlp = b + "mlp.";
            NDArray wQkv = r.stacked(List.of(a + "q_proj.weight", a + "k_proj.weight", a + "v_proj.weight"),
                    List.of(new long[] {q, d}, new long[] {kv, d}, new long[] {kv, d}));
            layers.add(new LayerWeights(
                    r.read(b + "input_layernorm.weight", d), null,
                    wQkv, qkvBias(c, r, a, q, kv),
                    r.linear(a + "o_proj.weight", d, q), optional(r, a + "o_proj.bias", d),
                    r.read(b + "post_attention_layernorm.weight", d), null,
                    r.linear(mlp + "gate_proj.weight", m, d), optional(r, mlp + "gate_proj.bias", m),
                    r.linear(mlp + "down_proj.weight", d, m), optional(r, mlp + "down_proj.bias", d),
                    r.linear(mlp + "up_proj.weight", m, d), optional(r, mlp + "up_proj.bias", m)));
        }
        // transformers ties the head to the embeddings whenever the config says so, even if a file
        // also carries a copy of lm_head; an untied config needs its own head.
        NDArray wU = c.tiedEmbeddings() ? wE : r.linear("lm_head.weight", c.vocabSize(), d);
        return new TransformerWeights(c, manager, wE, null, null, null, null, layers,
                r.read(p + "norm.weight", d), null, wU, false);
    }

    private static NDArray qkvBias(ModelConfig c, WeightReader r, String a, int q, int kv) {
        boolean any = r.has(a + "q_proj.bias") || r.has(a + "k_proj.bias") || r.has(a + "v_proj.bias");
        if (!any && c.architecture() != Architecture.QWEN2) {
            return null;
        }
        for (String part : List.of("q_proj", "k_proj", "v_proj")) {
            if (!r.has(a + part + ".bias")) {
                throw new WeightFormatException("Checkpoint lacks '" + a + part + ".bias': "
                        + (c.architecture() == Architecture.QWEN2
                                ? "Qwen2 attention has q, k and v biases, so this file is incomplete or not a Qwen2 model."
                                : "it has some q/k/v biases but not all three."));
            }
        }
        return r.stacked(List.of(a + "q_proj.bias", a + "k_proj.bias", a + "v_proj.bias"),
                List.of(new long[] {q}, new long[] {kv}, new long[] {kv}));
    }

    private static NDArray optional(WeightReader r, String name, int size) {
        return r.has(name) ? r.read(name, size) : null;
    }
}
