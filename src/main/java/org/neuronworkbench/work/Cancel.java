package org.neuronworkbench.work;

/**
 * The one cancel signal of the workbench: the index, every analysis method and every pane task
 * poll it between steps (never inside a step that would leave state half-written). A method that
 * sees it set stops and returns what it has so far, marked cancelled; it does not throw.
 *
 * <p>A pane passes {@code task::isCancelled}; code that must cancel later uses {@link CancelSwitch}.
 */
@FunctionalInterface
public interface Cancel {
    /** For callers that never cancel. */
    Cancel NEVER = () -> false;

    boolean isCancelled();
}
