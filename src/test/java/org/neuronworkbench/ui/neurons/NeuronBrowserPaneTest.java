package org.neuronworkbench.ui.neurons;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.neuronworkbench.ui.neurons.FxTesting.fx;
import static org.neuronworkbench.ui.neurons.FxTesting.waitFx;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalInt;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.BackgroundFill;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.neuronworkbench.export.ActivationColours;
import org.neuronworkbench.index.CorpusIndex;
import org.neuronworkbench.index.Excerpt;
import org.neuronworkbench.index.ExcerptToken;
import org.neuronworkbench.index.NeuronSort;
import org.neuronworkbench.index.NeuronSummary;
import org.neuronworkbench.model.MlpNeuron;
import org.neuronworkbench.ui.common.LatencyRecorder;
import org.neuronworkbench.ui.common.WorkbenchContext;
import org.neuronworkbench.ui.common.Workspace;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The neuron browser on a real index of 60 sample sentences, driven through its controls. */
@ExtendWith(ApplicationExtension.class)
class NeuronBrowserPaneTest {
    private static CorpusIndex reference;

    @TempDir
    static Path tmp;
    private WorkbenchContext ctx;
    private NeuronBrowserPane pane;
    private final List<String> hypotheses = new ArrayList<>();
    private final List<String> shownPanes = new ArrayList<>();

    @BeforeAll
    static void buildIndex() {
        reference = CorpusIndex.open(TestIndex.dir());
    }

    @Start
    void start(Stage stage) throws Exception {
        ctx = FxTesting.context(java.nio.file.Files.createTempDirectory(tmp, "ws"));
        ctx.onSendToHypothesis(hypotheses::add);
        ctx.onShowPane(shownPanes::add);
        pane = new NeuronBrowserPane(ctx);
        stage.setScene(new Scene(pane, 1280, 800));
        stage.show();
        ctx.openIndex().open(TestIndex.dir(), true);
    }

    @AfterEach
    void stop() {
        ctx.tasks().close();
    }

    private void showAndWait(MlpNeuron n) {
        fx(() -> pane.model().show(n));
        waitFx(30, () -> pane.model().pageProperty().get() != null
                && n.equals(pane.model().pageProperty().get().neuron()) && !pane.model().loadingProperty().get());
    }

    private void waitForIndex() {
        waitFx(30, () -> ctx.openIndex().current() != null && pane.model().pageProperty().get() != null);
    }

    @Test
    void neuronPageShowsKColouredExcerptsWithTheIndexValues() {
        waitForIndex();
        NeuronSummary top = reference.neurons(OptionalInt.empty(), NeuronSort.MAX, 1).get(0);
        MlpNeuron n = new MlpNeuron(top.layer(), top.neuron());
        showAndWait(n);
        List<Excerpt> expected = reference.topExcerpts(n.layer(), n.index(), TestIndex.TOP_K);
        assertEquals(TestIndex.TOP_K, expected.size(), "the sample index keeps k excerpts for its strongest neuron");
        List<ExcerptView> views = fx(() -> pane.pageView().excerptViews());
        assertEquals(expected.size(), views.size());
        // Top words as NeuroX gives them by default (score > 0.1, then the count), each with its count.
        List<org.neuronworkbench.index.TokenScore> words = reference.topWords(n.layer(), n.index(), NeuronPage.TOP_WORDS, 0.1);
        List<String> lines = fx(() -> pane.pageView().topWordLines());
        assertEquals(words.size(), lines.size());
        for (int i = 0; i < words.size(); i++) {
            assertTrue(lines.get(i).startsWith(words.get(i).token()) && lines.get(i).endsWith("×" + words.get(i).count()),
                    lines.get(i) + " vs " + words.get(i));
        }
        org.neuronworkbench.export.ColourScale scale = fx(() -> pane.model().pageProperty().get().colourScale());
        assertEquals(org.neuronworkbench.export.ColourScale.of(reference.stats(n.layer(), n.index()).max(), Double.NaN), scale,
                "excerpts are coloured against the neuron's index maximum");
        ActivationColours colors = scale.colours(1);
        for (int i = 0; i < views.size(); i++) {
            ExcerptView v = views.get(i);
            fx(() -> { v.setExpanded(true); return null; });
            List<Label> labels = fx(v::tokenLabels);
            Excerpt e = expected.get(i);
            assertEquals(e.tokens().size(), labels.size());
            for (int t = 0; t < labels.size(); t++) {
                Label l = labels.get(t);
                double value = ((ExcerptToken) l.getUserData()).activation();
                assertEquals(e.tokens().get(t).activation(), value, 0.0);
                BackgroundFill fill = l.getBackground().getFills().get(0);
                assertEquals(ExcerptView.fx(colors.fill(value)), fill.getFill());
                // The tooltip is made when the pointer first arrives (hundreds of tooltips made a page slow).
                assertNull(fx(l::getTooltip));
                fx(() -> {
                    l.fireEvent(new javafx.scene.input.MouseEvent(javafx.scene.input.MouseEvent.MOUSE_ENTERED, 0, 0, 0, 0,
                            javafx.scene.input.MouseButton.NONE, 0, false, false, false, false, false, false, false, false,
                            false, false, null));
                    return null;
                });
                assertTrue(fx(() -> l.getTooltip().getText()).endsWith(ActivationColours.format(value)));
            }
        }
        // The strongest excerpt is coloured: its max token is blue, not white.
        Label max = fx(() -> views.get(0).tokenLabels().get(expected.get(0).maxTokenIndex()));
        assertNotEquals(javafx.scene.paint.Color.WHITE, max.getBackground().getFills().get(0).getFill());
        assertTrue(max.getStyleClass().contains(ExcerptView.MAX_TOKEN_CLASS));
        assertEquals(n, ctx.selectedNeuronProperty().get());
    }

