package org.neuronworkbench.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.neuronworkbench.ui.UiTestSupport.onFx;
import static org.neuronworkbench.ui.UiTestSupport.waitFor;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuronworkbench.model.ForwardThreads;
import org.neuronworkbench.model.MlpNeuron;
import org.neuronworkbench.model.ModelRunner;
import org.neuronworkbench.ui.UiTestSupport;
import org.neuronworkbench.ui.common.LatencyRecorder;
import org.neuronworkbench.ui.hypothesis.HypothesisPane;
import org.neuronworkbench.ui.shell.Panes;
import org.neuronworkbench.ui.shell.WorkbenchShell;
import org.testfx.api.FxRobot;

/**
 * {@code bench hypothesis}: keystroke to recoloured tokens in the real (headless) editor, typing a
 * line that ends at 64 tokens one character at a time, each after the previous one is shown.
 * Latency is measured inside the app (text change to the next layout pulse after the new colours),
 * idle, beside one busy process and beside four (a machine loaded like a build of this project), for both thread policies of {@link ForwardThreads} in the same run. Run with {@code mvn -Pbench test -Dtest=HypothesisLatencyBenchmark}.
 */
@Tag("bench")
class HypothesisLatencyBenchmark {
    private static final String WORDS = "the neuron fires on plural nouns after a determiner but stays quiet on verbs "
            + "and adjectives while punctuation such as commas, colons and full stops gets weak negative values "
            + "that the researcher can hover to read exactly";

    @BeforeAll
    static void toolkit() throws Exception {
        UiTestSupport.startToolkit();
    }

    @Test
    void keystrokeToRecolour(@TempDir Path dir) throws Exception {
        ModelRunner reference = UiTestSupport.referenceModel();
        // The second half of the line is typed key by key (the first is pasted), in each of four
        // phases: both thread policies, idle and beside one busy core, interleaved per policy.
        // Each phase types another line (the editor caches lines it has seen).
        int phaseNo = 0;
        WorkbenchShell shell = UiTestSupport.openShell(dir.resolve("workspace.json"));
        int threshold = ForwardThreads.smallForwardTokens();
        try {
            waitFor(120, "the model", () -> shell.context().model() != null);
            // The top layer: the partial forward cannot skip anything, so this is the worst case.
            HypothesisPane pane = onFx(() -> {
                shell.context().selectedNeuronProperty().set(new MlpNeuron(5, 100));
                return (HypothesisPane) shell.pane(Panes.HYPOTHESIS);
            });
            FxRobot robot = new FxRobot();
            robot.clickOn(pane.editor());
            LatencyRecorder layout = shell.context().metrics().recorder(HypothesisPane.KEY_TO_LAYOUT);
            type(robot, "warm up the model and the layout code first.", layout);
            System.out.printf("bench hypothesis (MiniLM, neuron L5N100, lines of 64 tokens, second half typed; load average %s)%n",
                    loadAverage());
            // -Dbench.busy=0 measures idle only (the default is idle, one and four busy processes).
            int[] loads = Arrays.stream(System.getProperty("bench.busy", "0,1,4").split(","))
                    .mapToInt(x -> Integer.parseInt(x.strip())).toArray();
            for (int busy : loads) {
                List<Process> spinners = new ArrayList<>();
                for (int i = 0; i < busy; i++) {
                    spinners.add(busyCore());
                }
                try {
                    // Two lines per load, the policies alternating key by key, so drift in the
                    // machine's load hits both alike.
                    for (int rep = 0; rep < 2; rep++) {
                        String line = sixtyFourTokenLine(reference, ++phaseNo * 7);
                        phase(shell, pane, robot, line, line.length() / 2, threshold,
                                busy == 0 ? "idle" : busy + " busy process" + (busy == 1 ? "" : "es"));
                    }
                } finally {
                    for (Process p : spinners) {
                        p.destroyForcibly().waitFor();
                    }
                }
            }
        } finally {
            ForwardThreads.smallForwardTokens(threshold);
            ModelRunner.ortSmallForwards(true);
            UiTestSupport.closeShell(shell);
        }
    }

