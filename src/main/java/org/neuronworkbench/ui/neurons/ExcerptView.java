package org.neuronworkbench.ui.neurons;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import javafx.geometry.Insets;
import javafx.scene.Cursor;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.layout.Background;
import javafx.scene.layout.BackgroundFill;
import javafx.scene.layout.Border;
import javafx.scene.layout.BorderStroke;
import javafx.scene.layout.BorderStrokeStyle;
import javafx.scene.layout.BorderWidths;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.util.Duration;
import org.neuronworkbench.export.ActivationColours;
import org.neuronworkbench.export.DisplayText;
import org.neuronworkbench.export.Rgb;
import org.neuronworkbench.index.Excerpt;
import org.neuronworkbench.index.ExcerptToken;
import org.neuronworkbench.model.Token;
import org.neuronworkbench.model.TokensAsShown;
import org.neuronworkbench.ui.common.LazyTooltip;

/**
 * One excerpt as coloured tokens (blue positive, red negative, white at 0; value on hover). It
 * starts collapsed to {@link ExcerptSlice#BEFORE} tokens before and {@link ExcerptSlice#AFTER}
 * after the max token; clicking the text or "show all" expands it to the whole window.
 * Each token label's user data is its {@link ExcerptToken}.
 */
public final class ExcerptView extends VBox {
    public static final String TOKEN_CLASS = "excerpt-token";
    public static final String MAX_TOKEN_CLASS = "excerpt-max-token";

    private static final Font TOKEN_FONT = Font.font("Monospaced", 13);
    private final Excerpt excerpt;
    private final ActivationColours colors;
    private final List<String> display;
    private final FlowPane tokens = new FlowPane();
    private final Hyperlink toggle = new Hyperlink();
    private boolean expanded;

    public ExcerptView(Excerpt excerpt, ActivationColours colors, String title, Consumer<String> toHypothesis) {
        this.excerpt = excerpt;
        this.colors = colors;
        this.display = displayTexts(excerpt);
        getStyleClass().add("excerpt");
        setSpacing(2);
        setPadding(new Insets(4, 6, 6, 6));

        Label head = new Label(title + "   max " + NeuronPageView.f(excerpt.activation())
                + "   " + excerpt.docId());
        head.setStyle("-fx-text-fill: #555;");
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        Button send = new Button("→ Hypothesis");
        send.getStyleClass().add("to-hypothesis");
        LazyTooltip.install(send, () -> "Put this excerpt's text into the hypothesis editor", LazyTooltip.DEFAULT_DELAY);
        send.setOnAction(e -> toHypothesis.accept(excerpt.text()));
        toggle.setOnAction(e -> setExpanded(!expanded));
        HBox header = new HBox(8, head, gap, toggle, send);
        header.setAlignment(javafx.geometry.Pos.CENTER_LEFT);

        tokens.setHgap(0);
        tokens.setVgap(2);
        tokens.setCursor(Cursor.HAND);
        tokens.setOnMouseClicked(e -> setExpanded(!expanded));
        getChildren().addAll(header, tokens);
        render();
    }

    public Excerpt excerpt() {
        return excerpt;
    }

    public boolean isExpanded() {
        return expanded;
    }

    public void setExpanded(boolean expanded) {
        this.expanded = expanded;
        render();
    }

    /** The token labels currently shown, in order. */
    public List<Label> tokenLabels() {
        List<Label> out = new ArrayList<>();
        tokens.getChildren().forEach(n -> {
            if (n.getUserData() instanceof ExcerptToken) {
                out.add((Label) n);
            }
        });
        return out;
    }

    public ExcerptSlice slice() {
        int size = excerpt.tokens().size();
        return expanded ? ExcerptSlice.all(size) : ExcerptSlice.around(size, excerpt.maxTokenIndex());
    }

    private void render() {
        ExcerptSlice s = slice();
        List<javafx.scene.Node> nodes = new ArrayList<>();
        if (s.from() > 0) {
            nodes.add(ellipsis());
        }
        for (int i = s.from(); i < s.to(); i++) {
            nodes.add(tokenLabel(i));
        }
        if (s.to() < s.size()) {
            nodes.add(ellipsis());
        }
        tokens.getChildren().setAll(nodes);
        boolean canToggle = ExcerptSlice.around(s.size(), excerpt.maxTokenIndex()).partial();
        toggle.setVisible(canToggle);
        toggle.setManaged(canToggle);
        toggle.setText(expanded ? "show less" : "show all " + s.size() + " tokens");
    }

    private Label tokenLabel(int i) {
        ExcerptToken t = excerpt.tokens().get(i);
        Label label = new Label(display.get(i));
        label.getStyleClass().add(TOKEN_CLASS);
        label.setUserData(t);
        label.setFont(TOKEN_FONT);
        label.setMinWidth(Region.USE_PREF_SIZE);
        Rgb fill = colors.fill(Double.isFinite(t.activation()) ? t.activation() : 0);
        label.setBackground(new Background(new BackgroundFill(fx(fill), null, null)));
        label.setTextFill(fx(ActivationColours.textOn(fill)));
        if (i == excerpt.maxTokenIndex()) {
            label.getStyleClass().add(MAX_TOKEN_CLASS);
            label.setBorder(new Border(new BorderStroke(Color.web("#e08214"), BorderStrokeStyle.SOLID, null,
                    new BorderWidths(0, 0, 2, 0))));
        }
        LazyTooltip.install(label, () -> t.text() + "  " + NeuronPageView.f(t.activation()), Duration.millis(150));
        return label;
    }

    private static Label ellipsis() {
        Label l = new Label(" … ");
        l.setStyle("-fx-text-fill: #888;");
        return l;
    }

    /** What each token shows: {@link TokensAsShown} over the window text, made displayable. */
    static List<String> displayTexts(Excerpt e) {
        List<Token> tokens = new ArrayList<>(e.tokens().size());
        for (ExcerptToken t : e.tokens()) {
            tokens.add(new Token(tokens.size(), t.text(), -1, t.start(), t.end(), t.start() < 0));
        }
        return TokensAsShown.of(e.text(), tokens).stream().map(DisplayText::of).toList();
    }

    static Color fx(Rgb rgb) {
        return Color.rgb(rgb.red(), rgb.green(), rgb.blue());
    }

    static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.2f%%", 100 * fraction);
    }
}
