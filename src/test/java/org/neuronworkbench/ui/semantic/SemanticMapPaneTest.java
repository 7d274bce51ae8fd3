package org.neuronworkbench.ui.semantic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.neuronworkbench.ui.neurons.FxTesting.fx;
import static org.neuronworkbench.ui.neurons.FxTesting.fxRun;
import static org.neuronworkbench.ui.neurons.FxTesting.waitFx;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.geometry.Point2D;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.neuronworkbench.analysis.semantic.MapParams;
import org.neuronworkbench.index.CorpusIndex;
import org.neuronworkbench.index.NeuronScore;
import org.neuronworkbench.model.MlpNeuron;
import org.neuronworkbench.ui.common.WorkbenchContext;
import org.neuronworkbench.ui.neurons.FxTesting;
import org.neuronworkbench.ui.neurons.TestIndex;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The semantic map pane on a real index (60 sample sentences, MiniLM), driven with the mouse and keyboard. */
@ExtendWith(ApplicationExtension.class)
class SemanticMapPaneTest {
    private static final int POINTS = 300;
    private static CorpusIndex reference;

    @TempDir
    static Path tmp;
    private WorkbenchContext ctx;
    private SemanticMapPane pane;
    private final List<String> shownPanes = new ArrayList<>();

    @BeforeAll
    static void index() {
        reference = CorpusIndex.open(TestIndex.dir());
    }

    @Start
    void start(Stage stage) throws Exception {
        ctx = FxTesting.context(Files.createTempDirectory(tmp, "ws"));
        ctx.onShowPane(shownPanes::add);
        pane = new SemanticMapPane(ctx);
        ((TextField) pane.lookup("#semantic-max-points")).setText(Integer.toString(POINTS));
        stage.setScene(new Scene(pane, 1280, 820));
        stage.show();
        ctx.modelProperty().set(TestIndex.runner());
        ctx.openIndex().open(TestIndex.dir(), false);
    }

    @AfterEach
    void stop() {
        fxRun(() -> pane.viewModel().cancel());
        ctx.tasks().close();
    }

    private SemanticMapViewModel vm() {
        return pane.viewModel();
    }

    private MapView waitForFinalMap() {
        waitFx(120, () -> vm().viewProperty().get() != null && vm().viewProperty().get().final_() && !vm().runningProperty().get());
        return fx(() -> vm().viewProperty().get());
    }

    private int indexOf(MapView v, String lemma) {
        int i = v.vectors().find(lemma);
        assertTrue(i >= 0, lemma + " is on the map");
        return i;
    }

    private Point2D onScreen(MapView v, int i) {
        return fx(() -> pane.scatter().localToScreen(pane.scatter().screenX(v.x(i)), pane.scatter().screenY(v.y(i))));
    }

    /** The top neurons of a single-token lemma at a layer, straight from the index's activation map. */
    private static List<NeuronScore> amapTop(String token, int layer, int k) {
        List<NeuronScore> all = new ArrayList<>(reference.amapTopNeurons(token, 100_000));
        all.removeIf(n -> n.layer() != layer);
        all.sort(Comparator.comparingDouble((NeuronScore n) -> -n.score()).thenComparingInt(NeuronScore::neuron));
        return all.subList(0, k);
    }

    @Test
    void hoverShowsTheLemmaCardAndClickListsItsNeurons(FxRobot robot) {
        MapView v = waitForFinalMap();
        assertEquals(POINTS, v.vectors().size());
        int kitchen = indexOf(v, "kitchen");
        robot.moveTo(onScreen(v, kitchen));
        waitFx(10, () -> ((Label) pane.lookup("#semantic-hover")).getText().startsWith("kitchen"));
        String card = fx(() -> ((Label) pane.lookup("#semantic-hover")).getText());
        assertTrue(card.contains(v.vectors().lemmas().get(kitchen).synset()) && card.contains("noun")
                && card.contains(v.vectors().lemmas().get(kitchen).gloss()), card);
        robot.clickOn(MouseButton.PRIMARY);
        waitFx(10, () -> vm().selectedProperty().get() == kitchen);
        @SuppressWarnings("unchecked")
        ListView<NeuronScore> list = (ListView<NeuronScore>) pane.lookup("#semantic-neurons");
        waitFx(10, () -> list.getItems().size() == SemanticMapViewModel.NEURONS_SHOWN);
        List<NeuronScore> expected = amapTop("kitchen", v.layer(), SemanticMapViewModel.NEURONS_SHOWN);
        List<NeuronScore> shown = fx(() -> List.copyOf(list.getItems()));
        for (int k = 0; k < expected.size(); k++) {
            assertEquals(expected.get(k).neuron(), shown.get(k).neuron(), "rank " + k);
            assertEquals(expected.get(k).score(), shown.get(k).score(), 1e-5);
        }

        robot.doubleClickOn(list.lookupAll(".list-cell").stream().filter(c -> ((javafx.scene.control.ListCell<?>) c).getIndex() == 2)
                .findFirst().orElseThrow());
        waitFx(10, () -> shownPanes.contains("neurons"));
        assertEquals(new MlpNeuron(v.layer(), shown.get(2).neuron()), fx(() -> ctx.selectedNeuronProperty().get()));
    }

