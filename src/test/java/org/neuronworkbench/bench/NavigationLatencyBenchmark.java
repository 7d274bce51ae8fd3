package org.neuronworkbench.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.neuronworkbench.ui.UiTestSupport.onFx;
import static org.neuronworkbench.ui.UiTestSupport.waitFor;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import javafx.event.ActionEvent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuronworkbench.corpus.WindowOptions;
import org.neuronworkbench.index.IndexBuilder;
import org.neuronworkbench.index.IndexOptions;
import org.neuronworkbench.model.MlpNeuron;
import org.neuronworkbench.ui.UiTestSupport;
import org.neuronworkbench.ui.common.LatencyRecorder;
import org.neuronworkbench.ui.hypothesis.HypothesisPane;
import org.neuronworkbench.ui.neurons.NeuronBrowserPane;
import org.neuronworkbench.ui.shell.Panes;
import org.neuronworkbench.ui.shell.WorkbenchShell;
import org.neuronworkbench.work.Cancel;
import org.neuronworkbench.work.Progress;

/**
 * {@code bench navigation}: in the real (headless) app with an index of the sample sentences open,
 * (1) "Go" to a neuron in the Neurons pane until its page is laid out, and (2) another neuron
 * selected while the Hypothesis pane shows three lines, until their colours are laid out; idle,
 * beside one busy process and beside four. Neurons are drawn at random over all layers (fixed
 * seed). Run with {@code mvn -Pbench test -Dtest=NavigationLatencyBenchmark}.
 */
@Tag("bench")
class NavigationLatencyBenchmark {
    private static final int MOVES = Integer.getInteger("bench.moves", 30);

    @BeforeAll
    static void toolkit() throws Exception {
        UiTestSupport.startToolkit();
    }

    @Test
    void goToNeuronAndChangeNeuron(@TempDir Path dir) throws Exception {
        WorkbenchShell shell = UiTestSupport.openShell(dir.resolve("workspace.json"));
        try {
            waitFor(120, "the model", () -> shell.context().model() != null);
            Path index = dir.resolve("index");
            new IndexBuilder(IndexOptions.defaults().withWindow(WindowOptions.sentences(64)))
                    .build(shell.context().model(), "sample-data/sentences.txt", index, Progress.NONE, Cancel.NEVER);
            onFx(() -> {
                shell.context().openIndex().open(index, false);
                return null;
            });
            NeuronBrowserPane neurons = onFx(() -> (NeuronBrowserPane) shell.pane(Panes.NEURONS));
            HypothesisPane hypothesis = onFx(() -> (HypothesisPane) shell.pane(Panes.HYPOTHESIS));
            waitFor(60, "the first page", () -> neurons.model().pageProperty().get() != null);
            int layers = shell.context().model().config().layers();
            int dMlp = shell.context().model().config().dMlp();
            Random random = new Random(7);
            System.out.printf("bench navigation (MiniLM, index of %d sample sentences, %d moves per load; load average %s)%n",
                    Files.readAllLines(Path.of("sample-data/sentences.txt")).size(), MOVES, loadAverage());
            int[] loads = Arrays.stream(System.getProperty("bench.busy", "0,1,4").split(","))
                    .mapToInt(x -> Integer.parseInt(x.strip())).toArray();
            for (int busy : loads) {
                List<Process> spinners = new ArrayList<>();
                for (int i = 0; i < busy; i++) {
                    spinners.add(new ProcessBuilder("sh", "-c", "while :; do :; done").start());
                }
                Thread.sleep(500);
                String label = busy == 0 ? "idle" : busy + " busy process" + (busy == 1 ? "" : "es");
                try {
                    onFx(() -> {
                        shell.select(Panes.NEURONS);
                        return null;
                    });
                    LatencyRecorder page = shell.context().metrics().recorder(NeuronBrowserPane.NEURON_TO_PAGE);
                    double[] go = moves(page, random, layers, dMlp, n -> onFx(() -> {
                        neurons.goField().setText(n.toString());
                        neurons.goField().fireEvent(new ActionEvent());
                        return null;
                    }));
                    report(label, "Go → neuron page laid out", go);

                    onFx(() -> {
                        hypothesis.editor().setText("The cat sat on the mat.\nParis is the capital of France.\n"
                                + "She counted 12, 13 and 14 before the bell rang.");
                        shell.select(Panes.HYPOTHESIS);
                        return null;
                    });
                    Thread.sleep(1000);
                    LatencyRecorder colours = shell.context().metrics().recorder(HypothesisPane.NEURON_TO_LAYOUT);
                    double[] change = moves(colours, random, layers, dMlp, n -> onFx(() -> {
                        shell.context().selectedNeuronProperty().set(n);
                        return null;
                    }));
                    report(label, "other neuron → colours laid out", change);
                } finally {
                    for (Process p : spinners) {
                        p.destroyForcibly().waitFor();
                    }
                }
            }
        } finally {
            UiTestSupport.closeShell(shell);
        }
    }

    private interface Move {
        void to(MlpNeuron n) throws Exception;
    }

    /** {@code MOVES} random neurons, each after the previous one is laid out; the recorded latencies. */
    private static double[] moves(LatencyRecorder recorder, Random random, int layers, int dMlp, Move move) throws Exception {
        recorder.clear();
        for (int i = 0; i < MOVES; i++) {
            long before = recorder.count();
            move.to(new MlpNeuron(random.nextInt(layers), random.nextInt(dMlp)));
            long deadline = System.nanoTime() + 20_000_000_000L;
            while (recorder.count() == before && System.nanoTime() < deadline) {
                Thread.sleep(1);
            }
            Thread.sleep(100); // a researcher reads before moving on
        }
        double[] v = recorder.values();
        assertTrue(v.length >= MOVES * 3 / 4, "most moves measured: " + v.length);
        return v;
    }

    private static void report(String load, String what, double[] v) {
        System.out.printf("  %-18s %-34s median %7.1f ms  p95 %7.1f ms  max %7.1f ms (%d moves, load %s)%n",
                load, what, Timing.median(v), Timing.percentile(v, 95), Arrays.stream(v).max().orElse(0), v.length,
                loadAverage());
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (Exception e) {
            return "unknown";
        }
    }
}
