package org.neuronworkbench.ui.hypothesis;

import java.util.List;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.layout.GridPane;
import javafx.util.StringConverter;
import org.neuronworkbench.export.ExportFormat;
import org.neuronworkbench.export.SvgOptions;
import org.neuronworkbench.export.TokenColours;
import org.neuronworkbench.export.TokenFilter;

/** The export dialog's content: format and drawing options, what each does, and the request they make. */
final class ExportOptionsForm {
    static final String DARKEN_HELP = "Higher darken makes faint positive activations darker (1 is linear; NeuroX's"
            + " default is 2), at the cost of contrast between strong ones. Values ≤ 0 stay pale.";
    static final String FILTER_HELP = "Top tokens (NeuroX's top_tokens filter): colour only tokens above 80 % of their"
            + " row's largest |activation|; the others are drawn white. The colour scale does not change.";
    static final String COLOURS_HELP = "End colours for negative / positive values (NeuroX's colors option).";

    final ChoiceBox<ExportFormat> format = new ChoiceBox<>();
    final Spinner<Integer> darken = new Spinner<>(1, 10, SvgOptions.DEFAULT_DARKEN);
    final CheckBox rtl = new CheckBox("right to left");
    final Spinner<Integer> charLimit = new Spinner<>(10, 500, SvgOptions.DEFAULT_CHAR_LIMIT, 10);
    final Spinner<Integer> fontSize = new Spinner<>(8, 96, (int) SvgOptions.DEFAULT_FONT_SIZE);
    final ChoiceBox<TokenFilter> filter = new ChoiceBox<>();
    final ChoiceBox<TokenColours> colours = new ChoiceBox<>();
    final Label csvNote = new Label("CSV keeps every value; the drawing options do not apply.");
    private final GridPane grid = new GridPane();

    ExportOptionsForm() {
        format.getItems().setAll(ExportFormat.values());
        format.setValue(ExportFormat.SVG);
        filter.getItems().setAll(TokenFilter.values());
        filter.setValue(TokenFilter.NONE);
        filter.setConverter(names(f -> f == TokenFilter.NONE ? "every token" : "top tokens (> 80 % of the row's max)"));
        colours.getItems().setAll(TokenColours.COLORBREWER, TokenColours.NEUROX);
        colours.setValue(TokenColours.COLORBREWER);
        colours.setConverter(names(c -> c.equals(TokenColours.NEUROX) ? "NeuroX (#d35f5f / #00aad4)"
                : "ColorBrewer (#b2182b / #2166ac)"));
        for (Spinner<Integer> s : List.of(darken, charLimit, fontSize)) {
            s.setEditable(true);
            s.setPrefWidth(90);
        }
        grid.setHgap(10);
        grid.setVgap(8);
        grid.addRow(0, new Label("Format"), format);
        grid.addRow(1, new Label("Darken"), darken);
        grid.add(help(DARKEN_HELP), 0, 2, 2, 1);
        grid.addRow(3, new Label("Colours"), colours);
        grid.add(help(COLOURS_HELP), 0, 4, 2, 1);
        grid.addRow(5, new Label("Colour only"), filter);
        grid.add(help(FILTER_HELP), 0, 6, 2, 1);
        grid.addRow(7, new Label("Direction"), rtl);
        grid.addRow(8, new Label("Characters per line"), charLimit);
        grid.addRow(9, new Label("Font size (px)"), fontSize);
        csvNote.visibleProperty().bind(format.valueProperty().isEqualTo(ExportFormat.CSV));
        grid.add(csvNote, 0, 10, 2, 1);
    }

    private static Label help(String text) {
        Label l = new Label(text);
        l.setWrapText(true);
        l.setMaxWidth(420);
        l.setStyle("-fx-text-fill: #555; -fx-font-size: 11px;");
        return l;
    }

    private static <T> StringConverter<T> names(java.util.function.Function<T, String> name) {
        return new StringConverter<>() {
            @Override
            public String toString(T value) {
                return value == null ? "" : name.apply(value);
            }

            @Override
            public T fromString(String s) {
                // A ChoiceBox only shows its items; it never turns typed text back into one.
                throw new UnsupportedOperationException("choice boxes do not parse");
            }
        };
    }

    GridPane node() {
        return grid;
    }

    /** What the controls say now. */
    ExportRequest request() {
        return new ExportRequest(format.getValue(), SvgOptions.defaults().withDarken(darken.getValue())
                .withRtl(rtl.isSelected()).withCharLimit(charLimit.getValue()).withFontSize(fontSize.getValue())
                .withFilter(filter.getValue()).withColours(colours.getValue()));
    }
}
