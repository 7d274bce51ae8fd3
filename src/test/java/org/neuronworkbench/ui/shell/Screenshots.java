package org.neuronworkbench.ui.shell;

import static org.neuronworkbench.ui.shell.ScreenshotWindow.fx;
import static org.neuronworkbench.ui.shell.ScreenshotWindow.waitUntil;
import static org.neuronworkbench.ui.shell.ScreenshotWindow.snap;

import java.nio.file.Files;
import java.nio.file.Path;
import javafx.application.Platform;
import org.neuronworkbench.model.MlpNeuron;
import org.neuronworkbench.ui.hypothesis.HypothesisPane;

/**
 * Opens the real window, types an example hypothesis, waits for the colours and saves PNGs of the
 * scene, to look at what was built. Run with a real display (e.g. {@code xvfb-run -a java … 
 * org.neuronworkbench.ui.shell.Screenshots docs}), not Monocle.
 */
public final class Screenshots {
    private static final String HYPOTHESIS = String.join("\n",
            "The cats sat on the mats.",
            "A cat sat on a mat.",
            "Dogs chase cats across the gardens of the old houses.",
            "She wrote three letters and two long reports yesterday.",
            "");

    private Screenshots() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "docs");
        Files.createDirectories(out);
        WorkbenchShell shell = ScreenshotWindow.open(760);
        HypothesisPane pane = fx(() -> {
            shell.context().selectedNeuronProperty().set(new MlpNeuron(3, 1185));
            shell.context().pinned().add(new MlpNeuron(5, 627));
            shell.select(Panes.HYPOTHESIS);
            return (HypothesisPane) shell.pane(Panes.HYPOTHESIS);
        });
        for (char c : HYPOTHESIS.toCharArray()) {
            fx(() -> {
                pane.editor().appendText(String.valueOf(c));
                return null;
            });
            Thread.sleep(60); // about typing speed, so the overlay shows per-keystroke numbers
        }
        waitUntil(() -> pane.linesBox().getChildren().size() == 4 && pane.lastResult() != null
                && pane.lastResult().lines().size() == 5, 60);
        Thread.sleep(800);
        snap(shell, out.resolve("screenshot-hypothesis.png"));
        fx(() -> {
            shell.select(Panes.MODEL);
            shell.toggleDebug();
            return null;
        });
        Thread.sleep(800);
        snap(shell, out.resolve("screenshot-shell.png"));
        fx(() -> {
            shell.toggleDebug();
            shell.select(Panes.CORPUS);
            return null;
        });
        Thread.sleep(500);
        snap(shell, out.resolve("screenshot-corpus-in-shell.png"));
        fx(() -> {
            shell.close();
            return null;
        });
        Platform.exit();
        System.exit(0);
    }
}