    @Test
    void typedNeuronAndPreviousNextRandomWithButtonsAndKeys(FxRobot robot) {
        waitForIndex();
        LatencyRecorder pageTimes = ctx.metrics().recorder(NeuronBrowserPane.NEURON_TO_PAGE);
        long pagesBefore = pageTimes.count();
        robot.doubleClickOn(pane.goField()).eraseText(12).write("L3N42").type(KeyCode.ENTER);
        waitFx(30, () -> new MlpNeuron(3, 42).equals(ctx.selectedNeuronProperty().get()));
        // Go is timed until the page is laid out (the debug overlay shows it; a benchmark reads it).
        waitFx(30, () -> pageTimes.count() > pagesBefore);
        assertTrue(java.util.Arrays.stream(pageTimes.values()).allMatch(v -> v > 0 && v < 30_000), pageTimes.stats().describe());
        robot.clickOn("Next ▶");
        waitFx(10, () -> new MlpNeuron(3, 43).equals(pane.model().neuronProperty().get()));
        robot.press(KeyCode.ALT, KeyCode.RIGHT).release(KeyCode.RIGHT, KeyCode.ALT);
        waitFx(10, () -> new MlpNeuron(3, 44).equals(pane.model().neuronProperty().get()));
        robot.press(KeyCode.ALT, KeyCode.LEFT).release(KeyCode.LEFT, KeyCode.ALT);
        robot.clickOn("◀ Prev");
        waitFx(10, () -> new MlpNeuron(3, 42).equals(pane.model().neuronProperty().get()));
        waitFx(30, () -> pane.pageView().shown() != null && pane.pageView().shown().equals(new MlpNeuron(3, 42)));

        robot.clickOn("Random");
        waitFx(10, () -> !new MlpNeuron(3, 42).equals(pane.model().neuronProperty().get()));
        MlpNeuron afterRandom = fx(() -> pane.model().neuronProperty().get());
        robot.type(KeyCode.R); // focus is on the Random button, not in a text field
        waitFx(10, () -> !afterRandom.equals(pane.model().neuronProperty().get()));
        MlpNeuron r = fx(() -> pane.model().neuronProperty().get());
        assertTrue(r.layer() < 6 && r.index() < 1536);

        robot.doubleClickOn(pane.goField()).eraseText(12).write("L9N1").type(KeyCode.ENTER);
        waitFx(10, () -> pane.model().messageProperty().get().contains("layers are 0..5"));
        assertEquals(r, fx(() -> pane.model().neuronProperty().get()), "a bad neuron changes nothing");
    }

