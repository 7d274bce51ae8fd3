package org.neuronworkbench.work;

/** A {@link Cancel} that any thread can set (the CLI, tests, a build started outside a pane). */
public final class CancelSwitch implements Cancel {
    private volatile boolean cancelled;

    public void cancel() {
        cancelled = true;
    }

    @Override
    public boolean isCancelled() {
        return cancelled;
    }
}
