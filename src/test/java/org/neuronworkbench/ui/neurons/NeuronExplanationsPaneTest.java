package org.neuronworkbench.ui.neurons;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.neuronworkbench.ui.neurons.FxTesting.fx;
import static org.neuronworkbench.ui.neurons.FxTesting.waitFx;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.BackgroundFill;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.neuronworkbench.analysis.explain.ExplainNeuron;
import org.neuronworkbench.analysis.explain.ExplanationStore;
import org.neuronworkbench.analysis.explain.StoredExplanation;
import org.neuronworkbench.analysis.explain.Substitutions;
import org.neuronworkbench.export.ActivationColours;
import org.neuronworkbench.export.ColourScale;
import org.neuronworkbench.index.CorpusIndex;
import org.neuronworkbench.index.NeuronSummary;
import org.neuronworkbench.model.MlpNeuron;
import org.neuronworkbench.ui.common.WorkbenchContext;
import org.neuronworkbench.work.Cancel;
import org.neuronworkbench.work.Progress;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** Stored explanations in the neuron table (column, score sort, text search) and on the neuron page. */
@ExtendWith(ApplicationExtension.class)
class NeuronExplanationsPaneTest {
    static final MlpNeuron CAPITALS = new MlpNeuron(2, 5);
    @org.junit.jupiter.api.io.TempDir
    static Path tmp;
    static Path dir;
    static List<StoredExplanation> stored;

    private WorkbenchContext ctx;
    private NeuronBrowserPane pane;

    /** A copy of the shared test index with offline explanations of L1N0..29 and one about capitals. */
    @BeforeAll
    static void explain() throws Exception {
        dir = TestIndex.copyWithoutExplanations(tmp.resolve("idx"));
        ExplanationStore store = ExplanationStore.open(dir);
        try (CorpusIndex idx = CorpusIndex.open(dir)) {
            for (int i = 0; i < 30; i++) {
                if (!idx.isDead(1, i)) {
                    store.put(StoredExplanation.of(ExplainNeuron.run(new ExplainNeuron.Request(idx, new MlpNeuron(1, i), null,
                            null, null, null), Progress.NONE, Cancel.NEVER)));
                }
            }
        }
        store.put(new StoredExplanation(CAPITALS, "national capital: 8 of 10 top tokens", "offline", "WordNet class", 0.93,
                "national capital: 8 of 10 top tokens", 0.93, 0.41, Set.of("paris"), null, null, List.of("Paris"),
                List.of(new Substitutions.Row(0, "Paris", "Paris", "self", 2.0, 2.0, 1.0, true),
                        new Substitutions.Row(0, "Paris", "Rome", "co-hyponym", 1.8, 2.0, 0.9, true),
                        new Substitutions.Row(0, "Paris", "table", "encoder", -0.1, 2.0, -0.05, false)),
                Set.of("paris", "rome"), 0.85, null, null, Instant.now()));
        store.save();
        stored = store.all();
    }

    @Start
    void start(Stage stage) throws Exception {
        ctx = FxTesting.context(Files.createTempDirectory(tmp, "ws"));
        pane = new NeuronBrowserPane(ctx);
        stage.setScene(new Scene(pane, 1280, 800));
        stage.show();
        ctx.openIndex().open(dir, true);
    }

    @AfterEach
    void stop() {
        ctx.tasks().close();
    }

    private void waitForTable() {
        waitFx(30, () -> pane.table().table().getItems().size() == 6 * 1536
                && pane.model().explanationsProperty().get().size() == stored.size());
    }

    @Test
    void theTableShowsExplanationsSortsByScoreAndSearchesTheirText(FxRobot robot) {
        waitForTable();
        robot.clickOn("Score"); // ascending, then descending, like every column
        robot.clickOn("Score");
        List<Double> scores = fx(() -> pane.table().table().getItems().stream()
                .map(s -> pane.model().explanation(new MlpNeuron(s.layer(), s.neuron())))
                .filter(Objects::nonNull).map(StoredExplanation::score).toList());
        List<Double> want = stored.stream().map(StoredExplanation::score).sorted(Comparator.reverseOrder()).toList();
        assertEquals(want, scores, "explained neurons by score, best first");
        NeuronSummary first = fx(() -> pane.table().table().getItems().get(0));
        assertEquals(CAPITALS, new MlpNeuron(first.layer(), first.neuron()), "the best score comes first");

        robot.clickOn(pane.table().filterField()).write("capital");
        Set<MlpNeuron> expected = new java.util.HashSet<>();
        for (NeuronSummary s : fx(() -> new ArrayList<>(pane.model().rows()))) {
            MlpNeuron n = new MlpNeuron(s.layer(), s.neuron());
            StoredExplanation x = pane.model().explanation(n);
            if ((x != null && x.text().toLowerCase(Locale.ROOT).contains("capital"))
                    || (s.topToken() != null && s.topToken().toLowerCase(Locale.ROOT).contains("capital"))) {
                expected.add(n);
            }
        }
        assertTrue(expected.contains(CAPITALS));
        waitFx(10, () -> pane.table().table().getItems().size() == expected.size());
        Set<MlpNeuron> shown = fx(() -> pane.table().table().getItems().stream()
                .map(s -> new MlpNeuron(s.layer(), s.neuron())).collect(Collectors.toSet()));
        assertEquals(expected, shown);
    }

    @Test
    void theNeuronPageShowsTheExplanationScoreAndColouredSubstitutions() {
        waitForTable();
        fx(() -> pane.model().show(CAPITALS));
        waitFx(30, () -> pane.model().pageProperty().get() != null && CAPITALS.equals(pane.model().pageProperty().get().neuron())
                && pane.pageView().explanationView().textLabel().getText().startsWith("national capital"));
        assertEquals("national capital: 8 of 10 top tokens    score 0.93",
                fx(() -> pane.pageView().explanationView().textLabel().getText()));
        ColourScale scale = fx(() -> pane.model().pageProperty().get().colourScale());
        List<Label> cells = fx(() -> pane.pageView().explanationView().substitutionTable().getChildren().stream()
                .map(Label.class::cast).toList());
        // Header + two substitutes ("self" is not listed), seven columns each.
        assertEquals(3 * 7, cells.size());
        Label rome = cells.get(7 + 4);
        assertEquals(NeuronPageView.f(1.8), rome.getText());
        BackgroundFill fill = fx(() -> rome.getBackground().getFills().get(0));
        assertEquals(ExcerptView.fx(scale.colours(1).fill(1.8)), fill.getFill());
        assertEquals("killed", cells.get(14 + 6).getText());

        MlpNeuron unexplained = new MlpNeuron(4, 4);
        fx(() -> pane.model().show(unexplained));
        waitFx(30, () -> pane.model().pageProperty().get() != null && unexplained.equals(pane.model().pageProperty().get().neuron()));
        assertEquals("Not explained yet", fx(() -> pane.pageView().explanationView().textLabel().getText()));
    }
}
