package org.neuronworkbench.ui.hypothesis;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javafx.scene.control.Label;
import javafx.scene.layout.Background;
import javafx.scene.layout.BackgroundFill;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import org.neuronworkbench.export.ActivationColours;
import org.neuronworkbench.export.ColourScale;
import org.neuronworkbench.export.HighlightedSentence;
import org.neuronworkbench.export.Rgb;
import org.neuronworkbench.export.SvgOptions;
import org.neuronworkbench.export.TokenActivation;
import org.neuronworkbench.model.MlpNeuron;
import org.neuronworkbench.ui.common.LazyTooltip;

/**
 * One editor line drawn as coloured tokens, one row per neuron. Each token label carries its
 * {@link TokenActivation} as user data and the value under {@link #ACTIVATION}, so tests and
 * hover read the number that was coloured. Rebuilt only when its line or the colour scales change.
 */
final class LineView extends HBox {
    static final String ACTIVATION = "activation";
    static final String NEURON = "neuron";
    static final String MAX_CLASS = "max-token";


    private final Label number = new Label();
    private final VBox rows = new VBox(2);
    private LineActivations shown;
    private Map<MlpNeuron, ColourScale> shownScales;

    LineView() {
        super(6);
        getStyleClass().add("hyp-line");
        number.getStyleClass().add("hyp-line-number");
        number.setMinWidth(28);
        HBox.setHgrow(rows, Priority.ALWAYS);
        getChildren().addAll(number, rows);
    }

    /** Shows a line; returns false when nothing changed and the old nodes were kept. */
    boolean show(int lineNumber, LineActivations line, List<MlpNeuron> neurons, Map<MlpNeuron, ColourScale> scales,
                 Consumer<String> hover) {
        number.setText(Integer.toString(lineNumber));
        if (line == shown && scales.equals(shownScales)) {
            return false;
        }
        shown = line;
        shownScales = scales;
        rows.getChildren().clear();
        boolean tagged = neurons.size() > 1;
        for (MlpNeuron n : neurons) {
            HighlightedSentence s = line.row(n);
            if (s != null) {
                rows.getChildren().add(row(n, s, scales.get(n), tagged, hover));
            }
        }
        return true;
    }

    private static HBox row(MlpNeuron n, HighlightedSentence s, ColourScale scale, boolean tagged, Consumer<String> hover) {
        ActivationColours colors = scale.colours(SvgOptions.DEFAULT_DARKEN);
        FlowPane tokens = new FlowPane();
        tokens.getStyleClass().add("hyp-tokens");
        int max = argMax(s);
        for (int i = 0; i < s.tokens().size(); i++) {
            tokens.getChildren().add(token(n, s.tokens().get(i), colors, i == max, hover));
        }
        HBox row = new HBox(6);
        row.getStyleClass().add("hyp-row");
        if (tagged) {
            Label tag = new Label(n.toString());
            tag.getStyleClass().add("hyp-row-tag");
            tag.setMinWidth(64);
            row.getChildren().add(tag);
        }
        HBox.setHgrow(tokens, Priority.ALWAYS);
        row.getChildren().add(tokens);
        return row;
    }

    private static Label token(MlpNeuron n, TokenActivation t, ActivationColours colors, boolean isMax,
                               Consumer<String> hover) {
        Label label = new Label(t.text());
        label.getStyleClass().add("hyp-token");
        if (isMax) {
            label.getStyleClass().add(MAX_CLASS);
        }
        label.setUserData(t);
        label.getProperties().put(ACTIVATION, t.activation());
        label.getProperties().put(NEURON, n);
        label.setBackground(new Background(new BackgroundFill(fx(colors.fill(t.activation())), null, null)));
        label.setTextFill(fx(colors.textColour(t.activation())));
        LazyTooltip.install(label, () -> n + " = " + ActivationColours.format(t.activation()), LazyTooltip.DEFAULT_DELAY);
        label.setOnMouseEntered(e -> hover.accept(n + "  '" + t.text().strip() + "' = "
                + ActivationColours.format(t.activation()) + (isMax ? "  (line maximum)" : "")));
        return label;
    }

    /** Index of the largest activation (the token most worth looking at), -1 if empty. */
    static int argMax(HighlightedSentence s) {
        int best = -1;
        for (int i = 0; i < s.tokens().size(); i++) {
            if (best < 0 || s.tokens().get(i).activation() > s.tokens().get(best).activation()) {
                best = i;
            }
        }
        return best;
    }

    private static Color fx(Rgb rgb) {
        return Color.rgb(rgb.red(), rgb.green(), rgb.blue());
    }
}
