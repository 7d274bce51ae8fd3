package org.neuronworkbench.ui.hypothesis;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.scene.Scene;
import org.neuronworkbench.model.MlpNeuron;
import org.neuronworkbench.ui.common.BackgroundTasks;
import org.neuronworkbench.ui.common.LatencyRecorder;
import org.neuronworkbench.ui.common.Metrics;

/**
 * Recomputes the editor's colours off the FX thread, latest wins. The debounce is adaptive: when
 * the model thread is idle a change starts at once (a fixed 40 ms wait would spend the whole
 * latency budget); changes that arrive while a forward runs are coalesced into one run of the
 * newest text when it finishes. Every change bumps a generation counter and results of older
 * generations are dropped. All methods run on the FX thread.
 */
final class Recolourer {
    /** What to compute: a snapshot taken on the FX thread. */
    record Request(HypothesisViewModel model, List<String> lines, List<MlpNeuron> neurons) {
    }

    /** Why colours are recomputed: keystrokes and neuron changes are timed, each on its own recorder. */
    enum Cause {
        KEYSTROKE, NEURON, OTHER
    }

    /** What to show when no model is there to run. */
    interface Renderer {
        void result(HypothesisResult result);

        void failure(String message);
    }

    private static final long SHOW_STALE_AFTER_NANOS = 150_000_000L;
    private final BackgroundTasks tasks;
    private final Supplier<Request> snapshot;
    private final Renderer renderer;
    private final LatencyRecorder toNodes;
    private final LatencyRecorder toLayout;
    private final LatencyRecorder neuronToLayout;
    private final Supplier<Scene> scene;
    private final LatencyRecorder forward;
    private final LatencyRecorder render;
    private long generation;
    /** Timed changes not on screen yet: {generation, nanoTime, keystroke ? 1 : 0}, oldest first. */
    private final Deque<long[]> unshown = new ArrayDeque<>();
    private boolean busy;

    Recolourer(BackgroundTasks tasks, Supplier<Request> snapshot, Renderer renderer,
               Metrics metrics, Supplier<Scene> scene) {
        this.tasks = tasks;
        this.snapshot = snapshot;
        this.renderer = renderer;
        this.toNodes = metrics.recorder(HypothesisPane.KEY_TO_NODES);
        this.toLayout = metrics.recorder(HypothesisPane.KEY_TO_LAYOUT);
        this.neuronToLayout = metrics.recorder(HypothesisPane.NEURON_TO_LAYOUT);
        this.forward = metrics.recorder(HypothesisPane.FORWARD);
        this.render = metrics.recorder(HypothesisPane.RENDER);
        this.scene = scene;
    }

    /** Something changed; keystrokes and neuron changes are timed until their colours are laid out. */
    void request(Cause cause) {
        generation++;
        if (cause != Cause.OTHER) {
            unshown.addLast(new long[] {generation, System.nanoTime(), cause == Cause.KEYSTROKE ? 1 : 0});
        }
        if (!busy) {
            start();
        }
    }

    long generation() {
        return generation;
    }

    private void start() {
        Request r = snapshot.get();
        if (r.model() == null) {
            unshown.clear(); // typing while no model is loaded is not latency
            return; // the renderer already shows why (loading, no model)
        }
        long gen = generation;
        busy = true;
        tasks.submitInteractive(() -> {
                    long t0 = System.nanoTime();
                    HypothesisResult result = r.model().compute(r.lines(), r.neurons());
                    forward.record((System.nanoTime() - t0) / 1e6);
                    return result;
                })
                .whenComplete((result, error) -> Platform.runLater(() -> finish(gen, result, error)));
    }

    private void finish(long gen, HypothesisResult result, Throwable error) {
        busy = false;
        if (gen != generation) {
            // Stale: the text changed meanwhile. Drop it and run the newest, unless the screen has
            // been behind for a while (typing faster than the model): then an older picture
            // beats a frozen one. Results arrive in order, so nothing older replaces newer.
            if (error == null && !unshown.isEmpty() && System.nanoTime() - unshown.peekFirst()[1] > SHOW_STALE_AFTER_NANOS) {
                renderer.result(result);
                recordShown(gen);
            }
            start();
            return;
        }
        if (error != null) {
            unshown.clear();
            Throwable cause = error.getCause() != null ? error.getCause() : error;
            renderer.failure(cause.getMessage() == null ? cause.toString() : cause.getMessage());
            return;
        }
        long r0 = System.nanoTime();
        renderer.result(result);
        render.record((System.nanoTime() - r0) / 1e6);
        recordShown(gen);
    }

    /**
     * Latency per keystroke (and per neuron change): from the change to the first shown result that includes it
     * (results of generation {@code gen} include every keystroke up to it).
     */
    private void recordShown(long gen) {
        List<Long> keys = new ArrayList<>();
        List<Long> neurons = new ArrayList<>();
        while (!unshown.isEmpty() && unshown.peekFirst()[0] <= gen) {
            long[] u = unshown.removeFirst();
            (u[2] == 1 ? keys : neurons).add(u[1]);
        }
        long now = System.nanoTime();
        keys.forEach(t0 -> toNodes.record((now - t0) / 1e6));
        toLayout.recordAtNextLayout(scene.get(), keys);
        neuronToLayout.recordAtNextLayout(scene.get(), neurons);
    }
}
