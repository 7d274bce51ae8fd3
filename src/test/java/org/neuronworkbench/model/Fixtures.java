package org.neuronworkbench.model;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import org.neuronworkbench.model.weights.SafetensorsFile;

/** The tiny reference checkpoints under src/test/resources/fixtures. */
public final class Fixtures {
    public static final String GPT2 = "gpt2-tiny";
    public static final String NEOX = "gpt-neox-tiny";
    /** Llama: RMSNorm, gated MLP, grouped-query attention, untied head, 4.x-style rope_theta. */
    public static final String LLAMA = "llama-tiny";
    /** Qwen2: like Llama with q/k/v biases, tied head, 5.x-style rope_parameters. */
    public static final String QWEN2 = "qwen2-tiny";
    public static final int[][] SEQS = {
        {0, 1, 95, 47, 1},
        {5, 63, 22, 87, 5, 63, 22, 87, 13, 40, 71, 94},
        seq2(),
    };

    private Fixtures() {
    }

    public static Path dir(String name) {
        URL url = Fixtures.class.getResource("/fixtures/" + name);
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    public static ModelRunner load(String name) {
        return ModelLoader.loadFolder(dir(name));
    }

    /** The neurons of {@code blocks.1.mlp.hook_post} the fixture's ablation case zeroes (its expected.json). */
    public static int[] ablatedNeurons(String name) {
        try {
            com.fasterxml.jackson.databind.JsonNode ablation = new com.fasterxml.jackson.databind.ObjectMapper()
                    .readTree(dir(name).resolve("expected.json").toFile()).get("ablation");
            int[] out = new int[ablation.get("neurons").size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = ablation.get("neurons").get(i).asInt();
            }
            return out;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public static SafetensorsFile expected(String name) {
        return SafetensorsFile.open(dir(name).resolve("expected.safetensors"));
    }

    private static int[] seq2() {
        int[] s = new int[32];
        for (int i = 0; i < 32; i++) {
            s[i] = (37 * i + 11) % 96;
        }
        return s;
    }

    public static double maxAbsDiff(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new AssertionError("length " + a.length + " != " + b.length);
        }
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.abs(a[i] - b[i]));
        }
        return m;
    }

    public static float[] flatten(float[][] rows) {
        int w = rows.length == 0 ? 0 : rows[0].length;
        float[] out = new float[rows.length * w];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(rows[i], 0, out, i * w, w);
        }
        return out;
    }
}
