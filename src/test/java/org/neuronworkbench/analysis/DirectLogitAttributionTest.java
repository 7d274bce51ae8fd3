package org.neuronworkbench.analysis;

import org.neuronworkbench.model.MlpNeuron;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.neuronworkbench.model.Fixtures;
import org.neuronworkbench.model.ModelLoader;
import org.neuronworkbench.model.ModelRunner;
import org.neuronworkbench.model.Offline;
import org.neuronworkbench.model.weights.SafetensorsFile;

class DirectLogitAttributionTest {
    private static ModelRunner gpt2;
    private static ModelRunner miniLm;

    @BeforeAll
    static void load() {
        Offline.enforce();
        gpt2 = Fixtures.load(Fixtures.GPT2);
        miniLm = ModelLoader.loadEmbedded();
    }

    @AfterAll
    static void close() {
        gpt2.close();
        miniLm.close();
    }

    /** logit[t] = sum_k c_proj[n, k] * (ln_f[k]) * wte[t, k], straight from the checkpoint file. */
    private static double[] byHand(SafetensorsFile f, int layer, int n, boolean ln) {
        float[] cProj = f.read("h." + layer + ".mlp.c_proj.weight");
        float[] wte = f.read("wte.weight");
        float[] lnF = f.read("ln_f.weight");
        double[] out = new double[96];
        for (int t = 0; t < 96; t++) {
            for (int k = 0; k < 64; k++) {
                out[t] += (double) cProj[n * 64 + k] * (ln ? lnF[k] : 1) * wte[t * 64 + k];
            }
        }
        return out;
    }

    /**
     * Gated fixtures: logit[t] = sum_k down_proj[k, n] * norm[k] * W_U[t, k], W_U being lm_head
     * (llama-tiny, untied) or embed_tokens (qwen2-tiny, tied), read straight from the file.
     */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {Fixtures.LLAMA, Fixtures.QWEN2})
    void gatedNeuronLogitsEqualTheProductThroughTheFinalRmsNormGain(String fixture) {
        try (ModelRunner r = Fixtures.load(fixture);
                SafetensorsFile f = SafetensorsFile.open(Fixtures.dir(fixture).resolve("model.safetensors"))) {
            DirectLogitAttribution dla = new DirectLogitAttribution(r);
            assertTrue(dla.hasLnFinal());
            float[] unembed = f.read(f.has("lm_head.weight") ? "lm_head.weight" : "model.embed_tokens.weight");
            assertEquals(fixture.equals(Fixtures.LLAMA), f.has("lm_head.weight"));
            float[] norm = f.read("model.norm.weight");
            for (MlpNeuron n : new MlpNeuron[] {new MlpNeuron(0, 5), new MlpNeuron(1, 191)}) {
                float[] down = f.read("model.layers." + n.layer() + ".mlp.down_proj.weight");
                for (boolean ln : new boolean[] {false, true}) {
                    float[] got = dla.logits(n, ln);
                    for (int t = 0; t < 96; t++) {
                        double want = 0;
                        for (int k = 0; k < 64; k++) {
                            want += (double) down[k * 192 + n.index()] * (ln ? norm[k] : 1) * unembed[t * 64 + k];
                        }
                        assertEquals(want, got[t], 1e-4, fixture + " " + n + " token " + t);
                    }
                    assertEquals(ln, ((DirectLogitAttribution.NeuronLogits) dla.run(new DirectLogitAttribution.ForNeuron(n, 3, ln))).throughLnFinal());
                }
            }
        }
    }

    @Test
    void neuronLogitsEqualTheExplicitMatrixProductOnTheGpt2Fixture() {
        DirectLogitAttribution dla = new DirectLogitAttribution(gpt2);
        try (SafetensorsFile f = SafetensorsFile.open(Fixtures.dir(Fixtures.GPT2).resolve("model.safetensors"))) {
            for (boolean ln : new boolean[] {false, true}) {
                for (MlpNeuron n : new MlpNeuron[] {new MlpNeuron(0, 5), new MlpNeuron(1, 200)}) {
                    double[] want = byHand(f, n.layer(), n.index(), ln);
                    float[] got = dla.logits(n, ln);
                    for (int t = 0; t < 96; t++) {
                        assertEquals(want[t], got[t], 1e-4, n + " token " + t);
                    }
                    DirectLogitAttribution.NeuronLogits top = ((DirectLogitAttribution.NeuronLogits) dla.run(
                            new DirectLogitAttribution.ForNeuron(n, 5, ln)));
                    assertFalse(top.approximate());
                    assertNull(top.note());
                    assertEquals(5, top.top().size());
                    int argmax = 0;
                    int argmin = 0;
                    for (int t = 1; t < 96; t++) {
                        argmax = want[t] > want[argmax] ? t : argmax;
                        argmin = want[t] < want[argmin] ? t : argmin;
                    }
                    assertEquals(argmax, top.top().get(0).id());
                    assertEquals(argmin, top.bottom().get(0).id());
                    assertEquals("#" + argmax, top.top().get(0).token());
                    assertTrue(top.top().get(0).score() >= top.top().get(4).score());
                }
            }
            // The token view is the same matrix read by columns.
            DirectLogitAttribution.TokenPushers p = ((DirectLogitAttribution.TokenPushers) dla.run(
                    new DirectLogitAttribution.ForToken(42, 3, true)));
            MlpNeuron best = p.top().get(0).neuron();
            assertEquals(byHand(f, best.layer(), best.index(), true)[42], p.top().get(0).score(), 1e-4);
            float[][] all = dla.pushes(42, true);
            for (float[] layer : all) {
                for (float v : layer) {
                    assertTrue(v <= p.top().get(0).score() && v >= p.bottom().get(0).score());
                }
            }
        }
    }

    @Test
    void encoderResultsAreFlaggedApproximate() {
        DirectLogitAttribution dla = new DirectLogitAttribution(miniLm);
        DirectLogitAttribution.NeuronLogits n = ((DirectLogitAttribution.NeuronLogits) dla.run(
                new DirectLogitAttribution.ForNeuron(new MlpNeuron(5, 100), 10, true)));
        assertTrue(n.approximate());
        assertEquals(DirectLogitAttribution.APPROXIMATE, n.note());
        assertFalse(n.throughLnFinal());
        int paris = DirectLogitAttribution.tokenId(miniLm, "paris");
        DirectLogitAttribution.TokenPushers t = ((DirectLogitAttribution.TokenPushers) dla.run(
                new DirectLogitAttribution.ForToken(paris, 10, true)));
        assertEquals("paris", t.token());
        assertTrue(t.approximate());
        assertEquals(10, t.top().size());
    }

    @Test
    void aWordThatIsNotOneTokenIsRefusedWithItsPieces() {
        String msg = assertThrows(IllegalArgumentException.class,
                () -> DirectLogitAttribution.tokenId(miniLm, "unbelievableness")).getMessage();
        assertTrue(msg.contains("is not one token") && msg.contains("##"), msg);
        DirectLogitAttribution dla = new DirectLogitAttribution(gpt2);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> dla.run(new DirectLogitAttribution.ForToken(96, 3, true)))
                .getMessage().contains("outside"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> dla.run(
                new DirectLogitAttribution.ForNeuron(new MlpNeuron(0, 300), 3, true))).getMessage().contains("out of range"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> dla.run(
                new DirectLogitAttribution.ForNeuron(new MlpNeuron(0, 3), 0, true))).getMessage().contains("top"));
    }
}
