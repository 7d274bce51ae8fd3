package org.neuronworkbench.ui.common;

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
    private volatile boolean yields;
    private volatile Runnable safePoint = () -> { };

    public WorkTask(String title, Work<T> work) {
        this.work = work;
        updateTitle(title);
        updateMessage(title);
    }

    /**
     * Declares that every progress report of this task comes between two forwards, with the
     * model free: {@link BackgroundTasks#runModel} then runs waiting interactive work there. Only
     * for tasks whose reports are such points (an index build's come after each forward's
     * activations are folded in); a report from inside a gradient session is not.
     */
    public WorkTask<T> yieldingToInteractive() {
        yields = true;
        return this;
    }

    public boolean yieldsToInteractive() {
        return yields;
    }

    void safePoint(Runnable atReport) {
        safePoint = atReport;
    }

    @Override
    protected T call() throws Exception {
        return work.run(this::show, this::isCancelled);
    }

    /**
     * The bar takes the fraction of the whole call; the message is {@link Step#line()}, whose detail
     * carries the counts a user reads (e.g. "step 12 of 60"), so units that only drive the bar
     * (a search's steps over both methods, an index's windows over both passes) are not shown.
     */
    private void show(Step step) {
        safePoint.run();
        double f = step.fraction();
        updateProgress(f < 0 ? -1 : f, 1);
        updateMessage(step.line());
    }
}
