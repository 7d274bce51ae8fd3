package org.neuronworkbench.ui.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.neuronworkbench.ui.neurons.FxTesting.fx;
import static org.neuronworkbench.ui.neurons.FxTesting.waitFx;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import javafx.concurrent.Task;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuronworkbench.ui.UiTestSupport;
import org.neuronworkbench.ui.common.WorkTask;
import org.neuronworkbench.ui.common.WorkbenchContext;
import org.neuronworkbench.ui.neurons.FxTesting;
import org.neuronworkbench.work.Step;

/** The status bar labels every running task's bar: its title, else what it says it is doing. */
class TaskStatusBarTest {

    @BeforeAll
    static void toolkit() throws Exception {
        UiTestSupport.startToolkit();
    }

    @Test
    void everyBarHasTheTasksTitleNextToIt(@TempDir Path dir) throws Exception {
        WorkbenchContext ctx = FxTesting.context(dir);
        TaskStatusBar bar = fx(() -> {
            TaskStatusBar b = new TaskStatusBar(ctx);
            Stage stage = new Stage();
            stage.setScene(new Scene(b, 900, 40));
            stage.show();
            return b;
        });
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(2);
        Task<Void> titled = new WorkTask<>("Optimising prompts for L1N5", (progress, cancel) -> {
            progress.report(new Step("continuous search", 1, 4, "step 1 of 4"));
            started.countDown();
            release.await();
            return null;
        });
        Task<Void> untitled = new Task<>() {
            @Override
            protected Void call() throws Exception {
                updateMessage("Reading corpus.txt");
                started.countDown();
                release.await();
                return null;
            }
        };
        try {
            ctx.tasks().runModel(titled);
            ctx.tasks().runIo(untitled);
            started.await();
            waitFx(10, () -> bar.entries().size() == 2 && "Reading corpus.txt".equals(labelOf(bar, 1)));
            assertEquals("Optimising prompts for L1N5", fx(() -> labelOf(bar, 0)));
            assertEquals(0.25, fx(() -> ((ProgressBar) bar.entries().get(0).getChildren().get(1)).getProgress()), 1e-9);
        } finally {
            release.countDown();
        }
        waitFx(10, () -> bar.entries().isEmpty());
        assertEquals("Working…", TaskStatusBar.label("", null));
        assertEquals("Load model", TaskStatusBar.label("Load model", "Loading gpt2"));
        ctx.tasks().close();
    }

    private static String labelOf(TaskStatusBar bar, int i) {
        return ((Label) bar.entries().get(i).getChildren().get(0)).getText();
    }
}
