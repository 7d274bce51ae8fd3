package org.neuronworkbench.ui.shell;

import java.util.List;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import org.neuronworkbench.ui.ablation.AblationPane;
import org.neuronworkbench.ui.dla.DlaPane;
import org.neuronworkbench.ui.noise.NoisePane;
import org.neuronworkbench.ui.optimise.OptimisePane;
import org.neuronworkbench.ui.simplify.SimplifyPane;
import org.neuronworkbench.ui.corpus.CorpusPane;
import org.neuronworkbench.ui.hypothesis.HypothesisPane;
import org.neuronworkbench.ui.neurons.NeuronBrowserPane;
import org.neuronworkbench.ui.semantic.SemanticMapPane;

/**
 * The panes of the main window, in tab order. To plug in a pane, add (or replace) one line here;
 * Ctrl+1..9 and then Ctrl+0 follow the order.
 */
public final class Panes {
    public static final String CORPUS = "corpus";
    public static final String NEURONS = "neurons";
    public static final String HYPOTHESIS = "hypothesis";
    public static final String MODEL = "model";
    public static final String SIMPLIFY = "simplify";
    public static final String NOISE = "noise";
    public static final String ABLATION = "ablation";
    public static final String DLA = "dla";
    public static final String OPTIMISE = "optimise";
    public static final String SEMANTIC_MAP = "semantic-map";

    private Panes() {
    }

    public static List<PaneSpec> defaults() {
        return List.of(
                new PaneSpec(CORPUS, "Corpus", ctrl(KeyCode.DIGIT1), CorpusPane::new),
                new PaneSpec(NEURONS, "Neurons", ctrl(KeyCode.DIGIT2), NeuronBrowserPane::new),
                new PaneSpec(HYPOTHESIS, "Hypothesis", ctrl(KeyCode.DIGIT3), HypothesisPane::new),
                new PaneSpec(MODEL, "Model", ctrl(KeyCode.DIGIT4), ModelInfoPane::new),
                new PaneSpec(SIMPLIFY, "Simplify", ctrl(KeyCode.DIGIT5), SimplifyPane::new),
                new PaneSpec(NOISE, "Noise", ctrl(KeyCode.DIGIT6), NoisePane::new),
                new PaneSpec(ABLATION, "Ablation", ctrl(KeyCode.DIGIT7), AblationPane::new),
                new PaneSpec(DLA, "Logit attribution", ctrl(KeyCode.DIGIT8), DlaPane::new),
                new PaneSpec(OPTIMISE, "Optimise prompt", ctrl(KeyCode.DIGIT9), OptimisePane::new),
                new PaneSpec(SEMANTIC_MAP, "Semantic map", ctrl(KeyCode.DIGIT0), SemanticMapPane::new));
    }

    static KeyCombination ctrl(KeyCode code) {
        return new KeyCodeCombination(code, KeyCombination.SHORTCUT_DOWN);
    }
}