    @Test
    void searchCentresAndSelectsAndTheLegendFilters(FxRobot robot) {
        MapView v = waitForFinalMap();
        int kitchen = indexOf(v, "kitchen");
        robot.clickOn("#semantic-search").write("Kitchen").type(KeyCode.ENTER);
        waitFx(10, () -> vm().selectedProperty().get() == kitchen);
        double cx = fx(() -> pane.scatter().screenX(v.x(kitchen)) - pane.scatter().getWidth() / 2);
        double cy = fx(() -> pane.scatter().screenY(v.y(kitchen)) - pane.scatter().getHeight() / 2);
        assertTrue(Math.abs(cx) < 1 && Math.abs(cy) < 1, "centred: " + cx + ", " + cy);

        fxRun(() -> vm().colourByProperty().set(SemanticMapViewModel.ColourBy.POS));
        ToggleButton nouns = fx(() -> pane.lookup("#semantic-legend").lookupAll(".semantic-legend-entry").stream()
                .map(n -> (ToggleButton) n).filter(b -> b.getText().startsWith("noun (")).findFirst().orElseThrow());
        robot.clickOn(nouns);
        waitFx(10, () -> vm().hidden().contains("noun"));
        long notNouns = v.vectors().lemmas().stream().filter(l -> !l.pos().equals("noun")).count();
        assertEquals(notNouns, fx(() -> (long) vm().points().size()), "export and drawing leave the hidden class out");
        int under = fx(() -> pane.scatter().lemmaAt(pane.scatter().screenX(v.x(kitchen)), pane.scatter().screenY(v.y(kitchen))));
        assertTrue(under != kitchen && (under < 0 || !v.vectors().lemmas().get(under).pos().equals("noun")),
                "a hidden noun is not hit; found " + under);
    }

    @Test
    void aRectangleSelectsLemmasAndPinsTheirMeanVectorsNeurons(FxRobot robot) {
        MapView v = waitForFinalMap();
        Point2D a = fx(() -> pane.scatter().localToScreen(pane.scatter().getWidth() * 0.3, pane.scatter().getHeight() * 0.3));
        Point2D b = fx(() -> pane.scatter().localToScreen(pane.scatter().getWidth() * 0.7, pane.scatter().getHeight() * 0.7));
        robot.moveTo(a).press(KeyCode.SHIFT).press(MouseButton.PRIMARY).moveTo(b).release(MouseButton.PRIMARY).release(KeyCode.SHIFT);
        waitFx(10, () -> vm().selectionProperty().get().length > 0);
        int[] sel = fx(() -> vm().selectionProperty().get());
        for (int i : sel) {
            double sx = fx(() -> pane.scatter().localToScreen(pane.scatter().screenX(v.x(i)), 0).getX());
            assertTrue(sx >= a.getX() - 1 && sx <= b.getX() + 1, "inside the band");
        }
        float[] mean = new float[v.vectors().dMlp()];
        for (int i : sel) {
            float[] vec = v.vectors().vector(i, v.layer());
            for (int n = 0; n < mean.length; n++) {
                mean[n] += vec[n] / sel.length;
            }
        }
        int best = 0;
        for (int n = 1; n < mean.length; n++) {
            best = mean[n] > mean[best] ? n : best;
        }
        assertEquals(best, fx(() -> vm().neurons().get(0).neuron()));
        robot.clickOn("#semantic-pin");
        waitFx(10, () -> ctx.pinned().size() == SemanticMapViewModel.NEURONS_SHOWN);
        assertEquals(new MlpNeuron(v.layer(), best), fx(() -> ctx.pinned().get(0)));
    }

