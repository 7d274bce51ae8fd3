package org.neuronworkbench.model.hf;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.neuronworkbench.model.Activation;
import org.neuronworkbench.model.Architecture;
import org.neuronworkbench.model.ModelConfig;
import org.neuronworkbench.model.ModelLoadException;
import org.neuronworkbench.model.RopeScaling;
import org.neuronworkbench.work.JsonErrors;

/**
 * Reads a Hugging Face {@code config.json} into a {@link ModelConfig}. Defaults are those of the
 * matching transformers config class, for the fields whose default a runner can rely on.
 */
public final class HfConfigReader {
    private static final ObjectMapper JSON = new ObjectMapper();

    private HfConfigReader() {
    }

    public static ModelConfig read(Path configJson, String displayName) {
        Fields f = new Fields(parse(configJson), configJson);
        String modelType = f.requiredText("model_type");
        Architecture architecture;
        try {
            architecture = Architecture.fromModelType(modelType);
        } catch (ModelLoadException e) {
            throw new ModelLoadException(e.getMessage() + " (" + configJson + ")", e);
        }
        try {
            return switch (architecture) {
                case BERT -> bert(f, displayName);
                case GPT2 -> gpt2(f, displayName);
                case GPT_NEOX -> gptNeox(f, displayName);
                case LLAMA, MISTRAL, QWEN2 -> llama(f, architecture, displayName);
            };
        } catch (ModelLoadException e) {
            // ModelConfig's own checks do not know the file; every message here names it.
            if (e.getMessage().contains(configJson.toString())) {
                throw e;
            }
            throw new ModelLoadException(e.getMessage() + " (" + configJson + ")", e);
        }
    }

    /**
     * Llama, Mistral and Qwen2 share one config shape. Defaults follow transformers' LlamaConfig,
     * MistralConfig (4.x: sliding window 4096) and Qwen2Config. The rotary settings may be spelled
     * the 4.x way (top-level rope_theta, rope_scaling) or the 5.x way (rope_parameters).
     */
    private static ModelConfig llama(Fields f, Architecture architecture, String name) {
        int dModel = f.requiredInt("hidden_size");
        int heads = f.requiredInt("num_attention_heads");
        int kvHeads = f.isNullOrAbsent("num_key_value_heads") ? heads : f.requiredInt("num_key_value_heads");
        if (heads % kvHeads != 0) {
            throw new ModelLoadException("num_attention_heads " + heads + " in " + f.file
                    + " is not divisible by num_key_value_heads " + kvHeads
                    + ": grouped-query attention needs the same number of query heads per key/value head.");
        }
        int headDim;
        if (f.isNullOrAbsent("head_dim")) {
            f.checkHeadsDivide(dModel, "hidden_size", heads, "num_attention_heads");
            headDim = dModel / heads;
        } else {
            headDim = f.requiredInt("head_dim");
        }
        if (headDim % 2 != 0) {
            throw new ModelLoadException("head_dim " + headDim + " in " + f.file + " is odd, so rotary pairs cannot cover it.");
        }
        Fields ropeParameters = f.object("rope_parameters");
        double theta = ropeTheta(f, ropeParameters);
        RopeScaling scaling = ropeScaling(f, ropeParameters);
        int slidingWindow = 0;
        if (architecture == Architecture.MISTRAL) {
            slidingWindow = f.node.has("sliding_window") ? f.optionalInt("sliding_window", 0) : 4096;
        } else if (architecture == Architecture.QWEN2 && f.optionalBoolean("use_sliding_window", false)) {
            throw new ModelLoadException("use_sliding_window is true in " + f.file
                    + ": Qwen2's per-layer sliding window is not supported (released Qwen2/2.5 checkpoints leave it off).");
        }
        return new ModelConfig(name, architecture,
                f.requiredInt("num_hidden_layers"), dModel, heads, f.requiredInt("intermediate_size"),
                f.requiredInt("vocab_size"), f.requiredInt("max_position_embeddings"),
                f.optionalDouble("rms_norm_eps", 1e-6), f.activation("hidden_act", "silu"),
                headDim, theta, false, f.optionalBoolean("tie_word_embeddings", false), 0,
                kvHeads, headDim, scaling, slidingWindow);
    }

    /** rope_theta top-level (4.x) or in rope_parameters (5.x); both present must agree. */
    private static double ropeTheta(Fields f, Fields ropeParameters) {
        boolean top = !f.isNullOrAbsent("rope_theta");
        boolean nested = ropeParameters != null && !ropeParameters.isNullOrAbsent("rope_theta");
        double topValue = f.optionalDouble("rope_theta", 10000);
        double nestedValue = nested ? ropeParameters.optionalDouble("rope_theta", 10000) : topValue;
        if (top && nested && topValue != nestedValue) {
            throw new ModelLoadException(f.file + " gives two different rotary bases: rope_theta " + topValue
                    + " and rope_parameters.rope_theta " + nestedValue + "; remove one.");
        }
        double theta = nested ? nestedValue : topValue;
        if (!(theta > 0)) {
            throw new ModelLoadException("rope_theta " + theta + " in " + f.file + " must be positive.");
        }
        return theta;
    }

