package org.neuronworkbench.ui.common;

import java.util.Locale;
import javafx.concurrent.Task;
import org.neuronworkbench.work.Cancel;
import org.neuronworkbench.work.Progress;
import org.neuronworkbench.work.Step;

/**
 * A pane's background task speaking the work contract: the work gets the task's cancel (set from
 * the pane or the status bar) and a {@link Progress} whose steps become the task's progress and
 * message (which JavaFX marshals to the FX thread). Every pane task is one of these.
 */
public class WorkTask<T> extends Task<T> {

    /** Work that runs off the FX thread with a progress channel and a cancel to poll. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Progress progress, Cancel cancel) throws Exception;
    }

    private final Work<T> work;

    public WorkTask(String title, Work<T> work) {
        this.work = work;
        updateTitle(title);
        updateMessage(title);
    }

    @Override
    protected T call() throws Exception {
        return work.run(this::show, this::isCancelled);
    }

    private void show(Step step) {
        double f = step.fraction();
        updateProgress(f < 0 ? -1 : f, 1);
        updateMessage(describe(step));
    }

    /** e.g. {@code removing tokens 3/12 · activation 0.4210}; a step without a total has no count. */
    public static String describe(Step step) {
        StringBuilder sb = new StringBuilder(step.phase());
        if (step.total() > 0) {
            sb.append(String.format(Locale.ROOT, " %,d/%,d", step.done(), step.total()));
        }
        if (!step.detail().isEmpty()) {
            sb.append(sb.length() > 0 ? " · " : "").append(step.detail());
        }
        return sb.toString();
    }
}
