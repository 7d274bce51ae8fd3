package org.neuronworkbench.ui.simplify;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import org.neuronworkbench.analysis.ContextPruning;
import org.neuronworkbench.model.ModelRunner;
import org.neuronworkbench.ui.common.WorkbenchContext;
import org.neuronworkbench.ui.common.TokenStrip;
import org.neuronworkbench.ui.common.ToolPane;
import org.neuronworkbench.work.AtomicFiles;

/**
 * Simplification replay: remove tokens greedily in the background, then scrub or play through the
 * steps ({@link ReplayView}), prune to the shortest context, export the replay (SVG, JSON) and send
 * a step to the hypothesis editor.
 */
public final class SimplifyPane extends ToolPane {
    private final TextField text = new TextField();
    private final ComboBox<String> position = ToolPane.positions();
    private final ReplayView view = new ReplayView();
    private final Spinner<Integer> keep = new Spinner<>(1, 100, 90, 5);
    private final Label pruned = new Label();
    private final TokenStrip prunedStrip = new TokenStrip();
    private final VBox results;
    private SimplifyViewModel replay;

    public SimplifyPane(WorkbenchContext ctx) {
        super(ctx, "simplify");
        text.setId("simplify-text");
        text.setPrefColumnCount(36);
        text.setText(ctx.workspace().hypothesisLines.stream().filter(l -> !l.isBlank()).findFirst().orElse(ToolPane.DEFAULT_TEXT));
        text.setOnAction(e -> run());
        field("Neuron", neuronField);
        field("Text", text);
        exampleFollowsModel(text);
        field("Target", position);
        runButton.setText("Simplify");
        runButton.setOnAction(e -> run());
        form.getChildren().add(runButton);

        keep.setEditable(true);
        keep.setPrefWidth(80);
        Button prune = new Button("Prune");
        prune.setOnAction(e -> prune());
        pruned.getStyleClass().add("causal-caption");
        Button svg = new Button("Export SVG…");
        svg.setOnAction(e -> save("svg"));
        Button json = new Button("Export JSON…");
        json.setOnAction(e -> save("json"));
        Button simplest = new Button("Simplest → Hypothesis");
        simplest.setTooltip(new Tooltip("Send the last step (the target token with the least context) to the hypothesis editor"));
        simplest.setOnAction(e -> send(true));
        Button shown = new Button("Shown step → Hypothesis");
        shown.setOnAction(e -> send(false));
        results = new VBox(10, view, row(new Label("Keep"), keep, new Label("% of the activation"), prune, pruned),
                prunedStrip, row(svg, json, simplest, shown));
        results.setPadding(new Insets(10));
        results.setDisable(true);
        ScrollPane scroll = new ScrollPane(results);
        scroll.setFitToWidth(true);
        setCenter(scroll);
        modelChanged(ctx.model());
    }

    private static HBox row(Node... nodes) {
        HBox h = new HBox(8, nodes);
        h.setAlignment(Pos.CENTER_LEFT);
        return h;
    }


    public TextField textField() {
        return text;
    }

    public ComboBox<String> positionBox() {
        return position;
    }

    public ReplayView view() {
        return view;
    }

    public Spinner<Integer> keepSpinner() {
        return keep;
    }

    public Label prunedLabel() {
        return pruned;
    }

    public TokenStrip prunedStrip() {
        return prunedStrip;
    }

    /** The shown replay, null before the first run. */
    public SimplifyViewModel replay() {
        return replay;
    }

    public void run() {
        attempt(() -> {
            ModelRunner m = model();
            String t = text.getText();
            String n = neuronField.getText();
            String p = position.getEditor().getText();
            view.stop();
            start("Simplifying for " + n, (progress, cancel) -> SimplifyViewModel.run(m, t, n, p, progress, cancel), this::show);
        });
    }

    private void show(SimplifyViewModel r) {
        replay = r;
        results.setDisable(false);
        view.show(r);
        pruned.setText("");
        prunedStrip.getChildren().clear();
        say(String.format("%d steps from %d tokens in %d forwards. Drag the slider or press Play.", r.steps(),
                r.step(0).tokens().size(), r.result().forwards()));
    }

    public void prune() {
        SimplifyViewModel r = replay;
        if (r == null) {
            say("Run a simplification first.");
            return;
        }
        attempt(() -> {
            ModelRunner m = model();
            int pct = keep.getValue();
            start("Pruning to " + pct + "%", (progress, cancel) -> r.prune(m, pct), p -> showPruned(r, p, pct));
        });
    }

    private void showPruned(SimplifyViewModel r, ContextPruning.Result p, int pct) {
        int target = r.prunedTarget(p);
        float[] acts = new float[p.tokens().size()];
        acts[target] = p.activation();
        pruned.setText(String.format("shortest context: %d tokens keep %.4f of %.4f%s", p.tokens().size(), p.activation(),
                p.original(), p.met() ? " (≥ " + pct + "%)" : "; none reaches " + pct + "%, the longest is shown"));
        prunedStrip.show(p.tokens(), acts, Math.abs(p.original()), target,
                i -> i == target ? String.format("target = %.4f", p.activation()) : p.tokens().get(i).strip());
    }

    private void send(boolean simplest) {
        if (replay == null) {
            say("Run a simplification first.");
            return;
        }
        ctx.sendToHypothesis(replay.line(simplest ? replay.steps() - 1 : view.shownStep()));
    }

    private void save(String kind) {
        if (replay == null) {
            say("Run a simplification first.");
            return;
        }
        FileChooser chooser = new FileChooser();
        chooser.setInitialFileName("simplify-" + replay.neuron() + "." + kind);
        File f = chooser.showSaveDialog(getScene().getWindow());
        if (f != null) {
            export(f.toPath(), kind);
        }
    }

    /** Writes the replay as "svg" or "json" (a few kilobytes: written right here). */
    public void export(Path file, String kind) {
        try {
            AtomicFiles.writeString(file, kind.equals("svg") ? replay.svg() : replay.json());
            say("Saved " + file);
        } catch (IOException e) {
            say(e.getMessage());
        }
    }
}
