package org.neuronworkbench.export;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
import javafx.scene.SnapshotParameters;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javax.imageio.ImageIO;
import org.neuronworkbench.arch.LayeringException;
import org.neuronworkbench.work.AtomicFiles;

/**
 * Renders the {@link HighlightNodes} layout to a PNG via {@code Node.snapshot}.
 *
 * <p>Threading: JavaFX only renders on its application thread, so the write methods may be called
 * from any thread: on the FX thread they run directly, elsewhere they hand the node building and
 * snapshot to {@link Platform#runLater} and block until it is done (at most
 * {@link #FX_TIMEOUT_SECONDS}); PNG encoding then happens on the calling thread. Calling them from
 * the FX thread therefore blocks the UI while encoding; prefer a background thread. The JavaFX
 * toolkit must already be running (the app starts it; headless tools can use
 * {@code Platform.startup}); otherwise an {@link IllegalStateException} says so.
 */
@LayeringException("a PNG is a JavaFX snapshot of the highlight nodes; the CLI writes PNGs too, so this cannot live in ui")
public final class PngExporter {
    public static final long FX_TIMEOUT_SECONDS = 120;

    private PngExporter() {
    }

    /**
     * Writes a PNG file, replacing it atomically (a failed write leaves the old file as it was).
     * Callable from any thread, see the class comment. Rendered before the file is opened.
     */
    public static void write(List<HighlightedSentence> sentences, SvgOptions options, Path file)
            throws IOException {
        BufferedImage image = toBufferedImage(snapshot(sentences, options));
        AtomicFiles.write(file, out -> encode(image, out));
    }

    /** Writes PNG bytes to {@code out} (flushed, not closed). Callable from any thread. */
    public static void write(List<HighlightedSentence> sentences, SvgOptions options, OutputStream out)
            throws IOException {
        encode(toBufferedImage(snapshot(sentences, options)), out);
    }

    private static void encode(BufferedImage image, OutputStream out) throws IOException {
        if (!ImageIO.write(image, "png", out)) {
            throw new IOException("No PNG encoder available in this Java runtime");
        }
        out.flush();
    }

    /** The rendered layout as a JavaFX image. Callable from any thread. */
    public static WritableImage snapshot(List<HighlightedSentence> sentences, SvgOptions options)
            throws IOException {
        return onFxThread(() -> {
            VBox node = HighlightNodes.build(sentences, options, false);
            new Scene(node); // CSS (control skins) and layout need a scene
            node.applyCss();
            node.layout();
            SnapshotParameters params = new SnapshotParameters();
            params.setFill(Color.WHITE);
            return node.snapshot(params, null);
        });
    }

    /** Opaque RGB copy: PNG writers handle that everywhere, unlike premultiplied ARGB. */
    static BufferedImage toBufferedImage(WritableImage fxImage) {
        BufferedImage argb = SwingFXUtils.fromFXImage(fxImage, null);
        BufferedImage rgb = new BufferedImage(argb.getWidth(), argb.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = rgb.createGraphics();
        try {
            g.setColor(java.awt.Color.WHITE);
            g.fillRect(0, 0, rgb.getWidth(), rgb.getHeight());
            g.drawImage(argb, 0, 0, null);
        } finally {
            g.dispose();
        }
        return rgb;
    }

    /** Runs {@code task} on the FX thread and waits for it; see the class comment. */
    static <T> T onFxThread(Callable<T> task) throws IOException {
        if (Platform.isFxApplicationThread()) {
            return call(task);
        }
        CompletableFuture<T> result = new CompletableFuture<>();
        try {
            Platform.runLater(() -> {
                try {
                    result.complete(task.call());
                } catch (Throwable t) {
                    result.completeExceptionally(t);
                }
            });
        } catch (IllegalStateException e) {
            throw new IllegalStateException(
                    "The JavaFX toolkit is not running; start it (e.g. Platform.startup) before exporting PNG", e);
        }
        try {
            return result.get(FX_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("Interrupted while waiting for the JavaFX thread to render");
        } catch (TimeoutException e) {
            throw new IOException("The JavaFX thread did not render the PNG within "
                    + FX_TIMEOUT_SECONDS + " s (is it blocked?)", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IOException("Rendering the PNG failed: " + cause, cause);
        }
    }

    private static <T> T call(Callable<T> task) throws IOException {
        try {
            return task.call();
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException("Rendering the PNG failed: " + e, e);
        }
    }
}
