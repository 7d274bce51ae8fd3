package org.neuronworkbench.ui.neurons;

import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import javafx.animation.PauseTransition;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import org.neuronworkbench.analysis.explain.StoredExplanation;
import org.neuronworkbench.export.ActivationColours;
import org.neuronworkbench.export.ColourScale;
import org.neuronworkbench.index.NeuronStats;
import org.neuronworkbench.index.TokenScore;
import org.neuronworkbench.model.MlpNeuron;
import org.neuronworkbench.ui.common.NeuronNotes;

/**
 * One neuron's page: statistics and the distribution of its window maxima, top words (NeuroX)
 * and top tokens by mean activation (AMAP), notes and bookmark, the top excerpts, then the
 * activation histogram of all tokens with the quantile bands marked and random excerpts from each band.
 */
public final class NeuronPageView extends VBox {
    private final NeuronNotes notes;
    private final Consumer<String> toHypothesis;
    private final Label title = new Label();
    private final Label statsLine = new Label();
    private final ToggleButton bookmark = new ToggleButton("☆ Bookmark");
    private final TextArea notesArea = new TextArea();
    private final PauseTransition notesPause = new PauseTransition(Duration.millis(500));
    private final BarChart<String, Number> chart = new BarChart<>(new CategoryAxis(), new NumberAxis());
    private final VBox topWords = new VBox(1);
    private final VBox amap = new VBox(1);
    private final VBox excerpts = new VBox(6);
    private final HistogramView histogram = new HistogramView();
    private final BandSamplesView samples = new BandSamplesView();
    private final ExplanationView explanation = new ExplanationView();
    private MlpNeuron shown;
    private ColourScale colourScale = ColourScale.of(Double.NaN, Double.NaN);

    public NeuronPageView(NeuronNotes notes, Consumer<String> toHypothesis) {
        this.notes = notes;
        this.toHypothesis = toHypothesis;
        setSpacing(10);
        setPadding(new Insets(10, 14, 14, 14));
        title.setStyle("-fx-font-size: 22px; -fx-font-weight: bold;");
        bookmark.setOnAction(e -> {
            if (shown != null) {
                notes.setBookmarked(shown, bookmark.isSelected());
                updateBookmark();
            }
        });
        HBox head = new HBox(12, title, bookmark);
        head.setAlignment(Pos.CENTER_LEFT);

        chart.setAnimated(false);
        chart.setLegendVisible(false);
        chart.setTitle("Window max by percentile");
        chart.setPrefSize(340, 220);
        chart.setMinHeight(200);
        chart.getYAxis().setLabel("activation");

        notesArea.setPromptText("Notes on this neuron (saved in the workspace)");
        notesArea.setPrefRowCount(3);
        notesArea.setWrapText(true);
        notesPause.setOnFinished(e -> saveNotes());
        notesArea.textProperty().addListener((o, a, b) -> notesPause.playFromStart());
        notesArea.focusedProperty().addListener((o, a, focused) -> {
            if (!focused) {
                saveNotes();
            }
        });

        HBox lists = new HBox(16, chart, box("Top words (NeuroX)", topWords,
                "Token types ranked by the neuron's normalised mean |activation| on them"),
                box("Top tokens (AMAP)", amap,
                        "Token types ranked by the neuron's mean activation on them"));
        HBox.setHgrow(chart, Priority.ALWAYS);
        // The histogram marks the bands whose samples follow it; the top excerpts stay near the top.
        getChildren().addAll(head, statsLine, explanation, lists, notesArea,
                section("Top excerpts"), excerpts, section("Distribution and samples from each band"), histogram, samples);
    }

    public MlpNeuron shown() {
        return shown;
    }

    public TextArea notesArea() {
        return notesArea;
    }

    public ToggleButton bookmarkButton() {
        return bookmark;
    }

    /** The NeuroX top-word lines as shown ("token  score  ×count"). */
    public List<String> topWordLines() {
        return topWords.getChildren().stream().filter(Label.class::isInstance).map(n -> ((Label) n).getText()).toList();
    }

    public HistogramView histogramView() {
        return histogram;
    }

    public BandSamplesView bandSamplesView() {
        return samples;
    }

    /** Puts a node (the Explain row) right above the explanation. */
    public void placeAboveExplanation(javafx.scene.Node node) {
        getChildren().add(getChildren().indexOf(explanation), node);
    }

