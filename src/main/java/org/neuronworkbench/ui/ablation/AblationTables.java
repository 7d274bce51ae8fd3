package org.neuronworkbench.ui.ablation;

import java.util.function.Function;
import java.util.stream.IntStream;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import org.neuronworkbench.analysis.AblationEffect;
import org.neuronworkbench.ui.common.TokenStrip;

/**
 * The ablation result as tables. Decoders: one row per position (token, next token, its
 * log-probability before and after, the difference, and the token that moved most). Encoders:
 * one row per position with the final residual norm and each watched neuron, clean and ablated.
 * Numeric cells hold the analysis's floats; only the cells format them.
 */
final class AblationTables {
    private AblationTables() {
    }

    static TableView<AblationEffect.PositionEffect> decoder() {
        TableView<AblationEffect.PositionEffect> t = new TableView<>();
        t.setId("ablation-decoder-table");
        t.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY);
        t.getColumns().add(position(text("pos", p -> String.valueOf(p.position()))));
        t.getColumns().add(text("token", p -> TokenStrip.shown(p.token())));
        t.getColumns().add(text("next token", p -> p.nextToken() == null ? "—" : TokenStrip.shown(p.nextToken())));
        t.getColumns().add(number("log p original", AblationEffect.PositionEffect::original, false));
        t.getColumns().add(number("log p ablated", AblationEffect.PositionEffect::ablated, false));
        t.getColumns().add(number("difference", AblationEffect.PositionEffect::change, true));
        TableColumn<AblationEffect.PositionEffect, String> moved = text("most-changed token",
                p -> String.format("%s (%+.4f)", TokenStrip.shown(p.mostChangedToken()), p.mostChangedDelta()));
        moved.setMinWidth(MOST_CHANGED_WIDTH);
        t.getColumns().add(moved);
        t.setPlaceholder(new Label("Ablate fills a row per position: what changes when the neurons are set to zero or to their mean."));
        return t;
    }

    /** Rows are positions; the columns read {@code r}. */
    static TableView<Integer> encoder(AblationEffect.Result r, java.util.List<String> tokens) {
        TableView<Integer> t = new TableView<>();
        t.setId("ablation-encoder-table");
        t.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY);
        t.getColumns().add(position(text("pos", String::valueOf)));
        t.getColumns().add(text("token", i -> TokenStrip.shown(tokens.get(i))));
        t.getColumns().add(number("resid norm original", i -> r.residNormOriginal()[i], false));
        t.getColumns().add(number("resid norm ablated", i -> r.residNormAblated()[i], false));
        t.getColumns().add(number("norm change", i -> r.residNormAblated()[i] - r.residNormOriginal()[i], true));
        for (AblationEffect.PinnedEffect p : r.pinned()) {
            t.getColumns().add(number(p.neuron() + " original", i -> p.original()[i], false));
            t.getColumns().add(number(p.neuron() + " ablated", i -> p.ablated()[i], false));
        }
        t.getItems().setAll(IntStream.range(0, r.residNormOriginal().length).boxed().toList());
        return t;
    }

    /** Room for "most-changed token" and a value such as "' the' (+0.1234)". */
    private static final double MOST_CHANGED_WIDTH = 170;

    /** Positions are a few digits: a narrow column leaves the room to the tokens and numbers. */
    private static <S> TableColumn<S, String> position(TableColumn<S, String> c) {
        c.setMaxWidth(60);
        return c;
    }

    private static <S> TableColumn<S, String> text(String title, Function<S, String> value) {
        TableColumn<S, String> c = new TableColumn<>(title);
        c.setCellValueFactory(d -> new ReadOnlyObjectWrapper<>(value.apply(d.getValue())));
        c.setSortable(false);
        return c;
    }

    private static <S> TableColumn<S, Float> number(String title, Function<S, Float> value, boolean signed) {
        TableColumn<S, Float> c = new TableColumn<>(title);
        c.setCellValueFactory(d -> new ReadOnlyObjectWrapper<>(value.apply(d.getValue())));
        c.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(Float v, boolean empty) {
                super.updateItem(v, empty);
                setText(empty || v == null ? null : Float.isNaN(v) ? "—" : String.format(signed ? "%+.4f" : "%.4f", v));
                getStyleClass().removeAll("causal-up", "causal-down");
                if (signed && !empty && v != null && Math.abs(v) > 1e-4) {
                    getStyleClass().add(v > 0 ? "causal-up" : "causal-down");
                }
            }
        });
        c.setStyle("-fx-alignment: CENTER-RIGHT;");
        return c;
    }
}
