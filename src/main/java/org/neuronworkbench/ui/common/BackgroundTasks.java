package org.neuronworkbench.ui.common;

import java.util.Queue;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.application.Platform;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.concurrent.Task;
import javafx.concurrent.Worker;

/**
 * Runs work off the FX thread. Model work goes to one "model" thread (the runner serialises
 * calls anyway, and a queue keeps the UI's order); other I/O to a small pool. Running tasks are
 * listed for the status bar, where each can be cancelled.
 */
public final class BackgroundTasks implements AutoCloseable {
    private static final String MODEL_THREAD = "workbench-model-";
    private final ExecutorService model = Executors.newSingleThreadExecutor(daemon("model"));
    private final Queue<Runnable> interactive = new ConcurrentLinkedQueue<>();
    private final ExecutorService io = Executors.newFixedThreadPool(2, daemon("io"));
    private final ObservableList<Task<?>> running = FXCollections.observableArrayList();

    /** Tasks that are scheduled or running; changes arrive on the FX thread. */
    public ObservableList<Task<?>> running() {
        return running;
    }

    /** Submits a task that uses the model. */
    public <T> Task<T> runModel(Task<T> task) {
        if (task instanceof WorkTask<?> w && w.yieldsToInteractive()) {
            w.safePoint(this::runInteractive);
        }
        return submit(task, model);
    }

    /**
     * Runs short model work on the model thread without listing it in the status bar, in order
     * with every other model task (closing a model goes here, after the work queued before it).
     */
    public <T> CompletableFuture<T> submitModel(Callable<T> work) {
        try {
            return CompletableFuture.supplyAsync(() -> call(work), model);
        } catch (RejectedExecutionException closing) {
            // The window is closing; late requests simply do not run.
            return CompletableFuture.failedFuture(new CancellationException("Background tasks are closed."));
        }
    }

    /**
     * Runs interactive model work (recolouring while typing, "which neurons fire"): queued like
     * {@link #submitModel}, but a long task that declares {@link WorkTask#yieldsToInteractive safe
     * points} runs it at its next one, so typing during an index build is coloured between two of
     * the build's forwards instead of after the whole build. Whichever comes first runs it, once.
     */
    public <T> CompletableFuture<T> submitInteractive(Callable<T> work) {
        CompletableFuture<T> result = new CompletableFuture<>();
        AtomicBoolean taken = new AtomicBoolean();
        Runnable once = () -> {
            if (taken.compareAndSet(false, true)) {
                try {
                    result.complete(call(work));
                } catch (RuntimeException e) {
                    result.completeExceptionally(e);
                }
            }
        };
        interactive.add(once);
        try {
            model.execute(this::runInteractive);
        } catch (RejectedExecutionException closing) {
            interactive.remove(once);
            result.completeExceptionally(new CancellationException("Background tasks are closed."));
        }
        return result;
    }

    /** Runs the interactive work waiting now; only ever on the model thread (elsewhere it waits). */
    void runInteractive() {
        if (!Thread.currentThread().getName().startsWith(MODEL_THREAD)) {
            return;
        }
        Runnable next;
        while ((next = interactive.poll()) != null) {
            next.run();
        }
    }

    private static <T> T call(Callable<T> work) {
        try {
            return work.call();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new CompletionException(e);
        }
    }

    /** Submits a task that does not use the model (file reading, export). */
    public <T> Task<T> runIo(Task<T> task) {
        return submit(task, io);
    }

    private <T> Task<T> submit(Task<T> task, ExecutorService executor) {
        if (executor.isShutdown()) {
            // The window is closing: a pane reacting to the last changes gets a cancelled task,
            // not an exception on the FX thread.
            task.cancel();
            return task;
        }
        onFx(() -> running.add(task));
        task.stateProperty().addListener((obs, old, state) -> {
            if (state == Worker.State.SUCCEEDED || state == Worker.State.FAILED || state == Worker.State.CANCELLED) {
                running.remove(task);
            }
        });
        try {
            executor.execute(task);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            task.cancel(); // closed between the check and the call
        }
        return task;
    }

    private static void onFx(Runnable r) {
        if (Platform.isFxApplicationThread()) {
            r.run();
        } else {
            Platform.runLater(r);
        }
    }

    private static ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "workbench-" + name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    @Override
    public void close() {
        model.shutdownNow();
        io.shutdownNow();
    }
}