    public ExplanationView explanationView() {
        return explanation;
    }

    /** Shows the shown neuron's stored explanation (null: none yet), coloured on the page's scale. */
    public void showExplanation(StoredExplanation x) {
        explanation.show(x, colourScale.colours(1));
    }

    /** The top-excerpt views, in rank order. */
    public List<ExcerptView> excerptViews() {
        return excerpts.getChildren().stream().map(ExcerptView.class::cast).toList();
    }

    public void show(NeuronPage page) {
        if (shown != null && !shown.equals(page.neuron())) {
            saveNotes(); // keep what was typed for the neuron being left
        }
        shown = page.neuron();
        NeuronStats s = page.stats();
        title.setText(page.neuron() + (page.dead() ? "   (dead)" : ""));
        statsLine.setText(String.format(Locale.ROOT,
                "mean %s   std %s   min %s   max %s   active on %s of tokens",
                f(s.mean()), f(s.std()), f(s.min()), f(s.max()), ExcerptView.percent(s.fracActive())));
        updateBookmark();
        notesArea.setText(notes.notes(shown));
        notesPause.stop();
        fillChart(s);
        fillScores(topWords, page.topWords());
        fillScores(amap, page.amapTokens());

        colourScale = page.colourScale();
        ActivationColours colors = colourScale.colours(1);
        excerpts.getChildren().clear();
        for (int i = 0; i < page.excerpts().size(); i++) {
            excerpts.getChildren().add(new ExcerptView(page.excerpts().get(i), colors, "#" + (i + 1), toHypothesis));
        }
        if (page.excerpts().isEmpty()) {
            excerpts.getChildren().add(new Label("No excerpts: this neuron never fired in the corpus."));
        }
        histogram.show(page.histogram(), s);
        samples.show(page.samples(), colors, toHypothesis);
    }

    private void fillChart(NeuronStats s) {
        XYChart.Series<String, Number> series = new XYChart.Series<>();
        double[] q = s.quantiles();
        for (int i = 0; i < q.length && i < NeuronStats.QUANTILE_LEVELS.length; i++) {
            if (Double.isFinite(q[i])) {
                series.getData().add(new XYChart.Data<>(level(NeuronStats.QUANTILE_LEVELS[i]), q[i]));
            }
        }
        series.getData().add(new XYChart.Data<>("max", s.max()));
        chart.getData().setAll(List.of(series));
    }

    private static void fillScores(VBox box, List<TokenScore> scores) {
        box.getChildren().clear();
        for (TokenScore t : scores) {
            Label l = new Label(String.format(Locale.ROOT, "%-14s %8s  ×%d", t.token(), f(t.score()), t.count()));
            l.setStyle("-fx-font-family: Monospaced;");
            l.setTooltip(new Tooltip(t.token() + ": score " + f(t.score()) + ", seen " + t.count() + " times"));
            box.getChildren().add(l);
        }
        if (scores.isEmpty()) {
            box.getChildren().add(new Label("—"));
        }
    }

    private void updateBookmark() {
        boolean on = shown != null && notes.isBookmarked(shown);
        bookmark.setSelected(on);
        bookmark.setText(on ? "★ Bookmarked" : "☆ Bookmark");
    }

    private void saveNotes() {
        if (shown != null) {
            notes.setNotes(shown, notesArea.getText());
        }
    }

    private static VBox box(String heading, VBox content, String tip) {
        Label h = new Label(heading);
        h.setStyle("-fx-font-weight: bold;");
        h.setTooltip(new Tooltip(tip));
        VBox v = new VBox(4, h, content);
        v.setMinWidth(200);
        return v;
    }

    private static Label section(String text) {
        Label l = new Label(text);
        l.setStyle("-fx-font-size: 15px; -fx-font-weight: bold; -fx-padding: 6 0 0 0;");
        return l;
    }

    static String level(double p) {
        return "p" + new java.math.BigDecimal(Double.toString(p * 100)).stripTrailingZeros().toPlainString();
    }

    /** 4 significant digits; "—" where the index has no value (e.g. quantiles of a tiny corpus). */
    static String f(double v) {
        return Double.isFinite(v) ? ActivationColours.format(v) : "—";
    }
}
