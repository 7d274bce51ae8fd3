package org.neuronworkbench.model.hf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuronworkbench.model.Activation;
import org.neuronworkbench.model.Architecture;
import org.neuronworkbench.model.Fixtures;
import org.neuronworkbench.model.ModelConfig;
import org.neuronworkbench.model.ModelLoadException;
import org.neuronworkbench.model.RopeScaling;

class HfConfigReaderTest {
    @TempDir
    Path tmp;

    @Test
    void gpt2Fixture() {
        ModelConfig c = HfConfigReader.read(Fixtures.dir(Fixtures.GPT2).resolve("config.json"), "gpt2-tiny");
        assertEquals("gpt2-tiny", c.name());
        assertEquals(Architecture.GPT2, c.architecture());
        assertEquals(2, c.layers());
        assertEquals(64, c.dModel());
        assertEquals(4, c.heads());
        assertEquals(16, c.dHead());
        assertEquals(256, c.dMlp(), "n_inner null means 4 * n_embd");
        assertEquals(96, c.vocabSize());
        assertEquals(32, c.maxPositions());
        assertEquals(1e-5, c.layerNormEps());
        assertEquals(Activation.GELU_TANH, c.activation());
        assertTrue(c.tiedEmbeddings());
        assertEquals(0, c.rotaryDims());
        assertFalse(c.parallelResidual());
    }

    @Test
    void neoxFixture() {
        ModelConfig c = HfConfigReader.read(Fixtures.dir(Fixtures.NEOX).resolve("config.json"), "neox");
        assertEquals(Architecture.GPT_NEOX, c.architecture());
        assertEquals(2, c.layers());
        assertEquals(64, c.dModel());
        assertEquals(4, c.heads());
        assertEquals(256, c.dMlp());
        assertEquals(96, c.vocabSize());
        assertEquals(32, c.maxPositions());
        assertEquals(1e-5, c.layerNormEps());
        assertEquals(Activation.GELU_ERF, c.activation());
        assertEquals(4, c.rotaryDims(), "int(16 * 0.25)");
        assertEquals(10000.0, c.rotaryBase());
        assertTrue(c.parallelResidual());
        assertFalse(c.tiedEmbeddings());
    }

    @Test
    void llamaFixtureWithTopLevelRopeTheta() {
        ModelConfig c = HfConfigReader.read(Fixtures.dir(Fixtures.LLAMA).resolve("config.json"), "llama");
        assertEquals(Architecture.LLAMA, c.architecture());
        assertEquals(4, c.heads());
        assertEquals(2, c.kvHeads());
        assertEquals(2, c.kvGroup());
        assertEquals(16, c.dHead());
        assertEquals(16, c.rotaryDims(), "rotary on the whole head");
        assertEquals(192, c.dMlp());
        assertEquals(1e-5, c.layerNormEps());
        assertEquals(10000.0, c.rotaryBase());
        assertEquals(Activation.SILU, c.activation());
        assertEquals(RopeScaling.NONE, c.ropeScaling());
        assertFalse(c.tiedEmbeddings());
        assertFalse(c.parallelResidual());
        assertEquals(0, c.slidingWindow());
    }

    @Test
    void qwen2FixtureWithRopeParameters() {
        ModelConfig c = HfConfigReader.read(Fixtures.dir(Fixtures.QWEN2).resolve("config.json"), "qwen2");
        assertEquals(Architecture.QWEN2, c.architecture());
        assertEquals(2, c.kvHeads());
        assertEquals(1e-6, c.layerNormEps());
        assertEquals(1_000_000.0, c.rotaryBase());
        assertTrue(c.tiedEmbeddings());
    }

    private static String llama(String extra) {
        return "{\"model_type\":\"llama\",\"hidden_size\":64,\"num_attention_heads\":4,\"num_hidden_layers\":1,"
                + "\"intermediate_size\":96,\"max_position_embeddings\":64,\"vocab_size\":10" + extra + "}";
    }