    @Test
    void aLassoSelectsExactlyTheLemmasInsideIt(FxRobot robot) {
        MapView v = waitForFinalMap();
        robot.clickOn("#semantic-lasso");
        // A five-pointed star around the centre: not convex, so a bounding box or hull would be wrong.
        double w = fx(() -> pane.scatter().getWidth());
        double h = fx(() -> pane.scatter().getHeight());
        List<Point2D> star = new ArrayList<>();
        for (int c = 0; c < 10; c++) {
            double angle = Math.PI / 2 + c * Math.PI / 5;
            double radius = (c % 2 == 0 ? 0.42 : 0.17) * Math.min(w, h);
            double lx = w / 2 + radius * Math.cos(angle);
            double ly = h / 2 - radius * Math.sin(angle);
            star.add(fx(() -> pane.scatter().localToScreen(lx, ly)));
        }
        robot.moveTo(star.get(0)).press(MouseButton.PRIMARY);
        for (int c = 1; c < star.size(); c++) {
            robot.moveTo(star.get(c));
        }
        robot.moveTo(star.get(0)).release(MouseButton.PRIMARY);
        waitFx(10, () -> vm().selectionProperty().get().length > 0);
        int[] selected = fx(() -> vm().selectionProperty().get());
        double[] lasso = fx(() -> pane.scatter().lastLasso());
        assertTrue(lasso.length >= 20, "the lasso has the star's corners and more: " + lasso.length / 2);

        // Brute force, by an independent point-in-polygon (java.awt.geom, even-odd), over every lemma.
        java.awt.geom.Path2D.Double polygon = new java.awt.geom.Path2D.Double(java.awt.geom.Path2D.WIND_EVEN_ODD);
        polygon.moveTo(lasso[0], lasso[1]);
        for (int c = 1; c < lasso.length / 2; c++) {
            polygon.lineTo(lasso[2 * c], lasso[2 * c + 1]);
        }
        polygon.closePath();
        boolean[] shown = fx(() -> vm().visibility());
        int[] expected = java.util.stream.IntStream.range(0, v.vectors().size())
                .filter(i -> shown[i] && polygon.contains(v.x(i), v.y(i))).toArray();
        assertArrayEquals(expected, selected);
        assertTrue(selected.length < v.vectors().size(), "the lasso leaves points out: " + selected.length);
        // The lasso followed the pointer: each corner of the star is a corner of the lasso (within a pixel).
        for (Point2D corner : star) {
            Point2D local = fx(() -> pane.scatter().screenToLocal(corner));
            double mx = fx(() -> pane.scatter().mapX(local.getX()));
            double my = fx(() -> pane.scatter().mapY(local.getY()));
            double scale = fx(() -> pane.scatter().screenX(1) - pane.scatter().screenX(0));
            double nearest = Double.POSITIVE_INFINITY;
            for (int c = 0; c < lasso.length / 2; c++) {
                nearest = Math.min(nearest, Math.hypot(lasso[2 * c] - mx, lasso[2 * c + 1] - my) * scale);
            }
            assertTrue(nearest <= 1.5, "star corner " + corner + " is " + nearest + " px from the lasso");
        }
        float[] mean = new float[v.vectors().dMlp()];
        for (int i : selected) {
            float[] vec = v.vectors().vector(i, v.layer());
            for (int n = 0; n < mean.length; n++) {
                mean[n] += vec[n] / selected.length;
            }
        }
        int best = 0;
        for (int n = 1; n < mean.length; n++) {
            best = mean[n] > mean[best] ? n : best;
        }
        assertEquals(best, fx(() -> vm().neurons().get(0).neuron()), "the neurons are those of the lasso's mean vector");
    }

    @Test
    void theFxThreadStaysFreeWhileTsneRunsAndCancelKeepsTheLastLayout(FxRobot robot) throws Exception {
        waitForFinalMap();
        List<float[]> layouts = new ArrayList<>();
        vm().viewProperty().addListener((o, x, now) -> {
            if (now != null && !now.final_()) {
                layouts.add(now.xy());
            }
        });
        // Enough iterations that the (fast) engine is still running when Cancel is clicked.
        MapParams now = fx(() -> vm().params());
        fxRun(() -> vm().load(new MapParams(now.source(), now.maxPoints(), now.perplexity(), 1_000_000, now.seed()), 3));
        List<Double> ms = new ArrayList<>();
        while (layouts.size() < 8 && ms.size() < 3000) {
            CountDownLatch answered = new CountDownLatch(1);
            long t0 = System.nanoTime();
            Platform.runLater(answered::countDown);
            assertTrue(answered.await(5, TimeUnit.SECONDS));
            ms.add((System.nanoTime() - t0) / 1e6);
            Thread.sleep(20);
        }
        robot.clickOn("#semantic-cancel");
        MapView last = waitForFinalMap();
        double[] sorted = ms.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        System.out.printf("runLater round trips during t-SNE: n=%d median %.2f ms max %.2f ms%n", sorted.length,
                sorted[sorted.length / 2], sorted[sorted.length - 1]);
        assertTrue(sorted.length >= 5 && sorted[sorted.length - 1] < 100, "slowest " + sorted[sorted.length - 1] + " ms");
        assertTrue(layouts.size() >= 8, "the points moved while t-SNE ran: " + layouts.size() + " layouts");
        assertTrue(last.cancelled(), "cancelled midway");
        assertTrue(fx(() -> vm().statusProperty().get()).contains("cancelled"));
        assertFalse(Arrays.equals(layouts.get(0), last.xy()), "the layout kept is a later one than the first");
    }

    @Test
    void exportWritesTheShownMapAndAnUnwritableFolderSaysSo() throws Exception {
        waitForFinalMap();
        Path csv = tmp.resolve("pane.csv");
        fx(() -> pane.export("CSV", csv));
        waitFx(20, () -> vm().statusProperty().get().startsWith("Exported"));
        assertEquals(POINTS + 1, Files.readAllLines(csv).size());
        fx(() -> pane.export("SVG", Path.of("/proc/semantic.svg")));
        waitFx(20, () -> vm().statusProperty().get().startsWith("Export failed"));
        assertTrue(fx(() -> vm().statusProperty().get()).contains("cannot write"), fx(() -> vm().statusProperty().get()));
    }
}
