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
        assertMessage("{\"model_type\":\"llama\"}", "Unknown model_type 'llama'", "supported are bert, gpt2, gpt_neox",
                "config.json");
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
                + "\"vocab_size\":96,\"activation_function\":\"swish\"}", "'swish'", "activation_function");
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
