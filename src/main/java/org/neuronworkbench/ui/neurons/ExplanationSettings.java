package org.neuronworkbench.ui.neurons;

import java.io.IOException;
import java.time.Duration;
import java.util.Locale;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.concurrent.Task;
import org.neuronworkbench.analysis.explain.LlmClient;
import org.neuronworkbench.analysis.explain.LlmEndpoint;
import org.neuronworkbench.ui.common.WorkTask;
import org.neuronworkbench.ui.common.WorkbenchContext;
import org.neuronworkbench.ui.common.Workspace;

/**
 * The explanation settings without a window: offline rules only, or an OpenAI-compatible endpoint
 * (URL, model name, the NAME of the environment variable holding the API key, timeout). Checked
 * by the parser the {@code explain} command uses, so the dialog and the command refuse the same
 * input with the same words. Test sends one tiny chat request on the I/O pool; save writes the
 * workspace. The key is read from the environment only inside a request and is never held, shown
 * or stored here: the variable's presence is all that is reported. Use on the FX thread.
 */
public final class ExplanationSettings {
    /** Where a Test stands; the dialog colours its line by it. */
    public enum TestState { NONE, RUNNING, OK, FAILED }

    static final String TEST_SYSTEM = "You are a connection check. Answer with one word.";
    static final String TEST_USER = "Reply with the single word: ready";
    static final int MAX_TIMEOUT_SECONDS = 3600;

    private final WorkbenchContext ctx;
    private final Runnable saved;
    private final BooleanProperty useLlm = new SimpleBooleanProperty();
    private final StringProperty url = new SimpleStringProperty("");
    private final StringProperty model = new SimpleStringProperty("");
    private final StringProperty keyEnv = new SimpleStringProperty("");
    private final StringProperty timeout = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper keyStatus = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper testResult = new ReadOnlyStringWrapper("");
    private final ObjectProperty<TestState> testState = new SimpleObjectProperty<>(TestState.NONE);
    private Task<LlmClient.Reply> test;

    /**
     * @param saved run after a successful save (the Explain bar re-reads its description)
     */
    public ExplanationSettings(WorkbenchContext ctx, Runnable saved) {
        this.ctx = ctx;
        this.saved = saved;
        Workspace w = ctx.workspace();
        useLlm.set(!blank(w.llmUrl) && !w.llmOffline);
        url.set(orEmpty(w.llmUrl));
        model.set(orEmpty(w.llmModel));
        keyEnv.set(orEmpty(w.llmKeyEnv));
        timeout.set(String.valueOf(w.llmTimeoutSeconds > 0 ? w.llmTimeoutSeconds : LlmEndpoint.DEFAULT_TIMEOUT.toSeconds()));
        for (var p : new javafx.beans.Observable[] {useLlm, url, model, keyEnv, timeout}) {
            p.addListener(o -> changed());
        }
        check();
    }

    /** True: an OpenAI-compatible endpoint; false: offline rules only. */
    public BooleanProperty useLlmProperty() {
        return useLlm;
    }

    public StringProperty urlProperty() {
        return url;
    }

    public StringProperty modelProperty() {
        return model;
    }

    /** The NAME of the environment variable that holds the key (empty: no key is sent). */
    public StringProperty keyEnvProperty() {
        return keyEnv;
    }

    /** Seconds, as typed. */
    public StringProperty timeoutProperty() {
        return timeout;
    }

    /** Why the settings cannot be saved, in one line; empty when they can. */
    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    /** Whether the named variable is set in the app's environment (never its value). */
    public ReadOnlyStringProperty keyStatusProperty() {
        return keyStatus.getReadOnlyProperty();
    }

    /** The last Test's answer or the client's error message. */
    public ReadOnlyStringProperty testResultProperty() {
        return testResult.getReadOnlyProperty();
    }

    public ObjectProperty<TestState> testStateProperty() {
        return testState;
    }

