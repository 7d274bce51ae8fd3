package org.neuronworkbench.ui.neurons;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.neuronworkbench.ui.neurons.FxTesting.fx;
import static org.neuronworkbench.ui.neurons.FxTesting.fxRun;
import static org.neuronworkbench.ui.neurons.FxTesting.waitFx;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.concurrent.Task;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.neuronworkbench.analysis.explain.ExplainNeuron;
import org.neuronworkbench.analysis.explain.ExplanationStore;
import org.neuronworkbench.analysis.explain.Explanation;
import org.neuronworkbench.analysis.explain.LocalChatServer;
import org.neuronworkbench.analysis.explain.NearestWords;
import org.neuronworkbench.analysis.explain.NeuronExplanation;
import org.neuronworkbench.analysis.explain.SentenceEncoder;
import org.neuronworkbench.analysis.explain.StoredExplanation;
import org.neuronworkbench.analysis.explain.Substitutions;
import org.neuronworkbench.index.CorpusIndex;
import org.neuronworkbench.index.NeuronSummary;
import org.neuronworkbench.model.MlpNeuron;
import org.neuronworkbench.ui.common.WorkbenchContext;
import org.neuronworkbench.work.Cancel;
import org.neuronworkbench.work.Progress;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The Explain actions of the neuron page on a real index with the real model: one neuron (what the
 * page shows is what the method returned, and what explaining it again gives), a layer run that
 * fills the table as neurons finish, cancel, resume, and a free FX thread throughout.
 */
@ExtendWith(ApplicationExtension.class)
class NeuronExplainPaneTest {
    @org.junit.jupiter.api.io.TempDir
    static Path tmp;
    static Path dir;

    private WorkbenchContext ctx;
    private NeuronBrowserPane pane;

    @BeforeAll
    static void copyIndex() throws Exception {
        dir = TestIndex.copyWithoutExplanations(tmp.resolve("idx"));
    }

    @Start
    void start(Stage stage) throws Exception {
        ctx = FxTesting.context(Files.createTempDirectory(tmp, "ws"));
        ctx.modelProperty().set(TestIndex.runner());
        pane = new NeuronBrowserPane(ctx);
        stage.setScene(new Scene(pane, 1280, 800));
        stage.show();
        ctx.openIndex().open(dir, true);
    }

    @AfterEach
    void stop() {
        fxRun(() -> pane.explainer().cancel());
        ctx.tasks().close();
    }

    private void show(MlpNeuron n) {
        waitFx(60, () -> ctx.openIndex().current() != null && pane.table().table().getItems().size() > 0);
        fxRun(() -> pane.model().show(n));
        waitFx(60, () -> n.equals(pane.pageView().shown()));
    }

    /** Round trips of Platform.runLater every 20 ms while the task runs, slowest first. */
    private static double[] pulsesWhile(Task<?> task) throws InterruptedException {
        return pulsesUntil(task::isDone, 600);
    }

    /** As {@link #pulsesWhile}, until the condition (read on the FX thread) holds, at most {@code seconds}. */
    private static double[] pulsesUntil(java.util.concurrent.Callable<Boolean> done, int seconds) throws InterruptedException {
        List<Double> ms = new ArrayList<>();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        while (!fx(done)) {
            assertTrue(System.nanoTime() < end, "not done within " + seconds + " s");
            CountDownLatch answered = new CountDownLatch(1);
            long t0 = System.nanoTime();
            Platform.runLater(answered::countDown);
            assertTrue(answered.await(10, TimeUnit.SECONDS), "the FX thread did not answer");
            ms.add((System.nanoTime() - t0) / 1e6);
            Thread.sleep(20);
        }
        return ms.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    }

