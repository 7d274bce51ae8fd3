package org.neuronworkbench.ui.dla;

import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.neuronworkbench.analysis.DirectLogitAttribution;
import org.neuronworkbench.analysis.DirectLogitAttribution.NeuronScore;
import org.neuronworkbench.analysis.DirectLogitAttribution.TokenScore;
import org.neuronworkbench.model.ModelRunner;
import org.neuronworkbench.ui.common.WorkbenchContext;
import org.neuronworkbench.ui.common.ToolPane;

/**
 * Direct logit attribution: the tokens the neuron's output row pushes up and down (W_out · W_U,
 * optionally through the final LayerNorm's gain), and the reverse: the neurons that push one token
 * most, where clicking a neuron selects it. Encoders are flagged as approximate.
 */
public final class DlaPane extends ToolPane {
    private final DlaViewModel model = new DlaViewModel();
    private final CheckBox throughLn = new CheckBox("through final LayerNorm");
    private final Spinner<Integer> top = new Spinner<>(1, 200, 20);
    private final Label banner = new Label();
    private final Label neuronTitle = new Label("Run to see what the neuron writes to the logits.");
    private final TableView<TokenScore> up = DlaTables.tokens("pushes up", "Show lists the tokens this neuron pushes up.");
    private final TableView<TokenScore> down = DlaTables.tokens("pushes down", "… and the tokens it pushes down.");
    private final TextField token = new TextField();
    private final Label tokenTitle = new Label("Type a word that is one token to find the neurons that push it.");
    private final TableView<NeuronScore> pushUp =
            DlaTables.neurons("push it up", "Find neurons lists the neurons that push a token up.");
    private final TableView<NeuronScore> pushDown = DlaTables.neurons("push it down", "… and those that push it down.");
    /** Next to the box when it is off for this model; a disabled box shows no tooltip, so the hint carries it. */
    private final Label lnHint = new Label("(no final LayerNorm gain)");
    private DirectLogitAttribution.NeuronLogits neuronResult;
    private DirectLogitAttribution.TokenPushers tokenResult;

    public DlaPane(WorkbenchContext ctx) {
        super(ctx, "dla");
        throughLn.setSelected(true);
        throughLn.setOnAction(e -> refresh());
        top.setEditable(true);
        top.setPrefWidth(80);
        field("Neuron", neuronField);
        field("Top", top);
        lnHint.getStyleClass().add("causal-hint");
        lnHint.managedProperty().bind(lnHint.visibleProperty());
        HBox lnBox = new HBox(4, throughLn, lnHint);
        lnBox.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        form.getChildren().add(lnBox);
        runButton.setText("Show");
        runButton.setOnAction(e -> runNeuron());
        form.getChildren().add(runButton);
        token.setId("dla-token");
        token.setPrefColumnCount(14);
        token.setPromptText("a word, or #id");
        token.setOnAction(e -> runToken());
        Button find = new Button("Find neurons");
        find.setOnAction(e -> runToken());
        banner.getStyleClass().add("causal-banner");
        banner.setWrapText(true);
        banner.managedProperty().bind(banner.visibleProperty());
        banner.setVisible(false);
        neuronTitle.getStyleClass().add("causal-caption");
        tokenTitle.getStyleClass().add("causal-caption");
        HBox tokenRow = new HBox(8, new Label("Token"), token, find, tokenTitle);
        tokenRow.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        GridPane tables = new GridPane();
        tables.setHgap(10);
        tables.setVgap(8);
        tables.add(up, 0, 0);
        tables.add(down, 1, 0);
        tables.add(tokenRow, 0, 1, 2, 1);
        tables.add(pushUp, 0, 2);
        tables.add(pushDown, 1, 2);
        for (javafx.scene.Node n : new javafx.scene.Node[] {up, down, pushUp, pushDown}) {
            GridPane.setHgrow(n, Priority.ALWAYS);
            GridPane.setVgrow(n, Priority.ALWAYS);
        }
        pushUp.setOnMouseClicked(e -> select(pushUp));
        pushDown.setOnMouseClicked(e -> select(pushDown));
        VBox box = new VBox(8, banner, neuronTitle, tables);
        VBox.setVgrow(tables, Priority.ALWAYS);
        box.setPadding(new Insets(10));
        setCenter(box);
        ctx.selectedNeuronProperty().addListener((o, old, n) -> {
            if (neuronResult != null) {
                runNeuron();
            }
        });
        modelChanged(ctx.model());
    }

