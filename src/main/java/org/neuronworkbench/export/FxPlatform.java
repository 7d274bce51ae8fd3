package org.neuronworkbench.export;

import javafx.application.Platform;
import org.neuronworkbench.arch.LayeringException;

/**
 * Starts the JavaFX toolkit for tools without a window (the CLI's PNG export). It needs a display:
 * on a server run under {@code xvfb-run}, or use Monocle headless
 * ({@code -Dglass.platform=Monocle -Dmonocle.platform=Headless -Dprism.order=sw} with the
 * openjfx-monocle jar on the classpath, as the tests do).
 */
@LayeringException("PNG export needs the JavaFX toolkit started, from the CLI too (export-svg -o x.png)")
public final class FxPlatform {
    private FxPlatform() {
    }

    /** Starts the toolkit unless it is running already; idempotent and thread-safe. */
    public static synchronized void ensureStarted() {
        try {
            Platform.startup(() -> { });
        } catch (IllegalStateException alreadyRunning) {
            return;
        } catch (RuntimeException | UnsatisfiedLinkError e) {
            throw new IllegalStateException("PNG export needs the JavaFX toolkit, which could not start ("
                    + e.getMessage() + "). Without a display run under xvfb-run, or export svg instead.", e);
        }
        // Closing our last window must not stop a toolkit that a caller may still need.
        Platform.setImplicitExit(false);
    }
}
