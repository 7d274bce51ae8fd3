package org.neuronworkbench.ui.neurons;

import java.util.List;
import java.util.Locale;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Background;
import javafx.scene.layout.BackgroundFill;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import org.neuronworkbench.analysis.explain.StoredExplanation;
import org.neuronworkbench.analysis.explain.Substitutions;
import org.neuronworkbench.export.ActivationColours;
import org.neuronworkbench.export.Rgb;

/**
 * The stored explanation on a neuron page: its text with its simulation score, how it was made,
 * the coherence of the max tokens, and the substitution table with each substitute's activation
 * coloured like the excerpts.
 */
public final class ExplanationView extends VBox {
    /** Substitution rows shown; the rest are counted. */
    static final int MAX_ROWS = 40;

    private final Label text = new Label();
    private final Label details = new Label();
    private final GridPane table = new GridPane();
    private final Label more = new Label();

    public ExplanationView() {
        setSpacing(4);
        text.setStyle("-fx-font-size: 16px; -fx-font-weight: bold;");
        text.setWrapText(true);
        details.setStyle("-fx-text-fill: #555;");
        details.setWrapText(true);
        table.setHgap(10);
        table.setVgap(1);
        table.setPadding(new Insets(4, 0, 0, 0));
        more.setStyle("-fx-text-fill: #777;");
        getChildren().addAll(text, details, table, more);
    }

    public Label textLabel() {
        return text;
    }

    public Label detailsLabel() {
        return details;
    }

    public GridPane substitutionTable() {
        return table;
    }

    /** Shows an explanation, or how to make one when there is none. */
    public void show(StoredExplanation x, ActivationColours colors) {
        table.getChildren().clear();
        more.setText("");
        if (x == null) {
            text.setText("Not explained yet");
            details.setText("Press Explain (this neuron) or Explain layer… above, or run:"
                    + " explain --index DIR --layer L [--neuron N].");
            return;
        }
        text.setText(x.text() + String.format(Locale.ROOT, "    score %.2f", x.score()));
        StringBuilder d = new StringBuilder(x.method().equals("llm") ? "by " + x.llmModel() + " at " + x.endpoint()
                : "offline (" + x.rule() + ")");
        if (!x.text().equals(x.offlineText())) {
            d.append(String.format(Locale.ROOT, "; offline: %s (score %.2f)", x.offlineText(), x.offlineScore()));
        }
        if (Double.isFinite(x.coherence())) {
            d.append(String.format(Locale.ROOT, "; coherence of the max tokens %.2f (all-MiniLM-L6-v2)", x.coherence()));
        }
        if (!x.substitutions().isEmpty()) {
            d.append(String.format(Locale.ROOT, "; substitutions: %d kept, %d killed, mean activation %s",
                    x.kept().size(), x.killed().size(), NeuronPageView.f(x.substitutionMean())));
        }
        details.setText(d.toString());
        List<Substitutions.Row> rows = x.substitutions().stream().filter(r -> !"self".equals(r.source())).toList();
        if (rows.isEmpty()) {
            return;
        }
        String[] head = {"excerpt", "word", "substitute", "source", "activation", "of original", ""};
        for (int c = 0; c < head.length; c++) {
            Label h = new Label(head[c]);
            h.setStyle("-fx-font-weight: bold;");
            table.add(h, c, 0);
        }
        for (int i = 0; i < Math.min(MAX_ROWS, rows.size()); i++) {
            Substitutions.Row r = rows.get(i);
            Label act = new Label(NeuronPageView.f(r.activation()));
            Rgb fill = colors.fill(Double.isFinite(r.activation()) ? r.activation() : 0);
            act.setBackground(new Background(new BackgroundFill(ExcerptView.fx(fill), null, null)));
            act.setTextFill(ExcerptView.fx(ActivationColours.textOn(fill)));
            act.setPadding(new Insets(0, 4, 0, 4));
            act.setTooltip(new Tooltip("original activation " + NeuronPageView.f(r.originalActivation())));
            table.addRow(i + 1, new Label("#" + (r.excerpt() + 1)), new Label(r.original()), new Label(r.substitute()),
                    new Label(r.source()), act, new Label(String.format(Locale.ROOT, "%.0f%%", 100 * r.ratio())),
                    new Label(r.kept() ? "kept" : "killed"));
        }
        if (rows.size() > MAX_ROWS) {
            more.setText((rows.size() - MAX_ROWS) + " more substitutions (see explain --json)");
        }
    }
}