    public static final String NO_LN_GAIN = "This model has no final LayerNorm gain to fold in (an encoder without an LM head):"
            + " the scores are the same with or without it.";
    public static final String LN_GAIN = "Scale each direction by the final LayerNorm's gain, as the logits see it";

    /** The box is offered only where there is a gain to fold in. */
    @Override
    protected void modelChanged(ModelRunner runner) {
        super.modelChanged(runner);
        boolean gain = runner != null && runner.weights().lnFinalScale() != null;
        throughLn.setDisable(!gain);
        throughLn.setSelected(gain);
        lnHint.setVisible(runner != null && !gain);
        String why = gain || runner == null ? LN_GAIN : NO_LN_GAIN;
        throughLn.setTooltip(new javafx.scene.control.Tooltip(why));
        lnHint.setTooltip(new javafx.scene.control.Tooltip(why));
    }

    public Label lnHint() {
        return lnHint;
    }

    public CheckBox throughLnBox() {
        return throughLn;
    }

    public Spinner<Integer> topSpinner() {
        return top;
    }

    public Label banner() {
        return banner;
    }

    public TableView<TokenScore> upTable() {
        return up;
    }

    public TableView<TokenScore> downTable() {
        return down;
    }

    public TextField tokenField() {
        return token;
    }

    public TableView<NeuronScore> pushUpTable() {
        return pushUp;
    }

    public TableView<NeuronScore> pushDownTable() {
        return pushDown;
    }

    public DirectLogitAttribution.NeuronLogits neuronResult() {
        return neuronResult;
    }

    private void refresh() {
        if (neuronResult != null) {
            runNeuron();
        }
        if (tokenResult != null) {
            runToken();
        }
    }

    public void runNeuron() {
        attempt(() -> {
            ModelRunner m = model();
            String n = neuronField.getText();
            int k = top.getValue();
            boolean ln = throughLn.isSelected();
            start("neuron", "Direct logit attribution of " + n, (progress, cancel) -> model.neuron(m, n, k, ln), r -> {
                neuronResult = r;
                up.getItems().setAll(r.top());
                down.getItems().setAll(r.bottom());
                neuronTitle.setText(r.neuron() + " writes to the logits directly" + (r.throughLnFinal()
                        ? " (scaled by the final LayerNorm's gain)" : ln ? " (this model has no final LayerNorm gain to fold in)"
                        : " (without the final LayerNorm)"));
                showBanner(r.note());
            });
        });
    }

    public void runToken() {
        attempt(() -> {
            ModelRunner m = model();
            String w = token.getText();
            int k = top.getValue();
            boolean ln = throughLn.isSelected();
            start("token", "Neurons pushing '" + w + "'", (progress, cancel) -> model.token(m, w, k, ln), r -> {
                tokenResult = r;
                pushUp.getItems().setAll(r.top());
                pushDown.getItems().setAll(r.bottom());
                tokenTitle.setText("neurons whose output pushes '" + r.token() + "' (id " + r.tokenId() + "); click one to select it");
                showBanner(r.note());
            });
        });
    }

    private void showBanner(String note) {
        banner.setText(note == null ? "" : "⚠ " + note);
        banner.setVisible(note != null);
    }

    private void select(TableView<NeuronScore> table) {
        NeuronScore s = table.getSelectionModel().getSelectedItem();
        if (s != null) {
            ctx.selectedNeuronProperty().set(s.neuron());
        }
    }
}
