package org.neuronworkbench.ui.neurons;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.text.Text;
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

    /**
     * The headers of {@code table} that are on screen cut short (the label's text against the
     * text it draws, which ends in "…" when the column is too narrow), as "full → shown".
     */
    public static List<String> headersCutShort(TableView<?> table) {
        return fx(() -> {
            table.applyCss();
            table.layout();
            List<String> cut = new ArrayList<>();
            for (Node n : table.lookupAll(".column-header .label")) {
                if (n.isVisible() && n.getParent().isVisible() && n instanceof Label l) {
                    String shown = ((Text) l.lookup(".text")).getText();
                    if (!shown.equals(l.getText())) {
                        cut.add(l.getText() + " → " + shown);
                    }
                }
            }
            return cut;
        });
    }
}