    /** rope_parameters (5.x) or rope_scaling (4.x); its type is rope_type, or type in older files. */
    private static RopeScaling ropeScaling(Fields f, Fields ropeParameters) {
        Fields node = ropeParameters != null && ropeParameters.hasRopeType() ? ropeParameters : f.object("rope_scaling");
        String where = node == ropeParameters ? "rope_parameters" : "rope_scaling";
        if (node == null || !node.hasRopeType()) {
            return RopeScaling.NONE;
        }
        String type = node.requiredText(node.isNullOrAbsent("rope_type") ? "type" : "rope_type");
        return switch (type) {
            case "default" -> RopeScaling.NONE;
            case "linear" -> RopeScaling.linear(node.requiredDouble("factor"));
            case "llama3" -> new RopeScaling(RopeScaling.Type.LLAMA3, node.requiredDouble("factor"),
                    node.requiredDouble("low_freq_factor"), node.requiredDouble("high_freq_factor"),
                    node.requiredInt("original_max_position_embeddings"));
            default -> throw new ModelLoadException(where + " type '" + type + "' in " + f.file
                    + " is not supported: only linear and llama3 scaling (or none) are.");
        };
    }

    private static ModelConfig bert(Fields f, String name) {
        int dModel = f.requiredInt("hidden_size");
        int heads = f.requiredInt("num_attention_heads");
        f.checkHeadsDivide(dModel, "hidden_size", heads, "num_attention_heads");
        return new ModelConfig(name, Architecture.BERT,
                f.requiredInt("num_hidden_layers"), dModel, heads, f.requiredInt("intermediate_size"),
                f.requiredInt("vocab_size"), f.requiredInt("max_position_embeddings"),
                f.optionalDouble("layer_norm_eps", 1e-12), f.activation("hidden_act", "gelu"),
                0, 0.0, false, false, f.optionalInt("type_vocab_size", 2));
    }

    private static ModelConfig gpt2(Fields f, String name) {
        int dModel = f.requiredInt("n_embd");
        // n_inner null (the usual case) means the classic 4x MLP.
        int dMlp = f.isNullOrAbsent("n_inner") ? fourTimes(f, dModel) : f.requiredInt("n_inner");
        int heads = f.requiredInt("n_head");
        f.checkHeadsDivide(dModel, "n_embd", heads, "n_head");
        return new ModelConfig(name, Architecture.GPT2,
                f.requiredInt("n_layer"), dModel, heads, dMlp,
                f.requiredInt("vocab_size"), f.requiredInt("n_positions"),
                f.optionalDouble("layer_norm_epsilon", 1e-5), f.activation("activation_function", "gelu_new"),
                0, 0.0, false, f.optionalBoolean("tie_word_embeddings", true), 0);
    }

    private static ModelConfig gptNeox(Fields f, String name) {
        int dModel = f.requiredInt("hidden_size");
        int heads = f.requiredInt("num_attention_heads");
        f.checkHeadsDivide(dModel, "hidden_size", heads, "num_attention_heads");
        // transformers 5 folds rotary_pct / rotary_emb_base into rope_parameters; accept either spelling.
        Fields rope = f.object("rope_parameters");
        if (rope != null && !rope.isNullOrAbsent("rope_type")) {
            String ropeType = rope.requiredText("rope_type");
            if (!ropeType.equals("default")) {
                throw new ModelLoadException("rope_type '" + ropeType + "' in " + f.file
                        + " is not supported: only unscaled (default) rotary embeddings are.");
            }
        }
        double rotaryPct = rope != null && !rope.isNullOrAbsent("partial_rotary_factor")
                ? rope.optionalDouble("partial_rotary_factor", 0.25)
                : f.optionalDouble("rotary_pct", 0.25);
        double rotaryBase = rope != null && !rope.isNullOrAbsent("rope_theta")
                ? rope.optionalDouble("rope_theta", 10000)
                : f.optionalDouble("rotary_emb_base", f.optionalDouble("rope_theta", 10000));
        if (rotaryPct < 0 || rotaryPct > 1) {
            throw new ModelLoadException("Rotary fraction " + rotaryPct + " in " + f.file + " is outside [0, 1].");
        }
        int dHead = dModel / heads;
        return new ModelConfig(name, Architecture.GPT_NEOX,
                f.requiredInt("num_hidden_layers"), dModel, heads, f.requiredInt("intermediate_size"),
                f.requiredInt("vocab_size"), f.requiredInt("max_position_embeddings"),
                f.optionalDouble("layer_norm_eps", 1e-5), f.activation("hidden_act", "gelu"),
                (int) (dHead * rotaryPct), rotaryBase,
                f.optionalBoolean("use_parallel_residual", true),
                f.optionalBoolean("tie_word_embeddings", false), 0);
    }

