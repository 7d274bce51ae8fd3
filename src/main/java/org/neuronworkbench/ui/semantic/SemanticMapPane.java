package org.neuronworkbench.ui.semantic;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javafx.collections.ListChangeListener;
import javafx.concurrent.Task;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import org.neuronworkbench.analysis.semantic.MapParams;
import org.neuronworkbench.analysis.semantic.VectorSource;
import org.neuronworkbench.index.CorpusIndex;
import org.neuronworkbench.index.NeuronScore;
import org.neuronworkbench.ui.common.NoIndexNote;
import org.neuronworkbench.ui.common.WorkbenchContext;

/**
 * Semantic map: WordNet lemmas on a per-layer t-SNE map of their neuron vectors, coloured by
 * domain or part of speech, with a filtering legend, search, hover card, the neurons of a lemma or
 * of a Shift+drag rectangle or Alt+drag lasso (double-click opens one in the Neurons pane, "Pin" pins them in the
 * hypothesis editor), the k-NN chart over layers, and PNG/SVG/CSV export.
 */
public final class SemanticMapPane extends BorderPane {
    private final SemanticMapViewModel vm;
    private final NeuronLinks links;
    private final ScatterCanvas scatter;
    private final ComboBox<Integer> layer = new ComboBox<>();
    private final ChoiceBox<VectorSource> source = new ChoiceBox<>();
    private final TextField maxPoints = new TextField(Integer.toString(MapParams.DEFAULT_MAX_POINTS));
    private final ChoiceBox<SemanticMapViewModel.ColourBy> colour = new ChoiceBox<>();
    private final Spinner<Integer> topN = new Spinner<>(0, 10, 0);
    private final TextField search = new TextField();
    private final Label hover = new Label("Hover a point.");
    private final VBox legend = new VBox(2);
    private final ListView<NeuronScore> neurons = new ListView<>();
    private final ProgressBar progress = new ProgressBar(0);
    private final Button cancel = new Button("Cancel");

    public SemanticMapPane(WorkbenchContext ctx) {
        links = new NeuronLinks(ctx);
        vm = new SemanticMapViewModel(ctx.tasks(), ctx::model, links::openIndex);
        scatter = new ScatterCanvas(vm);
        setId("semantic-pane");
        setTop(toolbar());
        setCenter(new javafx.scene.layout.StackPane(scatter,
                new NoIndexNote(ctx, "The map places the WordNet lemmas of an index's vocabulary.")));
        setRight(side());
        setBottom(status());
        scatter.onHover(i -> hover.setText(i < 0 ? "Hover a point." : vm.describe(i)));
        // The legend follows the colours (which follow the lemmas, colour-by and top N), not every layout.
        vm.coloursProperty().addListener(o -> rebuildLegend());
        vm.hidden().addListener((javafx.collections.SetChangeListener<String>) c -> rebuildLegend());
        vm.viewProperty().addListener((o, a, b) -> {
            if (b != null && !Integer.valueOf(b.layer()).equals(layer.getValue())) {
                layer.setValue(b.layer());
            }
        });
        vm.selectedProperty().addListener((o, a, i) -> {
            if (i.intValue() >= 0) {
                hover.setText(vm.describe(i.intValue()));
            }
        });
        links.onIndexChanged(this::reload);
        ctx.modelProperty().addListener((o, a, b) -> reload());
        reload();
    }

    SemanticMapViewModel viewModel() {
        return vm;
    }

    ScatterCanvas scatter() {
        return scatter;
    }

    private FlowPane toolbar() {
        layer.setId("semantic-layer");
        layer.setOnAction(e -> {
            if (layer.getValue() != null && vm.vectors() != null
                    && (vm.viewProperty().get() == null || vm.viewProperty().get().layer() != layer.getValue())) {
                vm.show(layer.getValue(), false);
            }
        });
        source.getItems().setAll(VectorSource.values());
        source.setValue(VectorSource.AMAP);
        source.setId("semantic-source");
        source.setOnAction(e -> reload());
        maxPoints.setPrefColumnCount(6);
        maxPoints.setId("semantic-max-points");
        maxPoints.setOnAction(e -> reload());
        colour.getItems().setAll(SemanticMapViewModel.ColourBy.values());
        colour.valueProperty().bindBidirectional(vm.colourByProperty());
        topN.setPrefWidth(70);
        topN.setId("semantic-top");
        topN.valueProperty().addListener((o, a, b) -> vm.topNProperty().set(b));
        search.setId("semantic-search");
        search.setPromptText("find a lemma");
        search.setOnAction(e -> scatter.centreOn(vm.search(search.getText())));
        Button recompute = new Button("Recompute");
        recompute.setId("semantic-recompute");
        recompute.setOnAction(e -> {
            if (layer.getValue() != null) {
                vm.show(layer.getValue(), true);
            }
        });
        MenuButton export = new MenuButton("Export");
        for (String f : List.of("PNG", "SVG", "CSV")) {
            MenuItem item = new MenuItem(f);
            item.setOnAction(e -> chooseAndExport(f));
            export.getItems().add(item);
        }
        ToggleButton lasso = new ToggleButton("Lasso");
        lasso.setId("semantic-lasso");
        lasso.setTooltip(new javafx.scene.control.Tooltip("Drag to select inside a free-form line (Alt+drag does the same; Shift+drag selects a rectangle)"));
        lasso.selectedProperty().addListener((o, a, on) -> scatter.setLassoMode(on));
        FlowPane bar = new FlowPane(8, 6, label("Layer", layer), label("Source", source), label("Max points", maxPoints),
                label("Colour", colour), label("Top N (0 = all)", topN), search, lasso, recompute, export);
        bar.getStyleClass().add("hyp-toolbar");
        bar.setPadding(new Insets(6));
        return bar;
    }

