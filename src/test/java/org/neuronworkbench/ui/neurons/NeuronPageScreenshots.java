package org.neuronworkbench.ui.neurons;

import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.neuronworkbench.index.CorpusIndex;
import org.neuronworkbench.index.NeuronSort;
import org.neuronworkbench.index.NeuronSummary;
import org.neuronworkbench.model.MlpNeuron;
import org.neuronworkbench.ui.common.WorkbenchContext;

/**
 * Renders the whole neuron page (statistics, histogram with band boundaries, excerpts, band
 * samples) of the sample index's strongest neuron from a real window into
 * docs/screenshot-neuron-page.png. Run under a display, e.g.
 * {@code xvfb-run -a java -cp ... org.neuronworkbench.ui.neurons.NeuronPageScreenshots [dir]}.
 */
public final class NeuronPageScreenshots {
    private NeuronPageScreenshots() {
    }

    public static void main(String[] args) throws Exception {
        Path docs = Path.of(args.length > 0 ? args[0] : "docs");
        Files.createDirectories(docs);
        Path index = TestIndex.dir();
        MlpNeuron top;
        try (CorpusIndex ci = CorpusIndex.open(index)) {
            NeuronSummary s = ci.neurons(OptionalInt.empty(), NeuronSort.MAX, 1).get(0);
            top = new MlpNeuron(s.layer(), s.neuron());
        }
        CountDownLatch started = new CountDownLatch(1);
        Platform.startup(started::countDown);
        started.await();
        Platform.setImplicitExit(false);
        WorkbenchContext ctx = FxTesting.context(Files.createTempDirectory("nw-page-shot"));
        NeuronBrowserPane browser = FxTesting.fx(() -> new NeuronBrowserPane(ctx));
        FxTesting.fx(() -> {
            Stage s = new Stage();
            s.setScene(new Scene(browser, 1500, 1000));
            s.show();
            return s;
        });
        FxTesting.fxRun(() -> ctx.openIndex().open(index, false));
        waitFor(() -> FxTesting.fx(() -> browser.model().pageProperty().get() != null));
        FxTesting.fxRun(() -> browser.model().show(top));
        waitFor(() -> FxTesting.fx(() -> top.equals(browser.pageView().shown()) && !browser.model().loadingProperty().get()));
        Thread.sleep(1000); // layout and CSS
        BufferedImage img = FxTesting.fx(() -> SwingFXUtils.fromFXImage(browser.pageView().snapshot(null, null), null));
        Path file = docs.resolve("screenshot-neuron-page.png");
        ImageIO.write(img, "png", new File(file.toString()));
        System.out.println("wrote " + file + " (" + top + ")");
        Platform.exit();
        System.exit(0);
    }

    private static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new IllegalStateException("timed out");
            }
            Thread.sleep(100);
        }
    }
}