    /**
     * Sends one tiny chat request to the endpoint as typed, on the I/O pool; null (with the reason
     * as the test result) when the settings do not parse or offline is chosen.
     */
    public Task<LlmClient.Reply> test() {
        cancelTest();
        LlmEndpoint e;
        try {
            e = endpoint();
        } catch (IllegalArgumentException bad) {
            finish(TestState.FAILED, "Nothing was sent: " + bad.getMessage());
            return null;
        }
        LlmClient client = new LlmClient(e, ctx.environment());
        long t0 = System.nanoTime();
        WorkTask<LlmClient.Reply> t = new WorkTask<>("Test LLM endpoint", (progress, cancel) -> client.chat(TEST_SYSTEM, TEST_USER));
        t.setOnSucceeded(ev -> {
            if (t == test) {
                LlmClient.Reply r = t.getValue();
                double s = (System.nanoTime() - t0) / 1e9;
                finish(r.ok() ? TestState.OK : TestState.FAILED, r.ok()
                        ? String.format(Locale.ROOT, "%s answered in %.1f s: \u201c%s\u201d", e.model(), s, excerpt(r.text()))
                        : r.error());
            }
        });
        t.setOnFailed(ev -> {
            if (t == test) {
                finish(TestState.FAILED, "The test failed: " + NeuronBrowserViewModel.describe(t.getException()));
            }
        });
        t.setOnCancelled(ev -> {
            if (t == test) {
                // Cancelled from the status bar (an edit or closing the dialog drops the task first).
                finish(TestState.NONE, "The test was cancelled.");
            }
        });
        test = t;
        testState.set(TestState.RUNNING);
        testResult.set("Sending one short request to " + e.url() + "\u2026");
        return ctx.tasks().runIo(t);
    }

    /** Stops a running Test (the dialog closed or a field changed); its answer is dropped. */
    public void cancelTest() {
        if (test != null) {
            Task<?> t = test;
            test = null;
            t.cancel();
        }
    }

    /**
     * Writes the settings into the workspace and its file (atomically). With "offline rules only"
     * the endpoint fields are kept for later, but only if they parse: whatever was typed in a field
     * that is refused (perhaps the key itself) is never written.
     *
     * @throws IllegalStateException when the LLM is chosen and the settings do not parse
     * @throws IOException           when the workspace file cannot be written (the settings hold for this session)
     */
    public void save() throws IOException {
        Workspace w = ctx.workspace();
        LlmEndpoint e = null;
        try {
            e = endpoint();
        } catch (IllegalArgumentException bad) {
            if (useLlm.get()) {
                throw new IllegalStateException(bad.getMessage(), bad);
            }
        }
        w.llmOffline = !useLlm.get();
        if (e != null) {
            w.llmUrl = url.get().strip();
            w.llmModel = model.get().strip();
            w.llmKeyEnv = orEmpty(e.keyEnv());
            w.llmTimeoutSeconds = (int) e.timeout().toSeconds();
        }
        saved.run();
        ctx.saveWorkspace();
    }

    /** The endpoint as typed, through the command's parser; the timeout is checked after it. */
    LlmEndpoint endpoint() {
        LlmEndpoint e = LlmEndpoint.parse(url.get(), model.get(), blank(keyEnv.get()) ? null : keyEnv.get().strip(), null);
        String typed = timeout.get() == null ? "" : timeout.get().strip();
        int seconds;
        try {
            seconds = Integer.parseInt(typed);
        } catch (NumberFormatException notANumber) {
            seconds = -1;
        }
        if (seconds < 1 || seconds > MAX_TIMEOUT_SECONDS) {
            throw new IllegalArgumentException("the timeout must be a whole number of seconds from 1 to " + MAX_TIMEOUT_SECONDS
                    + (typed.length() <= 12 ? " (got '" + typed + "')" : ""));
        }
        return new LlmEndpoint(e.url(), e.model(), e.keyEnv(), Duration.ofSeconds(seconds));
    }

    private void changed() {
        // A Test speaks for the settings it was sent with: an edit makes its answer stale.
        if (test != null || testState.get() != TestState.NONE) {
            cancelTest();
            finish(TestState.NONE, "");
        }
        check();
    }

    private void check() {
        String why = "";
        if (useLlm.get()) {
            try {
                endpoint();
            } catch (IllegalArgumentException bad) {
                why = capitalised(bad.getMessage()) + ".";
            }
        }
        problem.set(why);
        keyStatus.set(describeKey());
    }

    private String describeKey() {
        String name = keyEnv.get() == null ? "" : keyEnv.get().strip();
        if (name.isEmpty()) {
            return "No key variable: requests carry no API key (right for most local servers).";
        }
        if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            return "";
        }
        String value = ctx.environment().apply(name);
        return value == null || value.isBlank()
                ? name + " is not set in the app's environment: set it before starting the app, or requests will be refused."
                : name + " is set in the app's environment (its value is not shown).";
    }

    private void finish(TestState state, String text) {
        test = null;
        testState.set(state);
        testResult.set(text);
    }

    private static String excerpt(String s) {
        String one = s.strip().replaceAll("\\s+", " ");
        return one.length() > 80 ? one.substring(0, 80) + "\u2026" : one;
    }

    private static String capitalised(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
