package org.neuronworkbench.export;

import java.util.List;
import javafx.geometry.Insets;
import javafx.geometry.NodeOrientation;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.OverrunStyle;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Background;
import javafx.scene.layout.BackgroundFill;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import org.neuronworkbench.arch.LayeringException;

/**
 * Builds the JavaFX form of the highlighted layout: a {@link VBox} of sentences, each a
 * {@code VBox} of lines ({@link HBox}es) of token {@link Label}s with coloured backgrounds and
 * tooltips. Colours and line breaks are the ones the SVG/HTML exports use; widths come from the
 * real font instead of the 0.6 em estimate.
 *
 * <p>Call on the JavaFX application thread (tooltips are windows). The UI can embed the result
 * directly; {@link PngExporter} snapshots it.
 */
@LayeringException("PNG export draws the same nodes the app shows and snapshots them; the CLI writes PNGs too, so this cannot live in ui")
public final class HighlightNodes {
    /** Style classes, so a UI stylesheet can restyle the parts. */
    public static final String ROOT_CLASS = "highlighted-sentences";
    public static final String SENTENCE_CLASS = "highlighted-sentence";
    public static final String LINE_CLASS = "highlighted-line";
    public static final String TOKEN_CLASS = "highlighted-token";
    /** Font family used; JavaFX maps this logical name to an installed monospace font. */
    public static final String FONT_FAMILY = "Monospaced";

    private HighlightNodes() {
    }

    /**
     * The node for these sentences. Each token label's user data is its {@link TokenActivation};
     * for right-to-left options the whole tree gets {@link NodeOrientation#RIGHT_TO_LEFT}.
     */
    public static VBox build(List<HighlightedSentence> sentences, SvgOptions options) {
        return build(sentences, options, true);
    }

    static VBox build(List<HighlightedSentence> sentences, SvgOptions options, boolean tooltips) {
        List<LayoutPlan.Sentence> plan = LayoutPlan.of(sentences, options);
        SvgExporter.Geometry g = new SvgExporter.Geometry(options.fontSize());
        Font font = Font.font(FONT_FAMILY, options.fontSize());

        VBox root = new VBox(g.sentenceGap());
        root.getStyleClass().add(ROOT_CLASS);
        root.setPadding(new Insets(g.margin()));
        root.setBackground(background(Rgb.WHITE));
        root.setNodeOrientation(options.rtl() ? NodeOrientation.RIGHT_TO_LEFT : NodeOrientation.LEFT_TO_RIGHT);
        for (int s = 0; s < plan.size(); s++) {
            VBox sentence = new VBox();
            sentence.getStyleClass().add(SENTENCE_CLASS);
            if (!plan.get(s).label().isEmpty()) {
                Label rowLabel = new Label(plan.get(s).label());
                rowLabel.setFont(Font.font(FONT_FAMILY, options.fontSize() * 0.7));
                rowLabel.setTextFill(Color.web("#666666"));
                sentence.getChildren().add(rowLabel);
            }
            for (LayoutPlan.Line line : plan.get(s).lines()) {
                HBox row = new HBox();
                row.getStyleClass().add(LINE_CLASS);
                row.setAlignment(Pos.CENTER_LEFT); // "left" means the start side under RTL
                row.setMinHeight(g.lineHeight());
                for (LayoutPlan.Cell c : line.cells()) {
                    TokenActivation token = sentences.get(s).tokens().get(c.index());
                    row.getChildren().add(tokenLabel(c, token, font, g, tooltips));
                }
                sentence.getChildren().add(row);
            }
            root.getChildren().add(sentence);
        }
        return root;
    }

    private static Label tokenLabel(LayoutPlan.Cell c, TokenActivation token, Font font,
                                    SvgExporter.Geometry g, boolean tooltips) {
        Label label = new Label(c.display());
        label.getStyleClass().add(TOKEN_CLASS);
        label.setUserData(token);
        label.setFont(font);
        label.setPadding(Insets.EMPTY);
        label.setTextFill(fx(c.text()));
        label.setBackground(background(c.fill()));
        // Never elide token text; a label is exactly as wide as its text.
        label.setTextOverrun(OverrunStyle.CLIP);
        label.setMinWidth(Region.USE_PREF_SIZE);
        label.setMinHeight(g.lineHeight());
        label.setPrefHeight(g.lineHeight());
        if (tooltips) {
            label.setTooltip(new Tooltip(ActivationColours.format(c.activation())));
        }
        return label;
    }

    static Color fx(Rgb rgb) {
        return Color.rgb(rgb.red(), rgb.green(), rgb.blue());
    }

    private static Background background(Rgb rgb) {
        return new Background(new BackgroundFill(fx(rgb), null, null));
    }
}
