package org.neuronworkbench.ui.neurons;

import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.SetChangeListener;
import javafx.collections.transformation.FilteredList;
import javafx.collections.transformation.SortedList;
import javafx.geometry.Insets;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.neuronworkbench.index.NeuronSummary;
import org.neuronworkbench.model.MlpNeuron;

/**
 * All neurons of the open index in a table that sorts by any column (click a header) and filters
 * by layer, top token or neuron name, and bookmarks. Selecting a row opens that neuron.
 */
public final class NeuronTableView extends VBox {
    private final NeuronBrowserViewModel model;
    private final TableView<NeuronSummary> table = new TableView<>();
    private final TextField filter = new TextField();
    private final ComboBox<String> layer = new ComboBox<>();
    private final CheckBox bookmarkedOnly = new CheckBox("★ only");
    private final FilteredList<NeuronSummary> filtered;
    private boolean following;

    public NeuronTableView(NeuronBrowserViewModel model) {
        this.model = model;
        setSpacing(6);
        setPadding(new Insets(6));
        filtered = new FilteredList<>(model.rows());
        SortedList<NeuronSummary> sorted = new SortedList<>(filtered);
        // Whole-token matches of the filter first, then the order of the clicked columns. The table
        // calls its sort policy on every header click (a sort-type toggle keeps the same comparator
        // object), so the policy, not a binding, sets the combined order.
        table.setSortPolicy(t -> {
            order(sorted);
            return true;
        });
        filter.textProperty().addListener((o, a, b) -> order(sorted));
        table.setItems(sorted);
        table.setPlaceholder(new Label("No neurons: open an index first."));
        // Fixed widths that fit each header and value, and a horizontal scroll bar when the table is
        // narrower than them: a constrained policy squeezed "Layer" and "Neuron" to "..." once the
        // explanation columns were added.
        table.setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);