    @Test
    void explainShowsWhatTheMethodReturnedStoresItAndLeavesTheFxThreadFree(FxRobot robot) throws Exception {
        MlpNeuron n = new MlpNeuron(2, 7);
        show(n);
        robot.clickOn(pane.explainBar().explainButton());
        waitFx(10, () -> pane.explainer().taskProperty().get() != null);
        Task<?> task = fx(() -> pane.explainer().taskProperty().get());
        assertTrue(fx(() -> pane.explainBar().explainButton().isDisabled()), "one explain task at a time");
        double[] pulses = pulsesWhile(task);
        waitFx(10, () -> !pane.explainer().runningProperty().get());
        NeuronExplanation x = fx(() -> pane.explainer().lastProperty().get());
        assertNotNull(x, fx(() -> pane.explainer().statusProperty().get()));
        assertFalse(x.cancelled());
        assertNotNull(x.substitutions(), "the loaded model ran the substitutions");
        assertNotNull(x.coherence());

        // Shown: what the method returned.
        waitFx(10, () -> pane.pageView().explanationView().textLabel().getText().startsWith(x.explanation().text()));
        assertEquals(x.explanation().text() + String.format(Locale.ROOT, "    score %.2f", x.score()),
                fx(() -> pane.pageView().explanationView().textLabel().getText()));
        assertTrue(fx(() -> pane.pageView().explanationView().detailsLabel().getText()).contains(
                String.format(Locale.ROOT, "coherence of the max tokens %.2f", x.coherence().value())));
        List<Substitutions.Row> rows = x.substitutions().rows().stream().filter(r -> !"self".equals(r.source())).toList();
        assertFalse(rows.isEmpty());
        List<Label> cells = fx(() -> pane.pageView().explanationView().substitutionTable().getChildren().stream()
                .map(Label.class::cast).toList());
        int shown = Math.min(ExplanationView.MAX_ROWS, rows.size());
        assertEquals((shown + 1) * 7, cells.size());
        for (int i = 0; i < shown; i++) {
            assertEquals(rows.get(i).substitute(), cells.get((i + 1) * 7 + 2).getText());
            assertEquals(NeuronPageView.f(rows.get(i).activation()), cells.get((i + 1) * 7 + 4).getText());
        }
        assertTrue(fx(() -> pane.pageView().explanationView().textLabel().getText()).length() > 0);
        String score = fx(() -> {
            NeuronSummary row = pane.table().table().getItems().stream()
                    .filter(s -> s.layer() == n.layer() && s.neuron() == n.index()).findFirst().orElseThrow();
            TableColumn<?, ?> c = pane.table().table().getColumns().stream().filter(col -> "score".equals(col.getId()))
                    .findFirst().orElseThrow();
            return String.valueOf(c.getCellData(pane.table().table().getItems().indexOf(row)));
        });
        assertEquals(String.valueOf(x.score()), score, "the table's score column");

        // Stored as the command stores it.
        StoredExplanation stored = ExplanationStore.open(dir).get(n);
        assertNotNull(stored);
        assertEquals(x.explanation().text(), stored.text());
        assertEquals(x.score(), stored.score(), 0.0);
        assertEquals(x.substitutions().rows(), stored.substitutions());

        // The method run again on its own gives the same (substitutions up to float noise between batch shapes).
        CorpusIndex idx = ctx.openIndex().current().index();
        SentenceEncoder enc = new SentenceEncoder(TestIndex.runner());
        NeuronExplanation again = ExplainNeuron.run(new ExplainNeuron.Request(idx, n, TestIndex.runner(), enc,
                new NearestWords(enc), null), Progress.NONE, Cancel.NEVER);
        assertEquals(again.explanation().text(), x.explanation().text());
        assertEquals(again.score(), x.score(), 1e-12);
        assertEquals(again.coherence().value(), x.coherence().value(), 1e-5);
        assertEquals(again.substitutions().rows().size(), x.substitutions().rows().size());
        for (int i = 0; i < rows.size(); i++) {
            assertEquals(again.substitutions().rows().get(i).activation(), x.substitutions().rows().get(i).activation(), 1e-4);
        }
        System.out.printf("explain %s: %d FX round trips, median %.1f ms, slowest %.1f ms%n", n, pulses.length,
                pulses[pulses.length / 2], pulses[pulses.length - 1]);
        assertTrue(pulses.length >= 5 && pulses[pulses.length - 1] < 500, Arrays.toString(pulses));
    }