    @Test
    void tableSortsByAnyColumnAndFilters(FxRobot robot) {
        waitForIndex();
        waitFx(30, () -> pane.table().table().getItems().size() == 6 * 1536);
        // Every header reads in full (no "..."), and the explanation columns wait for explanations.
        long headers = fx(() -> pane.table().table().lookupAll(".column-header .label").stream()
                .filter(n -> n.isVisible() && n.getParent().isVisible()).count());
        assertTrue(headers >= 7, "headers: " + headers);
        assertEquals(List.of(), FxTesting.headersCutShort(pane.table().table()), "headers shown in full");
        assertFalse(fx(() -> pane.table().table().getColumns().stream().filter(c -> "score".equals(c.getId()))
                .findFirst().orElseThrow().isVisible()), "no score column without explanations");
        robot.clickOn("Max");
        List<Double> asc = fx(() -> pane.table().table().getItems().stream().map(NeuronSummary::max).toList());
        assertTrue(asc.equals(asc.stream().sorted().toList()), "ascending by max");
        robot.clickOn("Max");
        List<Double> desc = fx(() -> pane.table().table().getItems().stream().map(NeuronSummary::max).toList());
        assertTrue(desc.equals(desc.stream().sorted(Comparator.reverseOrder()).toList()), "descending by max");
        robot.clickOn("Selectivity");
        List<Double> sel = fx(() -> pane.table().table().getItems().stream().map(NeuronSummary::selectivity).toList());
        assertTrue(sel.equals(sel.stream().sorted().toList()), "sorted by selectivity");

        // A word filter lists whole-token matches first (in the clicked column's order), then
        // tokens that merely contain it: checked on the real index's own top tokens.
        String word = fx(() -> pane.table().table().getItems().stream().map(NeuronSummary::topToken)
                .filter(t -> t != null && NeuronFilter.normal(t).length() >= 3).findFirst().orElseThrow());
        String typed = NeuronFilter.normal(word);
        robot.clickOn(pane.table().filterField()).write(typed);
        waitFx(10, () -> pane.table().table().getItems().size() < 6 * 1536);
        List<Integer> ranks = fx(() -> pane.table().table().getItems().stream()
                .map(s -> new NeuronFilter(typed).rank(s)).toList());
        assertEquals(NeuronFilter.NAME_OR_WHOLE_TOKEN, ranks.get(0), "an exact match of '" + typed + "' comes first");
        assertTrue(ranks.equals(ranks.stream().sorted().toList()), "whole tokens, then prefixes, then substrings: " + ranks);
        assertTrue(ranks.stream().allMatch(r -> r < NeuronFilter.NO_MATCH));
        robot.clickOn(pane.table().filterField()).eraseText(typed.length());

        robot.clickOn(pane.table().filterField()).write("L2N7");
        waitFx(10, () -> pane.table().table().getItems().size() == 1);
        javafx.scene.Node row = robot.from(pane.table().table()).lookup(".table-row-cell")
                .match((javafx.scene.control.TableRow<?> r) -> r.isVisible() && r.getItem() != null).query();
        robot.clickOn(row);
        waitFx(30, () -> new MlpNeuron(2, 7).equals(ctx.selectedNeuronProperty().get()));
    }

    @Test
    void bookmarkAndNotesAreSavedInTheWorkspace(FxRobot robot) {
        waitForIndex();
        showAndWait(new MlpNeuron(3, 42));
        robot.clickOn(pane.pageView().bookmarkButton());
        robot.clickOn(pane.pageView().notesArea()).write("fires on numbers");
        robot.clickOn(pane.table().filterField()); // leaving the notes saves them
        waitFx(10, () -> ctx.workspace().notes.containsKey("L3N42"));
        Workspace saved = Workspace.load(ctx.workspaceFile());
        assertEquals(List.of("L3N42"), saved.bookmarks);
        assertEquals("fires on numbers", saved.notes.get("L3N42"));
        assertEquals("★ Bookmarked", fx(() -> pane.pageView().bookmarkButton().getText()));

        showAndWait(new MlpNeuron(3, 43));
        assertEquals("", fx(() -> pane.pageView().notesArea().getText()));
        assertFalse(fx(() -> pane.pageView().bookmarkButton().isSelected()));
        showAndWait(new MlpNeuron(3, 42));
        assertEquals("fires on numbers", fx(() -> pane.pageView().notesArea().getText()));
        robot.clickOn(pane.pageView().bookmarkButton());
        waitFx(10, () -> ctx.workspace().bookmarks.isEmpty());
        assertEquals(List.of(), Workspace.load(ctx.workspaceFile()).bookmarks);
    }

    @Test
    void excerptGoesToTheHypothesisEditor(FxRobot robot) {
        waitForIndex();
        NeuronSummary top = reference.neurons(OptionalInt.empty(), NeuronSort.MAX, 1).get(0);
        showAndWait(new MlpNeuron(top.layer(), top.neuron()));
        ExcerptView first = fx(() -> pane.pageView().excerptViews().get(0));
        // The page is taller than the window (statistics, histogram): scroll to it as a user would.
        fx(() -> scrollIntoView(first));
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn(first.lookup(".to-hypothesis"));
        waitFx(10, () -> !hypotheses.isEmpty());
        assertEquals(first.excerpt().text(), hypotheses.get(0));
        assertTrue(shownPanes.contains("hypothesis"));
    }

    private static boolean scrollIntoView(Node node) {
        Parent p = node.getParent();
        while (p != null && !(p instanceof ScrollPane)) {
            p = p.getParent();
        }
        ScrollPane scroll = (ScrollPane) p;
        Node content = scroll.getContent();
        Bounds at = content.sceneToLocal(node.localToScene(node.getBoundsInLocal()));
        double range = content.getBoundsInLocal().getHeight() - scroll.getViewportBounds().getHeight();
        scroll.setVvalue(range <= 0 ? 0 : Math.min(1, at.getMinY() / range));
        scroll.layout();
        return true;
    }
}