        TableColumn<NeuronSummary, String> star = column("★", s -> model.notes().isBookmarked(id(s)) ? "★" : "");
        star.setMaxWidth(34);
        star.setMinWidth(30);
        table.getColumns().add(star);
        table.getColumns().add(column("Layer", NeuronSummary::layer));
        table.getColumns().add(column("Neuron", NeuronSummary::neuron));
        TableColumn<NeuronSummary, Double> max = column("Max", NeuronSummary::max);
        max.setSortType(TableColumn.SortType.DESCENDING);
        table.getColumns().add(numeric(max));
        TableColumn<NeuronSummary, Double> active = column("Active", NeuronSummary::fracActive);
        active.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(Double v, boolean empty) {
                super.updateItem(v, empty);
                setText(empty || v == null ? null : ExcerptView.percent(v));
                setStyle("-fx-alignment: CENTER-RIGHT;");
            }
        });
        table.getColumns().add(active);
        table.getColumns().add(column("Top token", NeuronSummary::topToken));
        // Score before selectivity, so that it is in view at the default width (sorting by score is
        // how a researcher finds the best-explained neurons).
        TableColumn<NeuronSummary, Double> score = column("Score", s -> explanation(s) == null ? null : explanation(s).score());
        score.setSortType(TableColumn.SortType.DESCENDING);
        score.setId("score");
        table.getColumns().add(numeric(score));
        table.getColumns().add(numeric(column("Selectivity", NeuronSummary::selectivity)));
        TableColumn<NeuronSummary, String> text = column("Explanation", s -> explanation(s) == null ? "" : explanation(s).text());
        text.setId("explanation");
        text.setPrefWidth(320);
        table.getColumns().add(text);
        double[] widths = {30, 50, 60, 62, 66, 88, 58, 84}; // the columns above, in order
        for (int i = 0; i < widths.length; i++) {
            table.getColumns().get(i).setMinWidth(widths[i]);
            table.getColumns().get(i).setPrefWidth(widths[i]);
        }
        // Score and explanation only once the index has explanations (explain, or Explain layer...).
        javafx.beans.binding.BooleanBinding explained = javafx.beans.binding.Bindings.createBooleanBinding(
                () -> !model.explanationsProperty().get().isEmpty(), model.explanationsProperty());
        score.visibleProperty().bind(explained);
        text.visibleProperty().bind(explained);

        // Short enough to read whole in a narrow window; the tooltip says the rest.
        filter.setPromptText("token, L3N42, explanation");
        filter.setTooltip(new javafx.scene.control.Tooltip("Filter the neurons: a top token (whole tokens first),"
                + " a neuron such as L3N42, or words of an explanation"));
        layer.getItems().add("All layers");
        layer.getSelectionModel().select(0);
        HBox.setHgrow(filter, Priority.ALWAYS);
        HBox bar = new HBox(6, filter, layer, bookmarkedOnly);
        bar.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        VBox.setVgrow(table, Priority.ALWAYS);
        getChildren().addAll(bar, table);

        filter.textProperty().addListener((o, a, b) -> refilter());
        layer.valueProperty().addListener((o, a, b) -> refilter());
        bookmarkedOnly.selectedProperty().addListener((o, a, b) -> refilter());
        model.notes().bookmarks().addListener((SetChangeListener<MlpNeuron>) c -> {
            table.refresh();
            refilter();
        });
        model.rows().addListener((javafx.collections.ListChangeListener<NeuronSummary>) c -> layersChanged());
        model.explanationsProperty().addListener((o, a, now) -> {
            table.refresh();
            refilter();
        });
        table.getSelectionModel().selectedItemProperty().addListener((o, a, row) -> {
            // Only the user's own choice opens a neuron, not selection shifts from sorting or filtering.
            if (row != null && !following && table.isFocused() && !id(row).equals(model.neuronProperty().get())) {
                model.show(id(row));
            }
        });
        // A click opens the row even when it is already selected (e.g. the only row left by a filter).
        table.setRowFactory(t -> {
            javafx.scene.control.TableRow<NeuronSummary> row = new javafx.scene.control.TableRow<>();
            row.setOnMouseClicked(e -> {
                if (!row.isEmpty() && !id(row.getItem()).equals(model.neuronProperty().get())) {
                    model.show(id(row.getItem()));
                }
            });
            return row;
        });
        model.neuronProperty().addListener((o, a, n) -> follow(n));
    }

    public TableView<NeuronSummary> table() {
        return table;
    }

    public TextField filterField() {
        return filter;
    }

    /** Selects the shown neuron's row (when visible) without reopening it. */
    private void follow(MlpNeuron n) {
        following = true;
        try {
            table.getItems().stream().filter(s -> id(s).equals(n)).findFirst().ifPresentOrElse(s -> {
                table.getSelectionModel().select(s);
                table.scrollTo(Math.max(0, table.getSelectionModel().getSelectedIndex() - 3));
            }, () -> table.getSelectionModel().clearSelection());
        } finally {
            following = false;
        }
    }

    private void layersChanged() {
        int layers = model.rows().stream().mapToInt(NeuronSummary::layer).max().orElse(-1) + 1;
        if (layer.getItems().size() != layers + 1) {
            layer.getItems().setAll("All layers");
            for (int l = 0; l < layers; l++) {
                layer.getItems().add("Layer " + l);
            }
            layer.getSelectionModel().select(0);
        }
    }

    private void order(SortedList<NeuronSummary> sorted) {
        java.util.Comparator<NeuronSummary> byMatch = new NeuronFilter(filter.getText()).byRank(this::explanationText);
        sorted.setComparator(table.getComparator() == null ? byMatch : byMatch.thenComparing(table.getComparator()));
    }

    private void refilter() {
        NeuronFilter text = new NeuronFilter(filter.getText());
        int l = layer.getSelectionModel().getSelectedIndex() - 1;
        boolean onlyStars = bookmarkedOnly.isSelected();
        filtered.setPredicate(s -> (l < 0 || s.layer() == l)
                && (!onlyStars || model.notes().isBookmarked(id(s)))
                && text.matches(s, explanationText(s)));
    }

    private org.neuronworkbench.analysis.explain.StoredExplanation explanation(NeuronSummary s) {
        return model.explanation(id(s));
    }

    private String explanationText(NeuronSummary s) {
        org.neuronworkbench.analysis.explain.StoredExplanation x = explanation(s);
        return x == null ? null : x.text();
    }

    static MlpNeuron id(NeuronSummary s) {
        return new MlpNeuron(s.layer(), s.neuron());
    }

    private static <T> TableColumn<NeuronSummary, T> column(String name, Function<NeuronSummary, T> value) {
        TableColumn<NeuronSummary, T> c = new TableColumn<>(name);
        c.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
        return c;
    }

    /** Numbers shown at 4 significant digits, right-aligned; sorting still uses the full value. */
    private static TableColumn<NeuronSummary, Double> numeric(TableColumn<NeuronSummary, Double> c) {
        c.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(Double v, boolean empty) {
                super.updateItem(v, empty);
                setText(empty || v == null ? null : NeuronPageView.f(v));
                setStyle("-fx-alignment: CENTER-RIGHT;");
            }
        });
        return c;
    }
}
