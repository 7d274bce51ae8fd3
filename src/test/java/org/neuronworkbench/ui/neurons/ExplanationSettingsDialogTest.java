package org.neuronworkbench.ui.neurons;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.neuronworkbench.ui.neurons.FxTesting.fx;
import static org.neuronworkbench.ui.neurons.FxTesting.fxRun;
import static org.neuronworkbench.ui.neurons.FxTesting.waitFx;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javafx.concurrent.Task;
import javafx.scene.Scene;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.neuronworkbench.analysis.explain.Explanation;
import org.neuronworkbench.analysis.explain.ExplanationStore;
import org.neuronworkbench.analysis.explain.LocalChatServer;
import org.neuronworkbench.analysis.explain.NeuronExplanation;
import org.neuronworkbench.model.MlpNeuron;
import org.neuronworkbench.ui.common.WorkbenchContext;
import org.neuronworkbench.ui.common.Workspace;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The Explanation settings dialog on a real headless stage against a real local HTTP server:
 * typed settings are checked by the command's parser, Test goes to the server off the FX thread
 * and shows its answer or the client's message, OK writes the workspace file and Explain then asks
 * the server. The API key comes from the app's environment (the context's lookup: a JVM cannot set
 * its own variables) and is found in no output, no file written and no text the dialog shows.
 */
