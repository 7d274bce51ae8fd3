package org.neuronworkbench.ui.neurons;

import java.util.List;

import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.neuronworkbench.ui.common.Metrics;
import org.neuronworkbench.ui.common.NoIndexNote;
import org.neuronworkbench.ui.common.WorkbenchContext;
import org.neuronworkbench.ui.common.OpenIndex;
import org.neuronworkbench.ui.common.Showing;

/**
 * The neuron browser (Neuroscope + NeuroX, offline): type {@code L3N42} or step with
 * previous / next / random (Alt+Left, Alt+Right, R), pick from the sortable neuron table, and
 * read the neuron's page. Shares the open index with the corpus pane through {@link WorkbenchContext#openIndex()}.
 */
public final class NeuronBrowserPane extends BorderPane {
    /** Keys this pane handles itself (not menu accelerators), for the F1 list: keys, then action. */
    public static final List<String[]> KEYS = List.of(
            new String[] {"Alt+Left", "Neurons: previous neuron"},
            new String[] {"Alt+Right", "Neurons: next neuron"},
            new String[] {"R", "Neurons: random neuron (when not typing in a field)"});
    /** Latency recorder: Go (or a step, or a neuron chosen elsewhere) to its page laid out. */
    public static final String NEURON_TO_PAGE = "neuron → page laid out";

    private final NeuronBrowserViewModel model;
    private final NeuronTableView table;
    private final NeuronPageView pageView;
    private final NeuronExplainer explainer;
    private final ExplainBar explainBar;
    private final TextField goField = new TextField();
    private final Label indexLabel = new Label();
    private final Label message = new Label();
    private final Metrics metrics;

    public NeuronBrowserPane(WorkbenchContext ctx) {
        this(new NeuronBrowserViewModel(ctx, ctx.openIndex()), ctx);
    }

    public NeuronBrowserPane(NeuronBrowserViewModel model, WorkbenchContext ctx) {
        this.model = model;
        this.metrics = ctx.metrics();
        this.table = new NeuronTableView(model);
        this.pageView = new NeuronPageView(model.notes(), ctx::sendToHypothesis);
        this.explainer = new NeuronExplainer(ctx, model);
        this.explainBar = new ExplainBar(explainer, model);
        pageView.placeAboveExplanation(explainBar);
        ctx.onOpenExplanationSettings(explainBar::openSettings);
        getStyleClass().add("neuron-browser");

        Button prev = button("◀ Prev", "Previous neuron (Alt+Left)", model::previous);
        Button next = button("Next ▶", "Next neuron (Alt+Right)", model::next);
        Button random = button("Random", "A random neuron (R)", model::random);
        goField.setPromptText("L3N42");
        goField.setPrefColumnCount(9);
        goField.setTooltip(new Tooltip("Type a neuron such as L3N42 and press Enter"));
        goField.setOnAction(e -> model.go(goField.getText()));
        Button go = button("Go", "Open the neuron typed on the left", () -> model.go(goField.getText()));
        ProgressIndicator busy = new ProgressIndicator();
        busy.setPrefSize(18, 18);
        busy.visibleProperty().bind(model.loadingProperty());
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        indexLabel.setStyle("-fx-text-fill: #555;");
        HBox bar = new HBox(6, prev, goField, go, next, random, busy, gap, indexLabel);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(6, 8, 6, 8));
        message.setStyle("-fx-text-fill: #b2182b;");
        message.textProperty().bind(model.messageProperty());
        message.setWrapText(true);
        VBox top = new VBox(bar, message);
        VBox.setMargin(message, new Insets(0, 8, 4, 8));
        setTop(top);

        ScrollPane scroll = new ScrollPane(pageView);
        scroll.setFitToWidth(true);
        StackPane right = new StackPane(scroll, new NoIndexNote(ctx, "Neuron pages are read from one."));
        SplitPane split = new SplitPane(table, right);
        split.setDividerPositions(0.37);
        SplitPane.setResizableWithParent(table, false);
        setCenter(split);

        // A page that arrives while this pane's tab is hidden (a neuron chosen in another pane) is
        // built when the tab is shown: building ~1,000 nodes would hold the FX thread while the
        // pane the user is looking at waits for its own colours.
        model.pageProperty().addListener((o, a, page) -> {
            if (page != null && Showing.showing(this)) {
                showPage(page, scroll, true);
            }
        });
        Showing.whenShown(this, () -> {
            NeuronPage page = model.pageProperty().get();
            if (page != null && !page.neuron().equals(pageView.shown())) {
                showPage(page, scroll, false);
            }
        });
        model.neuronProperty().addListener((o, a, n) -> goField.setText(n == null ? "" : n.toString()));
        model.explanationsProperty().addListener((o, a, now) -> {
            if (pageView.shown() != null) {
                pageView.showExplanation(model.explanation(pageView.shown()));
            }
        });
        model.openIndex().currentProperty().addListener((o, a, now) -> indexChanged(now, scroll));
        indexChanged(model.openIndex().current(), scroll);
        addEventFilter(KeyEvent.KEY_PRESSED, this::keys);
    }

    private void showPage(NeuronPage page, ScrollPane scroll, boolean timed) {
        pageView.show(page);
        pageView.showExplanation(model.explanation(page.neuron()));
        scroll.setVvalue(0);
        if (timed) {
            metrics.recorder(NEURON_TO_PAGE).recordAtNextLayout(getScene(), List.of(model.pageRequestedNanos()));
        }
    }

    public NeuronBrowserViewModel model() {
        return model;
    }

    public NeuronTableView table() {
        return table;
    }

    public NeuronPageView pageView() {
        return pageView;
    }

    public NeuronExplainer explainer() {
        return explainer;
    }

    public ExplainBar explainBar() {
        return explainBar;
    }

    public TextField goField() {
        return goField;
    }

    private void indexChanged(OpenIndex.Opened now, ScrollPane scroll) {
        scroll.setVisible(now != null);
        indexLabel.setText(now == null ? "" : String.format(java.util.Locale.ROOT,
                "%s · %s · %,d tokens · %d × %d neurons", now.dir().getFileName(), now.info().modelName(),
                now.info().tokens(), now.info().layers(), now.info().dMlp()));
    }

    /** Alt+Left / Alt+Right step; R jumps to a random neuron unless the user is typing. */
    private void keys(KeyEvent e) {
        boolean typing = e.getTarget() instanceof javafx.scene.control.TextInputControl;
        if (e.isAltDown() && e.getCode() == KeyCode.LEFT) {
            model.previous();
        } else if (e.isAltDown() && e.getCode() == KeyCode.RIGHT) {
            model.next();
        } else if (e.getCode() == KeyCode.R && !typing && !e.isShortcutDown() && !e.isAltDown()) {
            model.random();
        } else {
            return;
        }
        e.consume();
    }

    private static Button button(String text, String tip, Runnable action) {
        Button b = new Button(text);
        b.setTooltip(new Tooltip(tip));
        b.setOnAction(e -> action.run());
        return b;
    }
}