    private static HBox label(String text, javafx.scene.Node control) {
        HBox box = new HBox(4, new Label(text), control);
        box.setAlignment(Pos.CENTER_LEFT);
        return box;
    }

    private VBox side() {
        hover.setId("semantic-hover");
        hover.setWrapText(true);
        hover.setMaxWidth(320);
        hover.setMinHeight(60);
        legend.setId("semantic-legend");
        neurons.setId("semantic-neurons");
        neurons.setPrefHeight(180);
        neurons.setCellFactory(l -> new ListCell<>() {
            @Override
            protected void updateItem(NeuronScore n, boolean empty) {
                super.updateItem(n, empty);
                setText(empty || n == null ? null : String.format(Locale.ROOT, "L%dN%d   %.4f", n.layer(), n.neuron(), n.score()));
            }
        });
        neurons.setOnMouseClicked(e -> {
            NeuronScore n = neurons.getSelectionModel().getSelectedItem();
            if (e.getClickCount() == 2 && n != null) {
                links.openInNeuronsPane(n);
            }
        });
        Button pin = new Button("Pin these neurons in the hypothesis editor");
        pin.setId("semantic-pin");
        pin.setOnAction(e -> vm.statusProperty().set("Pinned " + links.pin(List.copyOf(neurons.getItems())) + " neurons."));
        pin.disableProperty().bind(javafx.beans.binding.Bindings.isEmpty(neurons.getItems()));
        vm.neurons().addListener((ListChangeListener<NeuronScore>) c -> neurons.getItems().setAll(vm.neurons()));
        VBox box = new VBox(8, hover, new Label("Legend (click to hide a class)"), legend,
                new Label("Top neurons (double-click opens one)"), neurons, pin, SeparationChart.withEmptyNote(vm.separations()));
        box.setPadding(new Insets(6));
        box.setPrefWidth(340);
        return box;
    }

    private HBox status() {
        Label message = new Label();
        message.setId("semantic-status");
        message.textProperty().bind(vm.statusProperty());
        message.setMaxWidth(Double.MAX_VALUE);
        cancel.setId("semantic-cancel");
        cancel.setOnAction(e -> vm.cancel());
        cancel.visibleProperty().bind(vm.runningProperty());
        progress.visibleProperty().bind(vm.runningProperty());
        progress.progressProperty().bind(vm.progressProperty());
        HBox box = new HBox(10, message, progress, cancel);
        HBox.setHgrow(message, Priority.ALWAYS);
        box.setAlignment(Pos.CENTER_LEFT);
        box.getStyleClass().add("hyp-footer");
        return box;
    }

    private void rebuildLegend() {
        legend.getChildren().clear();
        for (SemanticMapViewModel.LegendEntry e : vm.legend()) {
            ToggleButton b = new ToggleButton(e.name() + " (" + e.count() + ")");
            b.setSelected(!e.hidden());
            b.getStyleClass().add("semantic-legend-entry");
            b.setStyle(String.format("-fx-background-color: %s; -fx-opacity: %s;", e.colour().hex(), e.hidden() ? "0.35" : "1"));
            b.setOnAction(a -> vm.toggle(e.name()));
            legend.getChildren().add(b);
            if (legend.getChildren().size() >= 14) {
                break;
            }
        }
    }

    /** (Re)loads the lemma vectors for the open index, model, source and point limit. */
    private void reload() {
        CorpusIndex idx = links.openIndex();
        if (idx != null) {
            int layers = idx.info().layers();
            if (layer.getItems().size() != layers) {
                layer.getItems().setAll(java.util.stream.IntStream.range(0, layers).boxed().toList());
                layer.setValue(0);
            }
        }
        int max;
        try {
            max = Integer.parseInt(maxPoints.getText().strip());
        } catch (NumberFormatException e) {
            vm.statusProperty().set("Max points '" + maxPoints.getText() + "' is not a number.");
            return;
        }
        MapParams p;
        try {
            p = new MapParams(source.getValue(), max, 30, 1000, 1);
        } catch (IllegalArgumentException e) {
            vm.statusProperty().set(e.getMessage());
            return;
        }
        vm.load(p, layer.getValue() == null ? 0 : layer.getValue());
    }

    private void chooseAndExport(String format) {
        FileChooser chooser = new FileChooser();
        chooser.setInitialFileName("semantic-map." + format.toLowerCase(Locale.ROOT));
        java.io.File f = chooser.showSaveDialog(getScene().getWindow());
        if (f != null) {
            export(format, f.toPath());
        }
    }

    /** Writes the shown map; see {@link SemanticMapViewModel#export}. */
    Task<Path> export(String format, Path file) {
        return vm.export(format, file);
    }
}
