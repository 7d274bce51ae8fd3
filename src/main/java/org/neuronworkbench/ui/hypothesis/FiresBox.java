package org.neuronworkbench.ui.hypothesis;

import java.util.List;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.neuronworkbench.analysis.FiringNeurons;
import org.neuronworkbench.analysis.TokenSequence;
import org.neuronworkbench.index.CorpusIndex;
import org.neuronworkbench.model.ModelRunner;
import org.neuronworkbench.ui.common.WorkbenchContext;

/**
 * "Which neurons fire on this text" (the {@code fires} command in the editor): every neuron of
 * every layer ranked by its peak on a typed text, from one forward on the model thread; optionally
 * relative to each neuron's maximum over the open index, so rarely-firing neurons stand out.
 * Clicking a row selects that neuron, which the editor then colours.
 */
final class FiresBox extends VBox {
    static final int TOP = 20;
    private final WorkbenchContext ctx;
    private final TextField text = new TextField();
    private final CheckBox relative = new CheckBox("relative to each neuron's index max");
    private final Button find = new Button("Which neurons fire?");
    private final ListView<FiringNeurons.Firing> list = new ListView<>();
    private final Label status = new Label();
    /** Token texts of the last answer, for the rows (set on the FX thread with the list). */
    private List<String> shownTokens = List.of();

    FiresBox(WorkbenchContext ctx) {
        super(4);
        this.ctx = ctx;
        setPadding(new Insets(6));
        text.setPromptText("A text: which neurons of every layer fire most on it?");
        text.setId("fires-text");
        find.setId("fires-find");
        relative.setTooltip(new Tooltip("Rank by peak ÷ the neuron's maximum over the open index of this model"));
        list.setId("fires-list");
        list.setPrefHeight(160);
        Label empty = new Label("The " + TOP + " neurons of any layer that peak highest on the text."
                + "\nClick one to colour your lines by it.");
        empty.setWrapText(true);
        empty.setTextAlignment(javafx.scene.text.TextAlignment.CENTER);
        empty.setPadding(new Insets(8));
        list.setPlaceholder(empty);
        list.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(FiringNeurons.Firing f, boolean empty) {
                super.updateItem(f, empty);
                setText(empty || f == null ? null : line(f, shownTokens));
            }
        });
        list.getSelectionModel().selectedItemProperty().addListener((o, a, f) -> {
            if (f != null) {
                ctx.selectedNeuronProperty().set(f.neuron());
            }
        });
        status.setWrapText(true);
        find.setOnAction(e -> find());
        text.setOnAction(e -> find());
        // The text gets the whole width; the button and the option sit under it, never cut short.
        find.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        relative.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        HBox actions = new HBox(10, find, relative);
        actions.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        getChildren().addAll(text, actions, list, status);
    }

    TextField textField() {
        return text;
    }

    CheckBox relativeBox() {
        return relative;
    }

    ListView<FiringNeurons.Firing> list() {
        return list;
    }

    Label status() {
        return status;
    }

    /** Runs the search on the model thread; the list is replaced when the answer arrives. */
    void find() {
        ModelRunner runner = ctx.model();
        String typed = text.getText() == null ? "" : text.getText().strip();
        if (runner == null || !runner.hasTokenizer()) {
            status.setText(runner == null ? "Load a model first." : HypothesisViewModel.NO_TOKENIZER);
            return;
        }
        if (typed.isEmpty()) {
            status.setText("Type a text first.");
            return;
        }
        CorpusIndex index = ctx.openIndex().indexFor(runner);
        if (relative.isSelected() && index == null) {
            status.setText("Relative ranking needs an open index of this model (Corpus pane).");
            return;
        }
        boolean rel = relative.isSelected();
        status.setText("Running…");
        ctx.tasks().submitInteractive(() -> {
            TokenSequence seq = TokenSequence.ofText(runner, typed);
            return new FiringNeurons(runner).run(new FiringNeurons.Request(seq, TOP, rel, index));
        }).whenComplete((r, error) -> Platform.runLater(() -> {
            if (error != null) {
                Throwable t = error.getCause() != null ? error.getCause() : error;
                status.setText(t.getMessage() == null ? t.toString() : t.getMessage());
                return;
            }
            shownTokens = r.input().texts();
            list.getItems().setAll(r.neurons());
            status.setText(r.neurons().size() + " strongest of " + runner.config().layers() + " layers"
                    + (rel ? ", ranked by peak ÷ index max" : "") + ". Click one to colour the text by it.");
        }));
    }

    static String line(FiringNeurons.Firing f, List<String> tokens) {
        String token = f.tokenIndex() < tokens.size() ? tokens.get(f.tokenIndex()).strip() : "#" + f.tokenIndex();
        String rel = Double.isNaN(f.relative()) ? "" : String.format(java.util.Locale.ROOT, "  (%.2f of index max)", f.relative());
        return String.format(java.util.Locale.ROOT, "%-10s %7.3f at '%s'%s", f.neuron(), f.max(), token, rel);
    }
}