    @Test
    void aLayerRunFillsTheTableAsNeuronsFinishCancelStopsItAndResumeSkipsWhatIsStored() throws Exception {
        show(new MlpNeuron(1, 0));
        Task<?> first = fx(() -> pane.explainer().explainLayer(1, true));
        assertNotNull(first, fx(() -> pane.explainer().statusProperty().get()));
        // The table's columns fill while the run goes on, and the FX thread stays free.
        double[] pulses = pulsesUntil(() -> pane.model().explanationsProperty().get().size() >= 16, 600);
        System.out.printf("layer run: %d FX round trips, median %.1f ms, slowest %.1f ms%n", pulses.length,
                pulses[pulses.length / 2], pulses[pulses.length - 1]);
        assertTrue(pulses.length >= 5 && pulses[pulses.length - 1] < 500, Arrays.toString(pulses));
        assertFalse(first.isDone(), "explanations arrive before the layer is done");
        assertTrue(fx(() -> pane.table().table().getItems().stream().filter(s -> s.layer() == 1)
                .anyMatch(s -> pane.model().explanation(NeuronTableView.id(s)) != null)));
        fxRun(() -> pane.explainBar().cancelButton().fire());
        waitFx(10, () -> first.isDone() && !pane.explainer().runningProperty().get());
        // Cancel stops the work: the model thread is free again within one pack of neurons.
        long t0 = System.nanoTime();
        assertEquals("free", ctx.tasks().submitModel(() -> "free").get(120, TimeUnit.SECONDS));
        System.out.printf("model thread free %.1f s after the cancel%n", (System.nanoTime() - t0) / 1e9);
        Thread.sleep(500); // the last explanations handed over reach the FX thread
        Map<MlpNeuron, Instant> afterFirst = times();
        assertTrue(afterFirst.size() >= 16, "stored " + afterFirst.size());
        assertEquals(afterFirst.keySet(), fx(() -> pane.model().explanationsProperty().get().keySet()),
                "the table shows exactly what is stored");
        Thread.sleep(1000);
        assertEquals(afterFirst, times(), "nothing more is stored after the cancel");

        // Resume: explained neurons are skipped (their stored time does not change), new ones follow.
        Task<?> second = fx(() -> pane.explainer().explainLayer(1, true));
        waitFx(300, () -> pane.model().explanationsProperty().get().size() >= afterFirst.size() + 16);
        fxRun(() -> pane.explainer().cancel());
        waitFx(10, () -> second.isDone());
        assertEquals("free", ctx.tasks().submitModel(() -> "free").get(120, TimeUnit.SECONDS));
        Map<MlpNeuron, Instant> afterSecond = times();
        for (Map.Entry<MlpNeuron, Instant> e : afterFirst.entrySet()) {
            assertEquals(e.getValue(), afterSecond.get(e.getKey()), e.getKey() + " was not explained again");
        }
        assertTrue(afterSecond.size() >= afterFirst.size() + 16);
    }

    @Test
    void withoutTheIndexModelOrOnADeadNeuronExplainSaysWhy(FxRobot robot) {
        show(new MlpNeuron(0, 1));
        fxRun(() -> ctx.modelProperty().set(null));
        robot.clickOn(pane.explainBar().explainButton());
        assertEquals("No model is loaded: load the index's model (default) in the Model pane.",
                fx(() -> pane.explainer().statusProperty().get()));
        assertEquals(null, fx(() -> pane.explainer().taskProperty().get()));
        assertEquals(null, fx(() -> pane.explainer().explainLayer(0, true)));

        // A model other than the index's.
        org.neuronworkbench.model.ModelRunner other = org.neuronworkbench.model.ModelLoader.load(
                org.neuronworkbench.model.Fixtures.dir(org.neuronworkbench.model.Fixtures.GPT2).toString());
        try {
            fxRun(() -> ctx.modelProperty().set(other));
            robot.clickOn(pane.explainBar().explainButton());
            assertEquals("The open index was built with default, not the loaded model " + other.source() + ": load default"
                    + " to explain its neurons.", fx(() -> pane.explainer().statusProperty().get()));
            assertEquals(null, fx(() -> pane.explainer().taskProperty().get()));
        } finally {
            fxRun(() -> ctx.modelProperty().set(TestIndex.runner()));
            other.close();
        }

        // A dead neuron: the method's refusal is the status line.
        CorpusIndex idx = ctx.openIndex().current().index();
        MlpNeuron dead = null;
        for (int l = 0; l < idx.info().layers() && dead == null; l++) {
            for (int i = 0; i < idx.info().dMlp() && dead == null; i++) {
                dead = idx.isDead(l, i) ? new MlpNeuron(l, i) : null;
            }
        }
        assertNotNull(dead, "the 60-sentence index has a dead neuron");
        show(dead);
        Task<NeuronExplanation> t = fx(() -> pane.explainer().explainShown());
        waitFx(60, () -> t.isDone() && !pane.explainer().runningProperty().get());
        assertEquals("Explain " + dead + " failed: " + dead + " is dead in this index (it never fires noticeably on its corpus):"
                + " there is nothing to explain", fx(() -> pane.explainer().statusProperty().get()));
    }

