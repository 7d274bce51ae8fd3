package org.neuronworkbench.ui.hypothesis;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextArea;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.neuronworkbench.export.ColourScale;
import org.neuronworkbench.model.MlpNeuron;
import org.neuronworkbench.model.ModelRunner;
import org.neuronworkbench.ui.common.Exportable;
import org.neuronworkbench.ui.common.Showing;
import org.neuronworkbench.ui.common.WorkbenchContext;

/**
 * The hypothesis editor: one sentence per line on the left, each line's tokens coloured by the
 * selected and pinned neurons on the right, recomputed as you type (see {@link Recolourer}).
 */
public final class HypothesisPane extends BorderPane implements Exportable {
    public static final String KEY_TO_NODES = "keystroke → coloured nodes";
    public static final String KEY_TO_LAYOUT = "keystroke → laid out";
    public static final String NEURON_TO_LAYOUT = "other neuron → laid out";
    public static final String FORWARD = "forward (model thread)";
    public static final String RENDER = "build nodes (FX thread)";

    private final WorkbenchContext ctx;
    private final TextArea editor = new TextArea();
    private final VBox linesBox = new VBox(10);
    private final Label message = new Label();
    private final Label hover = new Label();
    private final Label legend = new Label();
    private final SplitPane split;
    private final NeuronBar bar;
    private final FiresBox fires;
    private final Recolourer recolourer;
    private boolean staleWhileHidden;
    private HypothesisViewModel viewModel;
    private HypothesisResult lastResult;
    private Map<MlpNeuron, ColourScale> lastScales = Map.of();
    private final Map<LineActivations, LineView> shownViews = new IdentityHashMap<>();

    public HypothesisPane(WorkbenchContext ctx) {
        this.ctx = ctx;
        getStyleClass().add("hypothesis-pane");
        bar = new NeuronBar(ctx, this::export);
        editor.setId("hypothesis-editor");
        editor.setPromptText("Type a sentence per line. Each line is coloured by the neuron as you type.");
        editor.setWrapText(true);
        editor.setText(String.join("\n", ctx.workspace().hypothesisLines));
        linesBox.getStyleClass().add("hyp-lines");
        linesBox.setPadding(new Insets(10));
        ScrollPane scroll = new ScrollPane(linesBox);
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("hyp-scroll");
        fires = new FiresBox(ctx);
        VBox left = new VBox(editor, fires);
        VBox.setVgrow(editor, Priority.ALWAYS);
        split = new SplitPane(left, scroll);
        List<Double> dividers = ctx.workspace().dividers;
        split.setDividerPositions(dividers.isEmpty() ? 0.38 : dividers.get(0));
        message.getStyleClass().add("hyp-message");
        message.setId("hypothesis-message");
        message.setWrapText(true);
        hover.getStyleClass().add("hyp-hover");
        legend.getStyleClass().add("hyp-legend");
        HBox footer = new HBox(16, message, hover, legend);
        footer.getStyleClass().add("hyp-footer");
        HBox.setHgrow(message, Priority.ALWAYS);
        message.setMaxWidth(Double.MAX_VALUE);
        setTop(bar);
        setCenter(split);
        setBottom(footer);

        recolourer = new Recolourer(ctx.tasks(), this::snapshot, new Renderer(), ctx.metrics(), this::getScene);
        editor.textProperty().addListener((obs, old, text) -> recolourer.request(Recolourer.Cause.KEYSTROKE));
        // Changes made in other panes (another neuron, pins, an index) recolour when this pane is
        // shown: a forward per neuron stepped through in the Neurons pane would compete with it.
        ctx.selectedNeuronProperty().addListener((obs, old, n) -> changedElsewhere(Recolourer.Cause.NEURON));
        ctx.pinned().addListener((ListChangeListener<MlpNeuron>) c -> changedElsewhere(Recolourer.Cause.OTHER));
        // Opening or closing an index changes what full colour means.
        ctx.openIndex().currentProperty().addListener((obs, old, index) -> changedElsewhere(Recolourer.Cause.OTHER));
        Showing.whenShown(this, () -> {
            if (staleWhileHidden) {
                staleWhileHidden = false;
                recolourer.request(Recolourer.Cause.OTHER);
            }
        });
        ctx.modelProperty().addListener((obs, old, runner) -> modelChanged(runner));
        ctx.modelStatusProperty().addListener((obs, old, s) -> showModelStatus());
        ctx.onSendToHypothesis(this::appendLine);
        ctx.onBeforeSave(this::saveState);
        modelChanged(ctx.model());
    }

    private void changedElsewhere(Recolourer.Cause cause) {
        if (Showing.showing(this)) {
            recolourer.request(cause);
        } else {
            staleWhileHidden = true;
        }
    }

    /** The "which neurons fire on this text" box under the editor. */
    FiresBox firesBox() {
        return fires;
    }

    public TextArea editor() {
        return editor;
    }