@ExtendWith(ApplicationExtension.class)
class ExplanationSettingsDialogTest {
    static final String KEY_VAR = "NW_DIALOG_TEST_KEY";
    static final String KEY = "sk-dialogleak-7c19e0b4a2f35d";

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
        ctx = FxTesting.context(Files.createTempDirectory(tmp, "ws"), name -> KEY_VAR.equals(name) ? KEY : null);
        ctx.modelProperty().set(TestIndex.runner());
        pane = new NeuronBrowserPane(ctx);
        stage.setScene(new Scene(pane, 1280, 800));
        stage.show();
        ctx.openIndex().open(dir, true);
    }

    @AfterEach
    void stop() {
        fxRun(() -> {
            pane.explainer().cancel();
            settingsWindows().forEach(Window::hide);
        });
        ctx.tasks().close();
    }

    private static List<Window> settingsWindows() {
        return Window.getWindows().stream().filter(w -> w instanceof Stage s && "Explanation settings".equals(s.getTitle())
                && w.isShowing()).toList();
    }

    /** The chat server: "ready" to the dialog's Test, "[0]" to a simulation, "The word sky" to an explanation. */
    private static LocalChatServer.Behaviour chat(LocalChatServer server) {
        return (ex, call) -> {
            String body = server.bodies.get(server.bodies.size() - 1);
            LocalChatServer.send(ex, 200, LocalChatServer.answer(body.contains(ExplanationSettings.TEST_USER) ? "ready"
                    : body.contains("Tokens:") ? "[0]" : "The word sky"));
        };
    }

    @Test
    void settingsTypedInTheDialogAreTestedSavedAndUsedByExplainAndTheKeyIsWrittenNowhere(FxRobot robot) throws Exception {
        MlpNeuron n = new MlpNeuron(2, 9);
        waitFx(60, () -> ctx.openIndex().current() != null && pane.table().table().getItems().size() > 0);
        fxRun(() -> pane.model().show(n));
        waitFx(60, () -> n.equals(pane.pageView().shown()));
        assertEquals("Explains with offline rules", fx(() -> pane.explainBar().methodLabel().getText()));

        // Both ways in open the dialog: the bar's button and the shell's menu (through the context).
        robot.clickOn(pane.explainBar().settingsButton());
        waitFx(10, () -> settingsWindows().size() == 1);
        fxRun(() -> settingsWindows().forEach(Window::hide));
        fxRun(() -> ctx.openExplanationSettings());
        waitFx(10, () -> settingsWindows().size() == 1);
        fxRun(() -> settingsWindows().forEach(Window::hide));

        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream out = System.out;
        PrintStream err = System.err;
        System.setOut(new PrintStream(tee(out, captured), true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(tee(err, captured), true, StandardCharsets.UTF_8));
        ExplanationSettingsDialog d = fx(() -> pane.explainBar().openSettings());
        try (LocalChatServer server = new LocalChatServer()) {
            server.on("/good/", chat(server));
            assertTrue(fx(() -> d.offlineChoice().isSelected()));
            assertFalse(fx(() -> d.okButton().isDisabled()), "offline rules are always a valid choice");
            assertTrue(fx(() -> d.testButton().isDisabled()), "nothing to test offline");

            robot.clickOn(d.llmChoice());
            assertEquals("The LLM endpoint URL is empty.", fx(() -> d.problemLabel().getText()));
            assertTrue(fx(() -> d.okButton().isDisabled()));
            robot.clickOn(d.urlField()).write(server.url("/good/v1"));
            robot.clickOn(d.modelField()).write("stand-in");
            robot.clickOn(d.keyEnvField()).write(KEY_VAR);
            assertEquals("", fx(() -> d.problemLabel().getText()));
            assertEquals(KEY_VAR + " is set in the app's environment (its value is not shown).",
                    fx(() -> d.keyStatusLabel().getText()));
            assertFalse(fx(() -> d.okButton().isDisabled()));

            robot.clickOn(d.testButton());
            // Off the button before its tooltip opens: a tooltip window would take the next click under Monocle.
            robot.moveTo(d.modelField());
            waitFx(30, () -> d.settings().testStateProperty().get() != ExplanationSettings.TestState.RUNNING);
            String answered = fx(() -> d.testResultLabel().getText());
            assertEquals(ExplanationSettings.TestState.OK, fx(() -> d.settings().testStateProperty().get()), answered);
            assertTrue(answered.matches("stand-in answered in \\d+\\.\\d s: \u201cready\u201d"), answered);
            assertEquals(1, server.bodies.size(), "one request per Test");
            assertTrue(server.bodies.get(0).contains("\"model\":\"stand-in\""), server.bodies.get(0));
            assertEquals(List.of("Bearer " + KEY), server.authorizations, "the key went to the endpoint");

            clickOk(robot, d);
            Workspace saved = Workspace.load(ctx.workspaceFile());
            assertEquals(server.url("/good/v1"), saved.llmUrl);
            assertEquals("stand-in", saved.llmModel);
            assertEquals(KEY_VAR, saved.llmKeyEnv);
            assertEquals(60, saved.llmTimeoutSeconds);
            assertFalse(saved.llmOffline);
            assertEquals("Explains with LLM stand-in at 127.0.0.1:" + server.server.getAddress().getPort(),
                    fx(() -> pane.explainBar().methodLabel().getText()));
            assertEquals("Explain uses the LLM stand-in at " + server.url("/good/v1") + ", offline rules as fallback. Change it in"
                    + " Settings\u2026", fx(() -> pane.explainBar().methodLabel().getTooltip().getText()));

            // Explain now goes to the server.
            robot.clickOn(pane.explainBar().explainButton());
            waitFx(10, () -> pane.explainer().taskProperty().get() != null);
            Task<?> t = fx(() -> pane.explainer().taskProperty().get());
            waitFx(300, () -> t.isDone() && !pane.explainer().runningProperty().get());
            NeuronExplanation x = fx(() -> pane.explainer().lastProperty().get());
            assertNotNull(x, fx(() -> pane.explainer().statusProperty().get()));
            assertEquals(Explanation.Method.LLM, x.explanation().method(), x.warnings().toString());
            assertEquals("The word sky", x.explanation().text());
            assertEquals("llm", ExplanationStore.open(dir).get(n).method());
            assertTrue(server.bodies.size() >= 2 && server.bodies.stream().skip(1).anyMatch(b -> !b.contains("Tokens:")),
                    "the server saw the explain request: " + server.bodies.size());
            assertTrue(server.authorizations.stream().allMatch(("Bearer " + KEY)::equals));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }

        String shown = fx(() -> String.join("\n", d.testResultLabel().getText(), d.keyStatusLabel().getText(),
                d.problemLabel().getText(), pane.explainBar().statusLabel().getText(), pane.explainBar().methodLabel().getText(),
                pane.pageView().explanationView().detailsLabel().getText()));
        assertFalse(shown.contains(KEY), "key on screen: " + shown);
        assertFalse(captured.toString(StandardCharsets.UTF_8).contains(KEY), "key in stdout, stderr or the log");
        for (Path root : List.of(ctx.workspaceFile().getParent(), dir)) {
            try (Stream<Path> files = Files.walk(root)) {
                for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                    assertFalse(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1).contains(KEY), "key found in " + f);
                }
            }
        }
        assertTrue(Files.readString(ctx.workspaceFile()).contains(KEY_VAR), "the variable's NAME is what is stored");
    }

    @Test
    void aMalformedUrlAnEmptyModelAKeyInsteadOfItsNameOrABadTimeoutDisableOkAndSayWhy(FxRobot robot) throws Exception {
        ExplanationSettingsDialog d = fx(() -> pane.explainBar().openSettings());
        robot.clickOn(d.llmChoice());
        robot.clickOn(d.urlField()).write("htp:/nowhere");
        robot.clickOn(d.modelField()).write("m");
        assertEquals("The LLM endpoint URL 'htp:/nowhere' is malformed: give an http:// or https:// URL with a host,"
                + " e.g. http://127.0.0.1:8080/v1.", fx(() -> d.problemLabel().getText()));
        assertTrue(fx(() -> d.okButton().isDisabled()));
        assertTrue(fx(() -> d.testButton().isDisabled()));

        fxRun(() -> {
            d.urlField().setText("http://127.0.0.1:9/v1");
            d.modelField().setText("  ");
        });
        assertEquals("An LLM endpoint needs a model name (the name the server knows the model by).",
                fx(() -> d.problemLabel().getText()));
        assertTrue(fx(() -> d.okButton().isDisabled()));

        fxRun(() -> {
            d.modelField().setText("m");
            d.keyEnvField().setText("sk-live-0123456789");
        });
        String keyInstead = fx(() -> d.problemLabel().getText());
        assertTrue(keyInstead.startsWith("The API key variable is not an environment variable name"), keyInstead);
        assertFalse(keyInstead.contains("sk-live"), "what may be a key is not repeated: " + keyInstead);
        assertTrue(fx(() -> d.okButton().isDisabled()));

        fxRun(() -> {
            d.keyEnvField().setText("NW_SURELY_UNSET_VARIABLE");
            d.timeoutField().setText("0");
        });
        assertEquals("The timeout must be a whole number of seconds from 1 to 3600 (got '0').", fx(() -> d.problemLabel().getText()));
        fxRun(() -> d.timeoutField().setText("ten"));
        assertEquals("The timeout must be a whole number of seconds from 1 to 3600 (got 'ten').", fx(() -> d.problemLabel().getText()));
        fxRun(() -> d.timeoutField().setText("30"));
        assertEquals("", fx(() -> d.problemLabel().getText()));
        assertFalse(fx(() -> d.okButton().isDisabled()));
        assertEquals("NW_SURELY_UNSET_VARIABLE is not set in the app's environment: set it before starting the app, or requests"
                + " will be refused.", fx(() -> d.keyStatusLabel().getText()));

        // Offline again: OK is allowed whatever the fields hold, and a refused field is not written.
        fxRun(() -> d.keyEnvField().setText("sk-live-0123456789"));
        robot.clickOn(d.offlineChoice());
        assertEquals("", fx(() -> d.problemLabel().getText()));
        clickOk(robot, d);
        String file = Files.readString(ctx.workspaceFile());
        assertFalse(file.contains("sk-live"), file);
        assertTrue(Workspace.load(ctx.workspaceFile()).llmOffline);
        assertEquals("", Workspace.load(ctx.workspaceFile()).llmUrl);
        assertEquals("Explains with offline rules", fx(() -> pane.explainBar().methodLabel().getText()));
    }

    @Test
    void testShowsTheClientsMessageForEachWayAnEndpointFailsAndKeepsTheFxThreadFree(FxRobot robot) throws Exception {
        try (LocalChatServer server = new LocalChatServer()) {
            server.on("/broken/", (ex, call) -> LocalChatServer.send(ex, 500, "{\"error\":\"down\"}"));
            server.on("/notjson/", (ex, call) -> LocalChatServer.send(ex, 200, "<html>busy</html>"));
            server.on("/nochoices/", (ex, call) -> LocalChatServer.send(ex, 200, "{\"choices\":[]}"));
            server.on("/blank/", (ex, call) -> LocalChatServer.send(ex, 200, LocalChatServer.answer("  ")));
            server.on("/limited/", (ex, call) -> {
                ex.getResponseHeaders().add("Retry-After", "120");
                LocalChatServer.send(ex, 429, "{}");
            });
            server.on("/slow/", (ex, call) -> {
                Thread.sleep(4000);
                LocalChatServer.send(ex, 200, LocalChatServer.answer("late"));
            });
            ExplanationSettingsDialog d = fx(() -> pane.explainBar().openSettings());
            robot.clickOn(d.llmChoice());
            robot.clickOn(d.modelField()).write("m");
            String[][] cases = {
                {"/broken/v1", "answered HTTP 500: {\"error\":\"down\"}"},
                {"/notjson/v1", "sent a reply that is not JSON: <html>busy</html>"},
                {"/nochoices/v1", "sent a reply without choices: {\"choices\":[]}"},
                {"/blank/v1", "sent an empty answer"},
                {"/limited/v1", "is rate-limiting requests (HTTP 429, retry after 120 s)"},
            };
            for (String[] c : cases) {
                fxRun(() -> d.urlField().setText(server.url(c[0])));
                robot.clickOn(d.testButton());
                waitFx(30, () -> d.settings().testStateProperty().get() != ExplanationSettings.TestState.RUNNING);
                assertEquals(ExplanationSettings.TestState.FAILED, fx(() -> d.settings().testStateProperty().get()));
                assertEquals("LLM endpoint " + server.url(c[0]) + "/chat/completions " + c[1], fx(() -> d.testResultLabel().getText()));
            }

            // A slow endpoint: the window answers while the request waits, and the timeout is the client's message.
            fxRun(() -> {
                d.urlField().setText(server.url("/slow/v1"));
                d.timeoutField().setText("1");
            });
            robot.clickOn(d.testButton());
            assertEquals(ExplanationSettings.TestState.RUNNING, fx(() -> d.settings().testStateProperty().get()));
            assertTrue(fx(() -> d.testButton().isDisabled()), "one Test at a time");
            assertTrue(fx(() -> d.testResultLabel().getText()).startsWith("Sending one short request to " + server.url("/slow/v1")));
            waitFx(30, () -> d.settings().testStateProperty().get() != ExplanationSettings.TestState.RUNNING);
            assertEquals("LLM endpoint " + server.url("/slow/v1") + "/chat/completions did not answer within 1 s",
                    fx(() -> d.testResultLabel().getText()));

            // An edit makes a result stale: it is cleared, and a Test still running is dropped.
            fxRun(() -> d.timeoutField().setText("10"));
            robot.clickOn(d.testButton());
            fxRun(() -> d.modelField().setText("m2"));
            assertEquals(ExplanationSettings.TestState.NONE, fx(() -> d.settings().testStateProperty().get()));
            Thread.sleep(4500);
            assertEquals("", fx(() -> d.testResultLabel().getText()), "the dropped Test's answer is not shown");

            // A Test cancelled from the status bar frees the button.
            robot.clickOn(d.testButton());
            assertEquals(1, fx(() -> ctx.tasks().running().size()), "the Test is listed in the status bar");
            fxRun(() -> List.copyOf(ctx.tasks().running()).forEach(Task::cancel));
            assertEquals("The test was cancelled.", fx(() -> d.testResultLabel().getText()));
            assertFalse(fx(() -> d.testButton().isDisabled()));

            // Cancel leaves the workspace as it was.
            fxRun(d::close);
            waitFx(10, () -> !d.isShowing());
            assertEquals("", fx(() -> ctx.workspace().llmUrl));
            assertEquals("", Workspace.load(ctx.workspaceFile()).llmUrl, "the file (written when the index opened) neither");
        }
    }

    /** Clicks OK and waits for the dialog to close; if it does not, says what the click hit. */
    private static void clickOk(FxRobot robot, ExplanationSettingsDialog d) {
        List<String> hit = new java.util.concurrent.CopyOnWriteArrayList<>();
        fxRun(() -> d.getDialogPane().getScene().addEventFilter(javafx.scene.input.MouseEvent.MOUSE_PRESSED,
                e -> hit.add(String.valueOf(e.getTarget()))));
        robot.clickOn(d.okButton());
        try {
            waitFx(10, () -> !d.isShowing());
        } catch (AssertionError open) {
            throw new AssertionError("the dialog is still open after OK: the click hit " + hit + ", save said '"
                    + fx(() -> d.saveErrorLabel().getText()) + "', OK disabled " + fx(() -> d.okButton().isDisabled()), open);
        }
    }

    private static OutputStream tee(OutputStream a, OutputStream b) {
        return new OutputStream() {
            @Override
            public void write(int x) throws java.io.IOException {
                a.write(x);
                b.write(x);
            }

            @Override
            public void write(byte[] bs, int off, int len) throws java.io.IOException {
                a.write(bs, off, len);
                b.write(bs, off, len);
            }

            @Override
            public void flush() throws java.io.IOException {
                a.flush();
                b.flush();
            }
        };
    }
}
