package org.neuronworkbench.ui.dla;

import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.Region;
import org.neuronworkbench.analysis.DirectLogitAttribution.NeuronScore;
import org.neuronworkbench.analysis.DirectLogitAttribution.TokenScore;
import org.neuronworkbench.ui.common.TokenStrip;

/** The logit attribution pane's four tables: tokens a neuron pushes, and neurons that push a token. */
final class DlaTables {
    private DlaTables() {
    }

    static TableView<TokenScore> tokens(String title, String placeholder) {
        TableView<TokenScore> t = new TableView<>();
        t.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY);
        TableColumn<TokenScore, String> token = column("token " + title, s -> TokenStrip.shown(s.token()));
        token.setMinWidth(HEADER_ROOM);
        TableColumn<TokenScore, Integer> id = column("id", TokenScore::id);
        id.setMaxWidth(ID_WIDTH); // ids are short: the room goes to the token and its bar
        t.getColumns().add(token);
        t.getColumns().add(id);
        t.getColumns().add(score(TokenScore::score));
        t.setPlaceholder(new Label(placeholder));
        t.setPrefHeight(260);
        return t;
    }

    static TableView<NeuronScore> neurons(String title, String placeholder) {
        TableView<NeuronScore> t = new TableView<>();
        t.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY);
        TableColumn<NeuronScore, String> neuron = column("neurons that " + title, s -> s.neuron().toString());
        neuron.setMinWidth(HEADER_ROOM + 40);
        t.getColumns().add(neuron);
        t.getColumns().add(score(NeuronScore::score));
        t.setPlaceholder(new Label(placeholder));
        t.setPrefHeight(220);
        return t;
    }

    /** Enough for "token pushes down" in the default font, so a narrow window does not cut it to "…". */
    private static final double HEADER_ROOM = 140;
    private static final double ID_WIDTH = 80;

    private static <S, T> TableColumn<S, T> column(String title, Function<S, T> value) {
        TableColumn<S, T> c = new TableColumn<>(title);
        c.setCellValueFactory(d -> new ReadOnlyObjectWrapper<>(value.apply(d.getValue())));
        c.setSortable(false);
        return c;
    }

    /** Widest score bar in pixels: the row with the largest |score| in its table. */
    static final double BAR_WIDTH = 90;

    /** The logit column: the value and a bar scaled to the table's largest |score| (blue up, red down). */
    private static <S> TableColumn<S, Float> score(Function<S, Float> value) {
        TableColumn<S, Float> c = column("logit", value);
        c.setCellFactory(col -> new TableCell<>() {
            private final Region bar = new Region();

            @Override
            protected void updateItem(Float v, boolean empty) {
                super.updateItem(v, empty);
                if (empty || v == null) {
                    setText(null);
                    setGraphic(null);
                    return;
                }
                setText(String.format("%+.4f", v));
                double max = 0;
                for (S row : getTableView().getItems()) {
                    max = Math.max(max, Math.abs(value.apply(row)));
                }
                double w = max > 0 ? BAR_WIDTH * Math.abs(v) / max : 0;
                bar.setMinSize(w, 10);
                bar.setPrefSize(w, 10);
                bar.setMaxSize(w, 10);
                bar.getStyleClass().setAll("dla-bar", v >= 0 ? "dla-bar-up" : "dla-bar-down");
                setGraphic(bar);
                setContentDisplay(ContentDisplay.RIGHT);
            }
        });
        c.setStyle("-fx-alignment: CENTER-RIGHT;");
        c.setPrefWidth(BAR_WIDTH + 90);
        return c;
    }
}