    @Test
    void llamaDefaultsFollowLlamaConfig() throws Exception {
        ModelConfig c = read(llama(""));
        assertEquals(4, c.kvHeads(), "num_key_value_heads defaults to the head count");
        assertEquals(16, c.dHead(), "head_dim defaults to hidden_size / heads");
        assertEquals(10000.0, c.rotaryBase());
        assertEquals(1e-6, c.layerNormEps());
        assertFalse(c.tiedEmbeddings());
        ModelConfig wide = read(llama(",\"head_dim\":32,\"num_key_value_heads\":1"));
        assertEquals(32, wide.dHead(), "an explicit head_dim wins");
        assertEquals(4, wide.kvGroup());
    }

    @Test
    void llama3AndLinearRopeScalingInBothSpellings() throws Exception {
        ModelConfig v4 = read(llama(",\"rope_theta\":500000.0,\"rope_scaling\":{\"rope_type\":\"llama3\",\"factor\":32.0,"
                + "\"low_freq_factor\":1.0,\"high_freq_factor\":4.0,\"original_max_position_embeddings\":8192}"));
        assertEquals(new RopeScaling(RopeScaling.Type.LLAMA3, 32, 1, 4, 8192), v4.ropeScaling());
        assertEquals(500000.0, v4.rotaryBase());
        ModelConfig v5 = read(llama(",\"rope_parameters\":{\"rope_type\":\"llama3\",\"rope_theta\":500000.0,"
                + "\"factor\":32.0,\"low_freq_factor\":1.0,\"high_freq_factor\":4.0,\"original_max_position_embeddings\":8192}"));
        assertEquals(v4.ropeScaling(), v5.ropeScaling());
        assertEquals(500000.0, v5.rotaryBase());
        ModelConfig linear = read(llama(",\"rope_scaling\":{\"type\":\"linear\",\"factor\":4.0}"));
        assertEquals(RopeScaling.linear(4), linear.ropeScaling());
        ModelConfig plain = read(llama(",\"rope_parameters\":{\"rope_type\":\"default\",\"rope_theta\":1000.0}"));
        assertEquals(RopeScaling.NONE, plain.ropeScaling());
        assertEquals(1000.0, plain.rotaryBase());
    }

    @Test
    void unknownRopeScalingTypeIsRefusedByName() {
        assertMessage(llama(",\"rope_scaling\":{\"rope_type\":\"yarn\",\"factor\":4.0}"), "rope_scaling type 'yarn'",
                "only linear and llama3", "config.json");
        assertMessage(llama(",\"rope_parameters\":{\"rope_type\":\"dynamic\",\"factor\":2.0,\"rope_theta\":10000}"),
                "rope_parameters type 'dynamic'", "only linear and llama3");
        assertMessage(llama(",\"rope_scaling\":{\"rope_type\":\"llama3\",\"factor\":8.0}"), "low_freq_factor");
    }

    @Test
    void headsNotDivisibleByKeyValueHeads() {
        assertMessage(llama(",\"num_key_value_heads\":3"), "num_attention_heads 4", "not divisible by num_key_value_heads 3",
                "config.json");
    }

    @Test
    void twoRopeThetasThatDisagree() {
        assertMessage(llama(",\"rope_theta\":10000.0,\"rope_parameters\":{\"rope_type\":\"default\",\"rope_theta\":500000.0}"),
                "rope_theta 10000.0", "rope_parameters.rope_theta 500000.0", "config.json");
    }

    @Test
    void twoRopeThetasThatAgreeAreFine() throws Exception {
        assertEquals(500000.0, read(llama(",\"rope_theta\":500000,\"rope_parameters\":{\"rope_theta\":500000.0}")).rotaryBase());
    }

    @Test
    void mistralSlidingWindowAndQwen2sIsRefused() throws Exception {
        String mistral = llama(",\"sliding_window\":8").replace("\"llama\"", "\"mistral\"");
        assertEquals(8, read(mistral).slidingWindow());
        assertEquals(0, read(llama(",\"sliding_window\":null").replace("\"llama\"", "\"mistral\"")).slidingWindow());
        assertEquals(4096, read(llama("").replace("\"llama\"", "\"mistral\"")).slidingWindow(),
                "MistralConfig's default window when the file says nothing");
        assertMessage(llama(",\"use_sliding_window\":true").replace("\"llama\"", "\"qwen2\""), "use_sliding_window");
    }

