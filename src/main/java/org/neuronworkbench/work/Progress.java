package org.neuronworkbench.work;

/**
 * The one progress channel of the workbench. Called from the worker thread, so it must be cheap
 * and must not touch the UI directly (panes marshal to the FX thread, the CLI prints to stderr).
 */
@FunctionalInterface
public interface Progress {
    /** For callers that do not listen. */
    Progress NONE = step -> { };

    void report(Step step);
}