    @Test
    void anLlmIsAskedOnlyWhenTheWorkspaceConfiguresOneAndItsFailureKeepsTheOfflineExplanation() throws Exception {
        MlpNeuron n = new MlpNeuron(2, 9);
        show(n);
        try (LocalChatServer server = new LocalChatServer()) {
            // Explains every neuron as "the word sky"; a simulation request gets a reply the simulator refuses.
            server.on("/good/", (ex, call) -> LocalChatServer.send(ex, 200, LocalChatServer.answer(
                    server.bodies.get(server.bodies.size() - 1).contains("Tokens:") ? "[0]" : "The word sky")));
            server.on("/broken/", (ex, call) -> LocalChatServer.send(ex, 500, "{\"error\":\"down\"}"));
            fxRun(() -> {
                ctx.workspace().llmUrl = server.url("/good/v1");
                ctx.workspace().llmModel = "stand-in";
            });
            NeuronExplanation x = explainAndWait();
            assertEquals(Explanation.Method.LLM, x.explanation().method(), x.warnings().toString());
            assertEquals("The word sky", x.explanation().text());
            assertTrue(fx(() -> pane.pageView().explanationView().detailsLabel().getText()).startsWith(
                    "by stand-in at " + server.url("/good/v1/chat/completions")));
            assertEquals(server.url("/good/v1/chat/completions"), ExplanationStore.open(dir).get(n).endpoint());

            fxRun(() -> ctx.workspace().llmUrl = server.url("/broken/v1"));
            NeuronExplanation offline = explainAndWait();
            assertEquals(Explanation.Method.OFFLINE, offline.explanation().method());
            assertTrue(fx(() -> pane.explainer().statusProperty().get()).contains("keeping the offline explanation"),
                    fx(() -> pane.explainer().statusProperty().get()));
            assertEquals(null, ExplanationStore.open(dir).get(n).endpoint());
        }
        fxRun(() -> ctx.workspace().llmUrl = "not-a-url");
        Task<NeuronExplanation> t = fx(() -> pane.explainer().explainShown());
        waitFx(60, () -> t.isDone() && !pane.explainer().runningProperty().get());
        assertEquals("Explain " + n + " failed: the LLM endpoint URL 'not-a-url' is malformed: give an http:// or https://"
                + " URL with a host, e.g. http://127.0.0.1:8080/v1", fx(() -> pane.explainer().statusProperty().get()));
        fxRun(() -> ctx.workspace().llmUrl = "");
    }

    private NeuronExplanation explainAndWait() {
        fxRun(() -> pane.explainer().lastProperty().set(null));
        Task<NeuronExplanation> t = fx(() -> pane.explainer().explainShown());
        assertNotNull(t, fx(() -> pane.explainer().statusProperty().get()));
        try {
            waitFx(300, () -> t.isDone() && !pane.explainer().runningProperty().get());
        } catch (AssertionError stuck) {
            throw new AssertionError(stuck.getMessage() + ": " + whereItIs(t), stuck);
        }
        NeuronExplanation x = fx(() -> pane.explainer().lastProperty().get());
        assertNotNull(x, fx(() -> pane.explainer().statusProperty().get()));
        return x;
    }

    private static Map<MlpNeuron, Instant> times() {
        Map<MlpNeuron, Instant> m = new HashMap<>();
        ExplanationStore.open(dir).all().forEach(x -> m.put(x.neuron(), x.time()));
        return m;
    }

    /** For a task that does not end: its state, the status line and what the model thread is doing. */
    private String whereItIs(Task<?> t) {
        StringBuilder sb = new StringBuilder("task ").append(fx(t::getState)).append(", running ")
                .append(fx(() -> pane.explainer().runningProperty().get())).append(", status '")
                .append(fx(() -> pane.explainer().statusProperty().get())).append("'");
        Thread.getAllStackTraces().forEach((thread, stack) -> {
            if (thread.getName().startsWith("workbench-model-")) {
                sb.append("\n").append(thread.getName()).append(':');
                for (StackTraceElement e : stack) {
                    sb.append("\n    at ").append(e);
                }
            }
        });
        return sb.toString();
    }
}
