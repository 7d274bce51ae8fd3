package org.neuronworkbench.ui.neurons;

import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.neuronworkbench.index.CorpusIndex;
import org.neuronworkbench.index.NeuronSort;
import org.neuronworkbench.index.NeuronSummary;
import org.neuronworkbench.model.MlpNeuron;
import org.neuronworkbench.ui.common.WorkbenchContext;
import org.neuronworkbench.ui.corpus.CorpusPane;

/**
 * Renders both panes in real windows and writes docs/screenshot-neurons.png and
 * docs/screenshot-corpus.png. Run under a display, e.g.
 * {@code xvfb-run -a java -cp ... org.neuronworkbench.ui.neurons.BrowserScreenshots} (GTK glass, not Monocle).
 */
public final class BrowserScreenshots {
    private BrowserScreenshots() {
    }

    public static void main(String[] args) throws Exception {
        Path docs = Path.of(args.length > 0 ? args[0] : "docs");
        Files.createDirectories(docs);
        Path index = TestIndex.dir();
        MlpNeuron top;
        try (CorpusIndex ci = CorpusIndex.open(index)) {
            NeuronSummary s = ci.neurons(OptionalInt.empty(), NeuronSort.SELECTIVITY, 1).get(0);
            top = new MlpNeuron(s.layer(), s.neuron());
        }
        CountDownLatch started = new CountDownLatch(1);
        Platform.startup(started::countDown);
        started.await();
        Platform.setImplicitExit(false);

        WorkbenchContext ctx = FxTesting.context(Files.createTempDirectory("nw-shots"));
        FxTesting.fxRun(() -> ctx.modelProperty().set(TestIndex.runner()));
        NeuronBrowserPane browser = FxTesting.fx(() -> new NeuronBrowserPane(ctx));
        Stage neuronStage = show(browser, 1400, 900);
        FxTesting.fxRun(() -> ctx.openIndex().open(index, false));
        waitFor(() -> FxTesting.fx(() -> browser.model().pageProperty().get() != null));
        FxTesting.fxRun(() -> browser.model().show(top));
        waitFor(() -> FxTesting.fx(() -> browser.pageView().shown() != null && browser.pageView().shown().equals(top)
                && browser.table().table().getItems().size() > 0));
        FxTesting.fxRun(() -> browser.model().notes().setNotes(top, "Looks like it fires on the same word in every excerpt."));
        FxTesting.fxRun(() -> browser.pageView().show(browser.model().pageProperty().get()));
        snapshot(neuronStage, docs.resolve("screenshot-neurons.png"));

        CorpusPane corpus = FxTesting.fx(() -> new CorpusPane(ctx));
        Stage corpusStage = show(corpus, 1400, 820);
        FxTesting.fxRun(() -> corpus.model().choose("sample-data/sentences.txt"));
        waitFor(() -> FxTesting.fx(() -> corpus.model().previewProperty().get() != null));
        Path shotOut = Files.createTempDirectory("nw-shot-out").resolve("sentences");
        FxTesting.fxRun(() -> {
            org.neuronworkbench.ui.corpus.KnownIndexes.remember(ctx.workspace(), index, "sentences-60.txt · 1,006 tokens · sentences ≤64 · top 8");
            corpus.model().indexes().setAll(org.neuronworkbench.ui.corpus.KnownIndexes.list(ctx.workspace()));
            corpus.model().outputDirProperty().set(shotOut.toString());
        });
        FxTesting.fxRun(() -> corpus.model().start());
        waitFor(() -> FxTesting.fx(() -> corpus.model().buildProperty().get() != null
                && corpus.model().buildProperty().get().getProgress() > 0.2));
        snapshot(corpusStage, docs.resolve("screenshot-corpus.png"));
        FxTesting.fxRun(() -> corpus.model().cancel());
        Thread.sleep(500);
        Platform.exit();
        System.exit(0);
    }

    static Stage show(Parent root, int w, int h) {
        return FxTesting.fx(() -> {
            Stage s = new Stage();
            s.setScene(new Scene(root, w, h));
            s.show();
            return s;
        });
    }

    static void snapshot(Stage stage, Path file) throws Exception {
        Thread.sleep(700); // let layout and CSS settle
        BufferedImage img = FxTesting.fx(() -> SwingFXUtils.fromFXImage(stage.getScene().snapshot(null), null));
        ImageIO.write(img, "png", new File(file.toString()));
        System.out.println("wrote " + file);
    }

    static void waitFor(BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new IllegalStateException("timed out");
            }
            Thread.sleep(100);
        }
    }
}