    @Test
    void neoxRopeParametersSpelling() throws Exception {
        ModelConfig c = read("{\"model_type\":\"gpt_neox\",\"hidden_size\":128,\"num_attention_heads\":4,"
                + "\"num_hidden_layers\":1,\"intermediate_size\":512,\"max_position_embeddings\":64,\"vocab_size\":10,"
                + "\"hidden_act\":\"gelu\",\"rope_parameters\":{\"rope_type\":\"default\",\"rope_theta\":500,"
                + "\"partial_rotary_factor\":0.5}}");
        assertEquals(16, c.rotaryDims(), "int(32 * 0.5)");
        assertEquals(500.0, c.rotaryBase());
        assertTrue(c.parallelResidual(), "use_parallel_residual defaults to true");
        assertFalse(c.tiedEmbeddings());
    }

    @Test
    void neoxDefaultsAndTopLevelRopeTheta() throws Exception {
        ModelConfig c = read("{\"model_type\":\"gpt_neox\",\"hidden_size\":64,\"num_attention_heads\":2,"
                + "\"num_hidden_layers\":1,\"intermediate_size\":256,\"max_position_embeddings\":64,\"vocab_size\":10,"
                + "\"rope_theta\":20000,\"use_parallel_residual\":false}");
        assertEquals(8, c.rotaryDims(), "rotary_pct defaults to 0.25 of 32");
        assertEquals(20000.0, c.rotaryBase());
        assertEquals(1e-5, c.layerNormEps());
        assertFalse(c.parallelResidual());
    }

    @Test
    void bertDefaults() throws Exception {
        ModelConfig c = read("{\"model_type\":\"bert\",\"hidden_size\":384,\"num_attention_heads\":12,"
                + "\"intermediate_size\":1536,\"num_hidden_layers\":6,\"vocab_size\":30522,"
                + "\"max_position_embeddings\":512}");
        assertEquals(Architecture.BERT, c.architecture());
        assertEquals(32, c.dHead());
        assertEquals(1e-12, c.layerNormEps());
        assertEquals(Activation.GELU_ERF, c.activation());
        assertEquals(2, c.typeVocabSize());
        assertFalse(c.tiedEmbeddings());
        assertEquals(0, c.rotaryDims());
    }

    @Test
    void gpt2ExplicitInnerAndUntied() throws Exception {
        ModelConfig c = read("{\"model_type\":\"gpt2\",\"n_layer\":1,\"n_head\":2,\"n_embd\":8,\"n_inner\":20,"
                + "\"n_positions\":16,\"vocab_size\":5,\"activation_function\":\"relu\",\"tie_word_embeddings\":false}");
        assertEquals(20, c.dMlp());
        assertEquals(Activation.RELU, c.activation());
        assertFalse(c.tiedEmbeddings());
    }

    @Test
    void unknownModelType() {
        assertMessage("{\"model_type\":\"mamba\"}", "Unknown model_type 'mamba'",
                "supported are bert, gpt2, gpt_neox, llama, mistral, qwen2", "config.json");
    }

    @Test
    void missingModelType() {
        assertMessage("{\"n_layer\":2}", "config.json", "required field 'model_type'");
    }

    @Test
    void missingRequiredField() {
        assertMessage("{\"model_type\":\"gpt2\",\"n_layer\":2,\"n_head\":4,\"n_positions\":32,\"vocab_size\":96}",
                "config.json", "required field 'n_embd'");
    }

    @Test
    void fieldOfTheWrongType() {
        assertMessage("{\"model_type\":\"gpt2\",\"n_layer\":\"two\",\"n_head\":4,\"n_embd\":64,\"n_positions\":32,"
                + "\"vocab_size\":96}", "Field 'n_layer'", "config.json", "positive integer", "\"two\"");
    }

