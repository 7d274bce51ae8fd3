package org.neuronworkbench.ui.semantic;

import static org.neuronworkbench.ui.shell.ScreenshotWindow.fx;
import static org.neuronworkbench.ui.shell.ScreenshotWindow.snap;
import static org.neuronworkbench.ui.shell.ScreenshotWindow.waitUntil;

import java.nio.file.Files;
import java.nio.file.Path;
import javafx.application.Platform;
import org.neuronworkbench.corpus.WindowOptions;
import org.neuronworkbench.index.IndexBuilder;
import org.neuronworkbench.index.IndexOptions;
import org.neuronworkbench.ui.shell.Panes;
import org.neuronworkbench.ui.shell.ScreenshotWindow;
import org.neuronworkbench.ui.shell.WorkbenchShell;

/**
 * Saves docs/screenshot-semantic-map.png: the real window on an index of the whole sample corpus,
 * every layer mapped (so the k-NN chart is complete), layer 3 shown by part of speech with a lemma
 * found and its neurons listed; and docs/screenshot-semantic-map-lasso.png, the same map with a
 * star-shaped lasso drawn and the neurons of its lemmas. Run under a display, e.g.
 * {@code xvfb-run -a java -cp ... org.neuronworkbench.ui.semantic.SemanticMapScreenshots docs}.
 */
public final class SemanticMapScreenshots {
    private SemanticMapScreenshots() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "docs");
        Files.createDirectories(out);
        WorkbenchShell shell = ScreenshotWindow.open(900);
        Path index = Files.createTempDirectory("nw-semantic").resolve("index");
        new IndexBuilder(IndexOptions.defaults().withWindow(WindowOptions.sentences(64)))
                .build(shell.context().model(), "sample-data/sentences.txt", index, org.neuronworkbench.work.Progress.NONE, org.neuronworkbench.work.Cancel.NEVER);
        SemanticMapPane pane = fx(() -> {
            ((javafx.scene.control.TextField) shell.pane(Panes.SEMANTIC_MAP).lookup("#semantic-max-points")).setText("1000");
            shell.context().openIndex().open(index, false);
            shell.select(Panes.SEMANTIC_MAP);
            return (SemanticMapPane) shell.pane(Panes.SEMANTIC_MAP);
        });
        SemanticMapViewModel vm = pane.viewModel();
        int layers = shell.context().model().config().layers();
        for (int l = 0; l < layers; l++) {
            int layer = l;
            waitUntil(() -> vm.vectors() != null, 300);
            fx(() -> vm.show(layer, false));
            waitUntil(() -> vm.viewProperty().get() != null && vm.viewProperty().get().layer() == layer
                    && vm.viewProperty().get().final_() && !vm.runningProperty().get(), 600);
            System.out.println("layer " + layer + ": " + fx(() -> vm.statusProperty().get()));
        }
        fx(() -> {
            vm.show(3, false);
            vm.colourByProperty().set(SemanticMapViewModel.ColourBy.POS);
            return null;
        });
        Thread.sleep(500);
        fx(() -> {
            int i = vm.search("house");
            pane.scatter().centreOn(i);
            return null;
        });
        Thread.sleep(1500);
        snap(shell, out.resolve("screenshot-semantic-map.png"));
        // A lasso, drawn with the mouse events a user's drag sends: a five-pointed star around the centre.
        fx(() -> {
            ((javafx.scene.control.ToggleButton) pane.lookup("#semantic-lasso")).setSelected(true);
            ScatterCanvas scatter = pane.scatter();
            double cx = scatter.getWidth() / 2;
            double cy = scatter.getHeight() / 2;
            double size = Math.min(scatter.getWidth(), scatter.getHeight()) * 0.3;
            javafx.event.Event.fireEvent(scatter, mouse(javafx.scene.input.MouseEvent.MOUSE_PRESSED, cx, cy - size));
            for (int c = 1; c <= 10; c++) {
                double angle = Math.PI / 2 + c * Math.PI / 5;
                double r = (c % 2 == 0 ? 1 : 0.4) * size;
                javafx.event.Event.fireEvent(scatter, mouse(javafx.scene.input.MouseEvent.MOUSE_DRAGGED,
                        cx + r * Math.cos(angle), cy - r * Math.sin(angle)));
            }
            javafx.event.Event.fireEvent(scatter, mouse(javafx.scene.input.MouseEvent.MOUSE_RELEASED, cx, cy - size));
            return null;
        });
        Thread.sleep(1500);
        System.out.println("lasso: " + fx(() -> vm.selectionProperty().get().length) + " lemmas selected");
        snap(shell, out.resolve("screenshot-semantic-map-lasso.png"));
        fx(() -> {
            shell.close();
            return null;
        });
        Platform.exit();
        System.exit(0);
    }

    private static javafx.scene.input.MouseEvent mouse(javafx.event.EventType<javafx.scene.input.MouseEvent> type, double x, double y) {
        return new javafx.scene.input.MouseEvent(type, x, y, x, y, javafx.scene.input.MouseButton.PRIMARY, 1, false, false,
                false, false, type != javafx.scene.input.MouseEvent.MOUSE_RELEASED, false, false, false, false, false,
                new javafx.scene.input.PickResult(null, x, y));
    }
}
