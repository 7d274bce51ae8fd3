package org.neuronworkbench.ui.neurons;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.neuronworkbench.ui.common.BackgroundTasks;
import org.neuronworkbench.ui.common.WorkbenchContext;
import org.neuronworkbench.ui.common.Workspace;
import org.testfx.util.WaitForAsyncUtils;

/** Helpers for the pane tests: a fresh context with its own workspace file, and FX-thread waits. */
public final class FxTesting {
    private FxTesting() {
    }

    public static WorkbenchContext context(Path folder) {
        return new WorkbenchContext(new BackgroundTasks(), new Workspace(), folder.resolve("workspace.json"));
    }

    /** As {@link #context(Path)}, with the app's environment variables looked up by {@code environment}. */
    public static WorkbenchContext context(Path folder, java.util.function.UnaryOperator<String> environment) {
        return new WorkbenchContext(new BackgroundTasks(), new Workspace(), folder.resolve("workspace.json"), environment);
    }

    /** Evaluates on the FX thread. */
    public static <T> T fx(Callable<T> c) {
        try {
            return WaitForAsyncUtils.asyncFx(c).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static void fxRun(Runnable r) {
        fx(() -> {
            r.run();
            return null;
        });
    }

    /** Waits until the condition, evaluated on the FX thread, holds. */
    public static void waitFx(int seconds, Callable<Boolean> condition) {
        try {
            WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, () -> fx(condition));
        } catch (TimeoutException e) {
            throw new AssertionError("condition not met within " + seconds + " s", e);
        }
    }

    public static Workspace reload(WorkbenchContext ctx) {
        Workspace w = Workspace.load(ctx.workspaceFile());
        if (w == null) {
            throw new UncheckedIOException(new IOException("no workspace"));
        }
        return w;
    }
}
