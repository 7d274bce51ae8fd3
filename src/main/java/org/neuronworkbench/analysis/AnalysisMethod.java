package org.neuronworkbench.analysis;

import org.neuronworkbench.work.Cancel;
import org.neuronworkbench.work.Progress;

/**
 * The one shape of an analysis method. A method is an object built on what it reads (the model's
 * {@code ModelRunner}, or an open index), so per-model caches live with it; each call takes an
 * immutable request record and returns an immutable result record.
 *
 * <p>The contract (see ARCHITECTURE.md, "analysis: the method contract"): the request is checked
 * first and bad input throws {@link IllegalArgumentException} with a message meant for the user,
 * before any model work. Progress is reported as {@link org.neuronworkbench.work.Step}s counting
 * the units of the whole call. The cancel is polled between steps (never inside a forward); a
 * cancelled method returns what it has so far with {@code cancelled() == true} on the result,
 * it does not throw.
 *
 * @param <Q> the request record
 * @param <R> the result record
 */
@FunctionalInterface
public interface AnalysisMethod<Q, R> {

    R run(Q request, Progress progress, Cancel cancel);

    /** For callers that neither show progress nor cancel (the CLI's one-shot commands, tests). */
    default R run(Q request) {
        return run(request, Progress.NONE, Cancel.NEVER);
    }
}
