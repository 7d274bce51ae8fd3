package org.neuronworkbench.ui.shell;

import static org.neuronworkbench.ui.shell.ScreenshotWindow.fx;
import static org.neuronworkbench.ui.shell.ScreenshotWindow.waitUntil;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.application.Platform;
import org.neuronworkbench.model.MlpNeuron;
import org.neuronworkbench.model.ModelRunner;
import org.neuronworkbench.model.hooks.HookName;
import org.neuronworkbench.ui.ablation.AblationPane;
import org.neuronworkbench.ui.dla.DlaPane;
import org.neuronworkbench.ui.noise.NoisePane;
import org.neuronworkbench.ui.optimise.OptimisePane;
import org.neuronworkbench.ui.simplify.SimplifyPane;

/**
 * Opens the real window on the embedded MiniLM, runs each causal tool on an example and saves
 * docs/screenshot-&lt;pane&gt;.png. Run under a real display (GTK glass, not Monocle), e.g.
 * {@code xvfb-run -a java -cp … org.neuronworkbench.ui.shell.CausalScreenshots docs}.
 */
public final class CausalScreenshots {
    private static final String TEXT = "The cats sat on the mats by the door.";

    private CausalScreenshots() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "docs");
        Files.createDirectories(out);
        WorkbenchShell shell = ScreenshotWindow.open(820);
        MlpNeuron neuron = firingAt(fx(() -> shell.context().model()), 6);
        System.out.println("example neuron " + neuron);
        fx(() -> {
            shell.context().selectedNeuronProperty().set(neuron);
            shell.context().pinned().add(new MlpNeuron(5, 627));
            return null;
        });

        SimplifyPane simplify = (SimplifyPane) show(shell, Panes.SIMPLIFY);
        fx(() -> {
            simplify.textField().setText(TEXT);
            simplify.positionBox().getEditor().setText("6");
            simplify.run();
            return null;
        });
        waitUntil(() -> simplify.running() == null && simplify.replay() != null, 120);
        fx(() -> {
            simplify.keepSpinner().getValueFactory().setValue(80);
            simplify.prune();
            return null;
        });
        waitUntil(() -> simplify.running() == null && !simplify.prunedLabel().getText().isEmpty(), 60);
        fx(() -> {
            simplify.view().slider().setValue(simplify.replay().steps() / 2);
            return null;
        });
        snap(shell, out.resolve("screenshot-simplify.png"));

        NoisePane noise = (NoisePane) show(shell, Panes.NOISE);
        fx(() -> {
            noise.textField().setText(TEXT);
            noise.positionBox().getEditor().setText("6");
            noise.run();
            return null;
        });
        waitUntil(() -> noise.running() == null && noise.result() != null, 120);
        snap(shell, out.resolve("screenshot-noise.png"));

        AblationPane ablation = (AblationPane) show(shell, Panes.ABLATION);
        fx(() -> {
            ablation.textField().setText(TEXT);
            ablation.neuronsField().setText(neuron + ", L3N200");
            ablation.run();
            return null;
        });
        waitUntil(() -> ablation.running() == null && ablation.result() != null, 120);
        snap(shell, out.resolve("screenshot-ablation.png"));

        DlaPane dla = (DlaPane) show(shell, Panes.DLA);
        fx(() -> {
            dla.runNeuron();
            dla.tokenField().setText("cat");
            dla.runToken();
            return null;
        });
        waitUntil(() -> dla.running() == null && !dla.pushUpTable().getItems().isEmpty(), 120);
        snap(shell, out.resolve("screenshot-dla.png"));

        OptimisePane optimise = (OptimisePane) show(shell, Panes.OPTIMISE);
        fx(() -> {
            optimise.lengthSpinner().getValueFactory().setValue(5);
            optimise.outputsSpinner().getValueFactory().setValue(4);
            optimise.stepsSpinner().getValueFactory().setValue(40);
            optimise.run();
            return null;
        });
        Thread.sleep(1500);
        snap(shell, out.resolve("screenshot-optimise-running.png"));
        waitUntil(() -> optimise.running() == null && optimise.result() != null, 600);
        snap(shell, out.resolve("screenshot-optimise.png"));

        fx(() -> {
            shell.close();
            return null;
        });
        Platform.exit();
        System.exit(0);
    }

    /** The layer-3 neuron highest at token {@code index} of the example ("mats"), so the replay has a story. */
    private static MlpNeuron firingAt(ModelRunner m, int index) {
        HookName h = HookName.mlpPost(3);
        float[][] acts = m.runWithCache(List.of(m.tokenize(TEXT)), h::equals).rows(h, 0);
        int best = 0;
        for (int n = 1; n < acts[index].length; n++) {
            if (acts[index][n] > acts[index][best]) {
                best = n;
            }
        }
        return new MlpNeuron(3, best);
    }

    private static Object show(WorkbenchShell shell, String id) throws Exception {
        return fx(() -> {
            shell.select(id);
            return shell.pane(id);
        });
    }

    private static void snap(WorkbenchShell shell, Path file) throws Exception {
        Thread.sleep(700); // let charts and tables finish their layout pass
        ScreenshotWindow.snap(shell, file);
    }
}