    private static void phase(WorkbenchShell shell, HypothesisPane pane, FxRobot robot, String line, int typedFrom,
                              int threshold, String label) throws Exception {
        onFx(() -> {
            pane.editor().setText(line.substring(0, typedFrom));
            pane.editor().positionCaret(typedFrom);
            return null;
        });
        Thread.sleep(1500);
        shell.context().metrics().all().forEach(LatencyRecorder::clear);
        LatencyRecorder layout = shell.context().metrics().recorder(HypothesisPane.KEY_TO_LAYOUT);
        // Per policy: keystroke -> laid out, then where the time goes (the same keystrokes' stages).
        String[] stages = {HypothesisPane.KEY_TO_LAYOUT, HypothesisPane.FORWARD, HypothesisPane.RENDER,
            HypothesisPane.KEY_TO_NODES};
        // libtorch on every thread, libtorch on one (the policy before ONNX Runtime), ONNX Runtime (the app's).
        String[] policies = {"libtorch, all threads", "libtorch, one thread", "ONNX Runtime"};
        List<List<List<Double>>> seen = new ArrayList<>();
        for (int p = 0; p < policies.length; p++) {
            seen.add(new ArrayList<>());
            for (int s = 0; s < stages.length; s++) {
                seen.get(p).add(new ArrayList<>());
            }
        }
        String typed = line.substring(typedFrom);
        for (int i = 0; i < typed.length(); i++) {
            int p = i % policies.length;
            // A threshold of 0 makes every forward "large": all libtorch threads, and no ONNX Runtime.
            ForwardThreads.smallForwardTokens(p == 0 ? 0 : threshold);
            ModelRunner.ortSmallForwards(p == 2);
            int[] stageBefore = new int[stages.length];
            for (int s = 0; s < stages.length; s++) {
                stageBefore[s] = shell.context().metrics().recorder(stages[s]).values().length;
            }
            typeOne(robot, typed.charAt(i), layout);
            for (int s = 0; s < stages.length; s++) {
                double[] sv = shell.context().metrics().recorder(stages[s]).values();
                for (int k = stageBefore[s]; k < sv.length; k++) {
                    seen.get(p).get(s).add(sv[k]);
                }
            }
        }
        ForwardThreads.smallForwardTokens(threshold);
        ModelRunner.ortSmallForwards(true);
        for (int p = 0; p < policies.length; p++) {
            for (int s = 0; s < stages.length; s++) {
                double[] v = seen.get(p).get(s).stream().mapToDouble(Double::doubleValue).toArray();
                System.out.printf("  %-16s %-22s %-28s median %6.1f ms  p95 %6.1f ms  max %6.1f ms (%d, load %s)%n",
                        s == 0 ? label : "", s == 0 ? policies[p] : "", stages[s], Timing.median(v),
                        Timing.percentile(v, 95), Arrays.stream(v).max().orElse(0), v.length, s == 0 ? loadAverage() : "");
            }
            assertTrue(seen.get(p).get(0).size() >= typed.length() / 6, "most keystrokes measured: " + seen.get(p).get(0).size());
        }
    }

    /** A competing load: one process spinning (one core's worth). */
    private static Process busyCore() throws Exception {
        Process p = new ProcessBuilder("sh", "-c", "while :; do :; done").redirectErrorStream(true).start();
        Thread.sleep(500);
        return p;
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (Exception e) {
            return "unknown";
        }
    }

    /** Types one character at a time, each after the previous keystroke's colours are laid out. */
    private static void type(FxRobot robot, String text, LatencyRecorder layout) throws InterruptedException {
        for (char c : text.toCharArray()) {
            typeOne(robot, c, layout);
        }
    }

    private static void typeOne(FxRobot robot, char c, LatencyRecorder layout) throws InterruptedException {
        long before = layout.count();
        robot.write(c);
        long deadline = System.nanoTime() + 10_000_000_000L;
        // A cheap poll (a count, not stats, which sort up to 2,000 values): the benchmark must not
        // itself be the competing load that it measures.
        while (layout.count() == before && System.nanoTime() < deadline) {
            Thread.sleep(2);
        }
        Thread.sleep(120); // a human-like gap between keys (fast typing is 5-8 keys a second)
    }

    private static String sixtyFourTokenLine(ModelRunner runner, int firstWord) {
        String[] words = WORDS.split(" ");
        StringBuilder sb = new StringBuilder();
        for (int i = firstWord; runner.tokenize(sb.length() == 0 ? "x" : sb.toString()).length() < 64; i++) {
            sb.append(sb.length() == 0 ? "" : " ").append(words[i % words.length]);
        }
        return sb.toString();
    }
}
