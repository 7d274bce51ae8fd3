package org.neuronworkbench.model.arch;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.neuronworkbench.model.ModelConfig;

/**
 * Rotary embedding (rotate-half, GPT-NeoX/Llama style) on the first {@code rotaryDims} dims of each
 * head, with the config's frequency scaling (linear or llama3) applied to each pair's frequency.
 */
record Rotary(NDArray cos, NDArray sin, int dims) {

    static Rotary create(NDManager scope, ModelConfig c, int t) {
        int r = c.rotaryDims();
        int half = r / 2;
        float[] cos = new float[t * r];
        float[] sin = new float[t * r];
        for (int p = 0; p < t; p++) {
            for (int i = 0; i < r; i++) {
                double invFreq = c.ropeScaling().scale(1.0 / Math.pow(c.rotaryBase(), (2.0 * (i % half)) / r));
                double ang = p * invFreq;
                cos[p * r + i] = (float) Math.cos(ang);
                sin[p * r + i] = (float) Math.sin(ang);
            }
        }
        return new Rotary(scope.create(cos, new Shape(t, r)), scope.create(sin, new Shape(t, r)), r);
    }

    /** x: [B, H, T, dHead]. */
    NDArray apply(NDArray x) {
        int half = dims / 2;
        NDArray rot = x.get(":, :, :, 0:" + dims);
        NDArray pass = x.get(":, :, :, " + dims + ":");
        NDArray rotated = rot.get(":, :, :, " + half + ":").neg().concat(rot.get(":, :, :, 0:" + half), -1);
        NDArray out = rot.mul(cos).add(rotated.mul(sin));
        return pass.getShape().get(3) == 0 ? out : out.concat(pass, -1);
    }
}
