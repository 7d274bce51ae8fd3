package org.neuronworkbench.model.hooks;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.neuronworkbench.model.ModelConfig;

/**
 * A TransformerLens hook point name such as {@code blocks.3.mlp.hook_post}. Names are plain strings
 * so they can be typed on a command line and stored in files; this type only validates them.
 */
public record HookName(String value) implements Comparable<HookName> {
    public static final HookName EMBED = new HookName("hook_embed");
    public static final HookName POS_EMBED = new HookName("hook_pos_embed");
    public static final HookName LN_FINAL = new HookName("ln_final.hook_normalized");
    public static final HookName LOGITS = new HookName("logits");

    /** Per-block hook suffixes, in the order a forward pass reaches them. */
    public static final List<String> BLOCK_HOOKS = List.of(
            "hook_resid_pre", "attn.hook_pattern", "hook_attn_out",
            "mlp.hook_pre", "mlp.hook_post", "hook_mlp_out", "hook_resid_post");

    private static final Pattern BLOCK = Pattern.compile("blocks\\.(\\d+)\\.(.+)");

    public HookName {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("Hook name is empty.");
        }
    }

    public static HookName of(String value) {
        return new HookName(value.trim());
    }

    public static HookName block(int layer, String suffix) {
        return new HookName("blocks." + layer + "." + suffix);
    }

    public static HookName residPre(int layer) {
        return block(layer, "hook_resid_pre");
    }

    public static HookName attnPattern(int layer) {
        return block(layer, "attn.hook_pattern");
    }

    public static HookName attnOut(int layer) {
        return block(layer, "hook_attn_out");
    }

    public static HookName mlpPre(int layer) {
        return block(layer, "mlp.hook_pre");
    }

    /** The up projection of a gated MLP (TransformerLens GatedMLP); hook_pre is the gate. */
    public static HookName mlpPreLinear(int layer) {
        return block(layer, "mlp.hook_pre_linear");
    }

    public static HookName mlpPost(int layer) {
        return block(layer, "mlp.hook_post");
    }

    public static HookName mlpOut(int layer) {
        return block(layer, "hook_mlp_out");
    }

    public static HookName residPost(int layer) {
        return block(layer, "hook_resid_post");
    }

    /** The block index, or -1 for names outside the blocks. */
    public int layer() {
        Matcher m = BLOCK.matcher(value);
        return m.matches() ? Integer.parseInt(m.group(1)) : -1;
    }

    /** Whether this is some block's {@code mlp.hook_post} (the neurons), by the type rather than by string matching. */
    public boolean isMlpPost() {
        int l = layer();
        return l >= 0 && equals(mlpPost(l));
    }

    /** Every hook name this model has, in forward order. */
    public static List<HookName> all(ModelConfig c) {
        return all(c.layers(), c.rotaryDims() == 0, c.architecture().causal(), c.architecture().llamaFamily());
    }

    /** Every hook name a model with this many layers has, in forward order. */
    public static List<HookName> all(int layers, boolean hasPositions, boolean hasLogits) {
        return all(layers, hasPositions, hasLogits, false);
    }

    private static List<HookName> all(int layers, boolean hasPositions, boolean hasLogits, boolean gatedMlp) {
        List<HookName> names = new ArrayList<>();
        names.add(EMBED);
        if (hasPositions) {
            names.add(POS_EMBED);
        }
        for (int l = 0; l < layers; l++) {
            for (String s : BLOCK_HOOKS) {
                names.add(block(l, s));
                if (gatedMlp && s.equals("mlp.hook_pre")) {
                    names.add(mlpPreLinear(l));
                }
            }
        }
        if (hasLogits) {
            names.add(LN_FINAL);
            names.add(LOGITS);
        }
        return names;
    }

    @Override
    public int compareTo(HookName o) {
        return value.compareTo(o.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