    /** 4 x n_embd without int overflow: 10^9 must not come out as d_mlp -294967296. */
    private static int fourTimes(Fields f, int dModel) {
        try {
            return Math.multiplyExact(4, dModel);
        } catch (ArithmeticException e) {
            throw new ModelLoadException("n_embd " + dModel + " in " + f.file + " is too large: n_inner null means "
                    + "d_mlp = 4 x n_embd = " + 4L * dModel + ", more than a Java int can count.");
        }
    }

    private static JsonNode parse(Path configJson) {
        if (!Files.isRegularFile(configJson)) {
            throw new ModelLoadException("Model config " + configJson + " does not exist.");
        }
        JsonNode root;
        try {
            root = JSON.readTree(configJson.toFile());
        } catch (JsonProcessingException e) {
            throw new ModelLoadException(configJson + " is not valid JSON: " + JsonErrors.describe(e), e);
        } catch (IOException e) {
            throw new ModelLoadException("Could not read " + configJson + ": " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new ModelLoadException(configJson + " is not a JSON object, so it is not a model config.");
        }
        return root;
    }

    /** Typed field access whose errors name the field and the file. */
    private record Fields(JsonNode node, Path file) {
        boolean isNullOrAbsent(String field) {
            JsonNode v = node.get(field);
            return v == null || v.isNull();
        }

        Fields object(String field) {
            JsonNode v = node.get(field);
            if (v == null || v.isNull()) {
                return null;
            }
            if (!v.isObject()) {
                throw wrongType(field, "an object", v);
            }
            return new Fields(v, file);
        }

        String requiredText(String field) {
            JsonNode v = required(field);
            if (!v.isTextual()) {
                throw wrongType(field, "a string", v);
            }
            return v.asText();
        }

        /** All required integers are dimensions, so they must be positive. */
        int requiredInt(String field) {
            JsonNode v = required(field);
            if (!v.isIntegralNumber() || !v.canConvertToInt() || v.asInt() <= 0) {
                throw wrongType(field, "a positive integer", v);
            }
            return v.asInt();
        }

        int optionalInt(String field, int fallback) {
            if (isNullOrAbsent(field)) {
                return fallback;
            }
            JsonNode v = node.get(field);
            if (!v.isIntegralNumber() || !v.canConvertToInt() || v.asInt() < 0) {
                throw wrongType(field, "a non-negative integer", v);
            }
            return v.asInt();
        }

        /** Checked here rather than in ModelConfig so the message names the file. */
        void checkHeadsDivide(int dModel, String dModelField, int heads, String headsField) {
            if (dModel % heads != 0) {
                throw new ModelLoadException(dModelField + " " + dModel + " in " + file + " is not divisible by "
                        + headsField + " " + heads + ".");
            }
        }

        boolean hasRopeType() {
            return !isNullOrAbsent("rope_type") || !isNullOrAbsent("type");
        }

        double requiredDouble(String field) {
            JsonNode v = required(field);
            if (!v.isNumber()) {
                throw wrongType(field, "a number", v);
            }
            return v.asDouble();
        }

        double optionalDouble(String field, double fallback) {
            if (isNullOrAbsent(field)) {
                return fallback;
            }
            JsonNode v = node.get(field);
            if (!v.isNumber()) {
                throw wrongType(field, "a number", v);
            }
            return v.asDouble();
        }

        boolean optionalBoolean(String field, boolean fallback) {
            if (isNullOrAbsent(field)) {
                return fallback;
            }
            JsonNode v = node.get(field);
            if (!v.isBoolean()) {
                throw wrongType(field, "true or false", v);
            }
            return v.asBoolean();
        }

        Activation activation(String field, String fallback) {
            String name = isNullOrAbsent(field) ? fallback : requiredText(field);
            try {
                return Activation.fromHf(name);
            } catch (ModelLoadException e) {
                throw new ModelLoadException(e.getMessage() + " (field " + field + " in " + file + ")", e);
            }
        }

        private JsonNode required(String field) {
            JsonNode v = node.get(field);
            if (v == null || v.isNull()) {
                throw new ModelLoadException(file + " lacks the required field '" + field + "'.");
            }
            return v;
        }

        private ModelLoadException wrongType(String field, String expected, JsonNode actual) {
            return new ModelLoadException("Field '" + field + "' in " + file + " should be " + expected
                    + ", but is " + actual + ".");
        }
    }
}