    @Test
    void headsThatDoNotDivide() {
        assertMessage("{\"model_type\":\"gpt2\",\"n_layer\":1,\"n_head\":5,\"n_embd\":64,\"n_positions\":32,"
                + "\"vocab_size\":96}", "n_embd 64", "config.json", "not divisible by n_head 5");
    }

    @Test
    void unsupportedActivationNamesTheField() {
        assertMessage("{\"model_type\":\"gpt2\",\"n_layer\":1,\"n_head\":4,\"n_embd\":64,\"n_positions\":32,"
                + "\"vocab_size\":96,\"activation_function\":\"mish\"}", "'mish'", "activation_function");
    }

    @Test
    void scaledRopeIsRefused() {
        assertMessage("{\"model_type\":\"gpt_neox\",\"hidden_size\":64,\"num_attention_heads\":2,"
                + "\"num_hidden_layers\":1,\"intermediate_size\":256,\"max_position_embeddings\":64,\"vocab_size\":10,"
                + "\"rope_parameters\":{\"rope_type\":\"linear\",\"factor\":2.0}}", "rope_type 'linear'");
    }

    @Test
    void notJson() {
        assertMessage("model_type = gpt2", "config.json", "not valid JSON");
    }

    @Test
    void jsonButNotAnObject() {
        assertMessage("[\"gpt2\"]", "config.json", "not a JSON object");
    }

    @Test
    void missingFile() {
        ModelLoadException e = assertThrows(ModelLoadException.class,
                () -> HfConfigReader.read(tmp.resolve("config.json"), "x"));
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
    }

    private static String gpt2(String nEmbd, String nHead, String eps) {
        return "{\"model_type\":\"gpt2\",\"n_layer\":2,\"n_head\":" + nHead + ",\"n_embd\":" + nEmbd
                + ",\"n_inner\":null,\"n_positions\":32,\"vocab_size\":96,\"layer_norm_epsilon\":" + eps + "}";
    }

    @Test
    void aHugeDModelIsReportedAsItselfNotAsAnOverflowedInt() {
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> read(gpt2("1000000000", "4", "1e-5")));
        assertTrue(e.getMessage().contains("n_embd 1000000000") && e.getMessage().contains("4000000000")
                && e.getMessage().contains("config.json"), e.getMessage());
        assertFalse(e.getMessage().contains("-294967296"), e.getMessage());
        // With n_inner given the int product no longer overflows in the reader; the matrix size is refused.
        e = assertThrows(ModelLoadException.class, () -> read(gpt2("100000", "4", "1e-5").replace("null", "400000")));
        assertTrue(e.getMessage().contains("MLP matrix") && e.getMessage().contains("40000000000")
                && e.getMessage().contains("config.json"), e.getMessage());
    }

    @Test
    void aLayerNormEpsilonThatIsNotPositiveIsRefused() {
        for (String eps : new String[] {"-1e-5", "0", "-0.0", "1e999"}) {
            ModelLoadException e = assertThrows(ModelLoadException.class, () -> read(gpt2("64", "4", eps)), eps);
            assertTrue(e.getMessage().contains("LayerNorm epsilon") && e.getMessage().contains("not a positive number")
                    && e.getMessage().contains("config.json"), e.getMessage());
        }
        String neox = "{\"model_type\":\"gpt_neox\",\"hidden_size\":64,\"num_attention_heads\":4,\"num_hidden_layers\":2,"
                + "\"intermediate_size\":256,\"max_position_embeddings\":32,\"vocab_size\":96,\"rotary_emb_base\":-10000}";
        assertMessage(neox, "Rotary base -10000.0", "not a positive number", "config.json");
    }

    private ModelConfig read(String json) throws Exception {
        return HfConfigReader.read(Files.writeString(tmp.resolve("config.json"), json), "test");
    }

    private void assertMessage(String json, String... parts) {
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> read(json));
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), "expected '" + part + "' in: " + e.getMessage());
        }
    }
}
