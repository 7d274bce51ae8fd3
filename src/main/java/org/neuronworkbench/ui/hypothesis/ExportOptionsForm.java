package org.neuronworkbench.ui.hypothesis;

import java.util.List;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.layout.GridPane;
import org.neuronworkbench.export.ExportFormat;
import org.neuronworkbench.export.SvgOptions;
import org.neuronworkbench.export.TokenFilter;

/** The export dialog's content: format and drawing options, and the request they make. */
final class ExportOptionsForm {
    final ChoiceBox<ExportFormat> format = new ChoiceBox<>();
    final Spinner<Integer> darken = new Spinner<>(1, 10, SvgOptions.DEFAULT_DARKEN);
    final CheckBox rtl = new CheckBox("right to left");
    final Spinner<Integer> charLimit = new Spinner<>(10, 500, SvgOptions.DEFAULT_CHAR_LIMIT, 10);
    final Spinner<Integer> fontSize = new Spinner<>(8, 96, (int) SvgOptions.DEFAULT_FONT_SIZE);
    final ChoiceBox<TokenFilter> filter = new ChoiceBox<>();
    final Label csvNote = new Label("CSV keeps every value; the drawing options do not apply.");
    private final GridPane grid = new GridPane();

    ExportOptionsForm() {
        format.getItems().setAll(ExportFormat.values());
        format.setValue(ExportFormat.SVG);
        filter.getItems().setAll(TokenFilter.values());
        filter.setValue(TokenFilter.NONE);
        for (Spinner<Integer> s : List.of(darken, charLimit, fontSize)) {
            s.setEditable(true);
            s.setPrefWidth(90);
        }
        grid.setHgap(10);
        grid.setVgap(8);
        grid.addRow(0, new Label("Format"), format);
        grid.addRow(1, new Label("Darken"), darken);
        grid.addRow(2, new Label("Direction"), rtl);
        grid.addRow(3, new Label("Characters per line"), charLimit);
        grid.addRow(4, new Label("Font size (px)"), fontSize);
        grid.addRow(5, new Label("Colour only"), filter);
        csvNote.visibleProperty().bind(format.valueProperty().isEqualTo(ExportFormat.CSV));
        grid.add(csvNote, 0, 6, 2, 1);
    }

    GridPane node() {
        return grid;
    }

    /** What the controls say now. */
    ExportRequest request() {
        return new ExportRequest(format.getValue(), SvgOptions.defaults().withDarken(darken.getValue())
                .withRtl(rtl.isSelected()).withCharLimit(charLimit.getValue()).withFontSize(fontSize.getValue())
                .withFilter(filter.getValue()));
    }
}
