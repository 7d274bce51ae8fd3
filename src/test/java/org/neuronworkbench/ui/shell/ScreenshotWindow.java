package org.neuronworkbench.ui.shell;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.neuronworkbench.model.Offline;

/**
 * What the screenshot tools share: the real window on a fresh workspace, FX-thread calls from the
 * tool's main thread, waiting for a condition, and saving the scene as PNG. Needs a real display.
 */
public final class ScreenshotWindow {
    private ScreenshotWindow() {
    }

    /** Starts JavaFX and opens the workbench, 1280 wide, with the embedded model loaded. */
    public static WorkbenchShell open(int height) throws Exception {
        Offline.enforce();
        Path workspace = Files.createTempFile("workspace", ".json");
        Files.delete(workspace);
        CountDownLatch started = new CountDownLatch(1);
        Platform.startup(started::countDown);
        started.await();
        WorkbenchShell shell = fx(() -> {
            WorkbenchShell s = WorkbenchShell.open(new Stage(), workspace, Panes.defaults());
            s.stage().setWidth(1280);
            s.stage().setHeight(height);
            return s;
        });
        waitUntil(() -> shell.context().model() != null, 120);
        return shell;
    }

    public static void snap(WorkbenchShell shell, Path file) throws Exception {
        WritableImage image = fx(() -> shell.stage().getScene().snapshot(null));
        ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", new File(file.toString()));
        System.out.println("wrote " + file);
    }

    public static void waitUntil(Callable<Boolean> condition, int seconds) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!fx(condition)) {
            if (System.nanoTime() > end) {
                throw new IllegalStateException("timed out");
            }
            Thread.sleep(50);
        }
    }

    public static <T> T fx(Callable<T> work) throws Exception {
        CompletableFuture<T> f = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                f.complete(work.call());
            } catch (Throwable t) {
                f.completeExceptionally(t);
            }
        });
        return f.get(60, TimeUnit.SECONDS);
    }
}
