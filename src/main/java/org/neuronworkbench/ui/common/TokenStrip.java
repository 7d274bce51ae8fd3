package org.neuronworkbench.ui.common;

import java.util.List;
import java.util.function.IntFunction;
import javafx.scene.control.Label;
import javafx.scene.layout.Background;
import javafx.scene.layout.BackgroundFill;
import javafx.scene.layout.FlowPane;
import javafx.scene.paint.Color;
import org.neuronworkbench.export.ActivationColours;
import org.neuronworkbench.export.DisplayText;
import org.neuronworkbench.export.Rgb;
import org.neuronworkbench.export.SvgOptions;
import org.neuronworkbench.export.TokenActivation;

/**
 * Tokens drawn as coloured labels in the hypothesis editor's style (blue +, red −, class
 * {@code hyp-token}). Each label carries its {@link TokenActivation} as user data, so tests and
 * hover read the number that was coloured; the marked token (the target) is underlined.
 */
public final class TokenStrip extends FlowPane {
    public static final String MARKED_CLASS = "max-token";

    public TokenStrip() {
        super(3, 4);
        getStyleClass().addAll("hyp-tokens", "causal-strip");
    }

    /**
     * @param scale  |value| drawn at full colour (values above it saturate)
     * @param marked index to underline, -1 for none
     * @param tip    hover text of token i
     */
    public void show(List<String> tokens, float[] values, double scale, int marked, IntFunction<String> tip) {
        fill(tokens, values, activations(scale), marked, tip, false);
    }

    /**
     * As {@link #show}, for tokens already {@link org.neuronworkbench.model.TokensAsShown as shown}
     * (each with the whitespace before it): drawn edge to edge with their spaces, so the strip reads
     * like the text, as in the hypothesis editor.
     */
    public void showAsText(List<String> asShown, float[] values, double scale, int marked, IntFunction<String> tip) {
        fill(asShown, values, activations(scale), marked, tip, true);
    }

    /** As {@link #show(List, float[], double, int, IntFunction)} with explicit colours (e.g. for changes). */
    public void show(List<String> tokens, float[] values, ActivationColours colors, int marked, IntFunction<String> tip) {
        fill(tokens, values, colors, marked, tip, false);
    }

    /** Colours for activations with full colour at {@code scale} (1 when it is not a usable number). */
    private static ActivationColours activations(double scale) {
        return new ActivationColours(scale > 0 && Double.isFinite(scale) ? scale : 1, SvgOptions.DEFAULT_DARKEN);
    }

    private void fill(List<String> tokens, float[] values, ActivationColours colors, int marked, IntFunction<String> tip,
                      boolean asText) {
        getChildren().clear();
        setHgap(asText ? 0 : 3);
        for (int i = 0; i < tokens.size(); i++) {
            double v = Float.isFinite(values[i]) ? values[i] : 0;
            TokenActivation t = new TokenActivation(tokens.get(i), v);
            Label label = new Label(asText ? DisplayText.of(t.text()) : shown(t.text()));
            label.getStyleClass().add("hyp-token");
            if (i == marked) {
                label.getStyleClass().add(MARKED_CLASS);
            }
            label.setUserData(t);
            label.setBackground(new Background(new BackgroundFill(fx(colors.fill(v)), null, null)));
            label.setTextFill(fx(colors.textColour(v)));
            int index = i;
            LazyTooltip.install(label, () -> tip.apply(index), LazyTooltip.DEFAULT_DELAY);
            getChildren().add(label);
        }
    }

    /** The largest |value|, for a scale; 1 when all are zero. */
    public static double scaleOf(float[] values) {
        double m = 0;
        for (float v : values) {
            if (Float.isFinite(v)) {
                m = Math.max(m, Math.abs(v));
            }
        }
        return m > 0 ? m : 1;
    }

    /** Whitespace made visible enough to see a token at all. */
    public static String shown(String text) {
        String s = text.replace("\n", "⏎").strip();
        return s.isEmpty() ? "␣" : s;
    }

    private static Color fx(Rgb rgb) {
        return Color.rgb(rgb.red(), rgb.green(), rgb.blue());
    }
}
