package org.neuronworkbench.ui.ablation;

import java.util.ArrayList;
import java.util.List;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.neuronworkbench.analysis.AblationEffect;
import org.neuronworkbench.analysis.TokenSequence;
import org.neuronworkbench.index.CorpusIndex;
import org.neuronworkbench.model.MlpNeuron;
import org.neuronworkbench.model.ModelRunner;
import org.neuronworkbench.ui.common.WorkbenchContext;
import org.neuronworkbench.ui.common.OpenIndex;
import org.neuronworkbench.ui.common.CausalInput;
import org.neuronworkbench.ui.common.ToolPane;

/**
 * Ablation: zero or mean (from the open corpus index) ablation of the listed neurons. Decoders
 * get a table of next-token log-probabilities per position; encoders have no LM head, so they
 * get the change in the final residual norm and in the selected and pinned neurons.
 */
public final class AblationPane extends ToolPane {
    public static final String ENCODER_NOTE = "No LM head: showing the change in pinned neurons and in the final residual norm.";

    private final TextField text = new TextField(DEFAULT_TEXT);
    private final TextField neurons = new TextField();
    private final RadioButton zero = new RadioButton("zero");
    private final RadioButton mean = new RadioButton("mean");
    private final Label meanHint = new Label();
    private final Label summary = new Label("Run to ablate the neurons at every position.");
    private final Label note = new Label();
    private final TableView<AblationEffect.PositionEffect> decoderTable = AblationTables.decoder();
    private final VBox results = new VBox(8);
    private TableView<Integer> encoderTable;
    private AblationEffect.Result result;
    /** What the pane last put into the Ablate field from the selection (see {@link AblationViewModel#follows}). */
    private String followed = "";

    public AblationPane(WorkbenchContext ctx) {
        super(ctx, "ablation");
        text.setPrefColumnCount(24);
        neurons.setId("ablation-neurons");
        neurons.setPrefColumnCount(14);
        neurons.setPromptText("L3N17, L3N200");
        neurons.setTooltip(new Tooltip(AblationViewModel.FOLLOWS_SELECTION));
        follow(ctx.selectedNeuronProperty().get());
        ctx.selectedNeuronProperty().addListener((o, old, n) -> follow(n));
        Button addPinned = new Button("Add pinned");
        addPinned.setTooltip(new Tooltip("Append the pinned neurons to the list"));
        addPinned.setOnAction(e -> addPinned());
        ToggleGroup mode = new ToggleGroup();
        zero.setToggleGroup(mode);
        mean.setToggleGroup(mode);
        zero.setSelected(true);
        meanHint.getStyleClass().add("causal-hint");
        HBox modes = new HBox(8, zero, mean, meanHint);
        modes.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        field("Text", text);
        exampleFollowsModel(text);
        field("Ablate", neurons);
        form.getChildren().add(addPinned);
        field("Set to", modes);
        runButton.setText("Ablate");
        runButton.setOnAction(e -> run());
        form.getChildren().add(runButton);
        summary.getStyleClass().add("causal-caption");
        note.getStyleClass().add("causal-banner");
        note.setWrapText(true);
        note.setVisible(false);
        note.managedProperty().bind(note.visibleProperty());
        VBox.setVgrow(decoderTable, Priority.ALWAYS);
        results.getChildren().addAll(summary, note, decoderTable);
        results.setPadding(new Insets(10));
        setCenter(results);
        ctx.openIndex().currentProperty().addListener((o, old, now) -> updateMean());
        ctx.modelProperty().addListener((o, old, m) -> updateMean());
        updateMean();
        modelChanged(ctx.model());
    }

    public TextField textField() {
        return text;
    }

    public TextField neuronsField() {
        return neurons;
    }

    public RadioButton meanButton() {
        return mean;
    }

    public RadioButton zeroButton() {
        return zero;
    }

    public Label noteLabel() {
        return note;
    }

    public TableView<AblationEffect.PositionEffect> decoderTable() {
        return decoderTable;
    }

    /** The encoder table of the last encoder result, null otherwise. */
    public TableView<Integer> encoderTable() {
        return encoderTable;
    }

    public AblationEffect.Result result() {
        return result;
    }

    private void updateMean() {
        boolean open = ctx.openIndex().current() != null;
        mean.setDisable(!open);
        if (!open && mean.isSelected()) {
            zero.setSelected(true);
        }
        String why = open ? "Set each neuron to its mean over the open index's corpus" : AblationViewModel.MEAN_NEEDS_INDEX;
        meanHint.setText(open ? "(means from " + ctx.openIndex().current().dir().getFileName() + ")" : "(mean needs an open index)");
        // A disabled control shows no tooltip: the hint next to it carries the same one.
        mean.setTooltip(new Tooltip(why));
        meanHint.setTooltip(new Tooltip(why));
    }

    /** Puts the selected neuron into the Ablate field unless the user has typed a list of their own. */
    private void follow(MlpNeuron selected) {
        if (AblationViewModel.follows(neurons.getText(), followed)) {
            followed = selected == null ? "" : selected.toString();
            neurons.setText(followed);
        }
    }

    public void addPinned() {
        List<String> parts = new ArrayList<>();
        for (String p : neurons.getText().split("[,;]")) {
            if (!p.isBlank()) {
                parts.add(p.strip());
            }
        }
        ctx.pinned().stream().map(MlpNeuron::toString).filter(s -> !parts.contains(s)).forEach(parts::add);
        neurons.setText(String.join(", ", parts));
    }

    /** Watched neurons: the selected one and the pinned ones. */
    private List<MlpNeuron> watch() {
        List<MlpNeuron> out = new ArrayList<>();
        MlpNeuron sel = ctx.selectedNeuronProperty().get();
        if (sel != null) {
            out.add(sel);
        }
        ctx.pinned().stream().filter(n -> !out.contains(n)).forEach(out::add);
        return out;
    }

    public void run() {
        attempt(() -> {
            ModelRunner m = model();
            AblationEffect.Mode mode = mean.isSelected() ? AblationEffect.Mode.MEAN : AblationEffect.Mode.ZERO;
            OpenIndex.Opened open = ctx.openIndex().current();
            CorpusIndex index = open == null ? null : open.index();
            AblationViewModel req = new AblationViewModel(text.getText(), neurons.getText(), mode, index, watch());
            start("Ablating " + neurons.getText(), (progress, cancel) -> {
                AblationEffect.Result r = req.run(m, progress, cancel);
                return new Shown(r, CausalInput.sequence(m, req.text()));
            }, this::show);
        });
    }

    private record Shown(AblationEffect.Result result, TokenSequence seq) {
    }

    private void show(Shown s) {
        AblationEffect.Result r = s.result();
        result = r;
        String mode = r.mode() == AblationEffect.Mode.ZERO ? "zero" : "mean";
        summary.setText(String.format("%s-ablated %s at every position · %d tokens · %d forwards", mode,
                r.ablated(), s.seq().length(), r.forwards()));
        results.getChildren().remove(decoderTable);
        if (encoderTable != null) {
            results.getChildren().remove(encoderTable);
            encoderTable = null;
        }
        note.setVisible(!r.hasLmHead());
        if (r.hasLmHead()) {
            decoderTable.getItems().setAll(r.positions());
            results.getChildren().add(decoderTable);
        } else {
            note.setText(ENCODER_NOTE + (r.pinned().isEmpty() ? " Pin neurons (Ctrl+P) to watch them here." : ""));
            encoderTable = AblationTables.encoder(r, s.seq().texts());
            VBox.setVgrow(encoderTable, Priority.ALWAYS);
            results.getChildren().add(encoderTable);
        }
    }
}