    /** The rendered lines (one {@code LineView} per line), for tests and screenshots. */
    public VBox linesBox() {
        return linesBox;
    }

    public Label messageLabel() {
        return message;
    }

    /** The latest shown result, null before the first. */
    /** The colour scale of each shown row, in row order. */
    public Map<MlpNeuron, ColourScale> lastScales() {
        return lastScales;
    }

    public Label legend() {
        return legend;
    }

    public HypothesisResult lastResult() {
        return lastResult;
    }

    public void pinSelected() {
        bar.pinSelected();
    }

    public void focusNeuronField() {
        bar.field().requestFocus();
        bar.field().selectAll();
    }

    /** Adds a line at the end (texts sent from other panes); newlines become spaces. */
    public void appendLine(String text) {
        String line = text.replaceAll("\\R", " ").strip();
        String current = editor.getText();
        editor.setText(current.isBlank() ? line : current.stripTrailing() + "\n" + line);
    }

    @Override
    public void export() {
        MlpNeuron n = ctx.selectedNeuronProperty().get();
        if (lastResult == null || n == null || !lastResult.neurons().contains(n)) {
            message.setText("Nothing to export yet: pick a neuron of this model and type a sentence.");
            return;
        }
        // Every shown row (the selected neuron and the pinned ones), each on its own scale as shown.
        Map<MlpNeuron, ColourScale> scales = new LinkedHashMap<>();
        for (MlpNeuron shown : lastResult.neurons()) {
            scales.put(shown, lastScales.getOrDefault(shown, ColourScale.ofText(lastResult.sentences(shown))));
        }
        ExportDialog.run(getScene().getWindow(), ctx.tasks(), lastResult, scales, message::setText);
    }

    private void modelChanged(ModelRunner runner) {
        viewModel = runner == null ? null : new HypothesisViewModel(runner);
        showModelStatus();
        recolourer.request(Recolourer.Cause.OTHER);
    }

    private void showModelStatus() {
        if (viewModel == null) {
            linesBox.getChildren().clear();
            shownViews.clear();
            message.setText(ctx.modelStatusProperty().get());
        }
    }

    private Recolourer.Request snapshot() {
        List<MlpNeuron> neurons = new ArrayList<>();
        MlpNeuron selected = ctx.selectedNeuronProperty().get();
        if (selected != null) {
            neurons.add(selected);
        }
        ctx.pinned().stream().filter(n -> !neurons.contains(n)).forEach(neurons::add);
        return new Recolourer.Request(viewModel, lines(), neurons);
    }

    private List<String> lines() {
        return Arrays.asList(editor.getText().split("\n", -1));
    }

    private void saveState() {
        ctx.workspace().hypothesisLines = new ArrayList<>(lines());
        // Slot 0 of the shared divider list is this pane's split.
        List<Double> dividers = new ArrayList<>(ctx.workspace().dividers);
        if (dividers.isEmpty()) {
            dividers.add(0.0);
        }
        dividers.set(0, split.getDividerPositions()[0]);
        ctx.workspace().dividers = dividers;
    }

    /** One line per row: "L3N42: full colour at 3.2 (the neuron's maximum over the index)"; values ≤ 0 stay pale. */
    static String legendText(Map<MlpNeuron, ColourScale> scales) {
        if (scales.isEmpty()) {
            return "";
        }
        StringBuilder b = new StringBuilder("blue = firing, values ≤ 0 pale");
        scales.forEach((n, s) -> b.append('\n').append(n).append(": ").append(s.label()));
        return b.toString();
    }

    /** Puts a result on screen, reusing the nodes of lines that did not change. */
    private final class Renderer implements Recolourer.Renderer {
        @Override
        public void result(HypothesisResult result) {
            lastResult = result;
            // Each row its own scale: the neuron's index maximum when an index of this model is open.
            Map<MlpNeuron, ColourScale> scales = new LinkedHashMap<>();
            result.neurons().forEach(n -> scales.put(n, result.scale(n,
                    ctx.openIndex().neuronMax(n, viewModel == null ? null : viewModel.runner()))));
            lastScales = scales;
            // Unchanged lines keep their nodes even when lines above them move.
            Map<LineActivations, LineView> previous = new IdentityHashMap<>(shownViews);
            shownViews.clear();
            List<Node> views = new ArrayList<>();
            for (int i = 0; i < result.lines().size(); i++) {
                LineActivations line = result.lines().get(i);
                if (line.blank()) {
                    continue;
                }
                LineView view = previous.remove(line);
                view = view != null ? view : new LineView();
                view.show(i + 1, line, result.neurons(), scales, hover::setText);
                shownViews.put(line, view);
                views.add(view);
            }
            if (!views.equals(linesBox.getChildren())) {
                linesBox.getChildren().setAll(views);
            }
            message.setText(result.message());
            legend.setText(legendText(scales));
        }

        @Override
        public void failure(String text) {
            message.setText(text);
        }
    }
}
