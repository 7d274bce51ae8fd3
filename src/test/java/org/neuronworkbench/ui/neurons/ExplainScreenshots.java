package org.neuronworkbench.ui.neurons;

import static org.neuronworkbench.ui.neurons.BrowserScreenshots.show;
import static org.neuronworkbench.ui.neurons.BrowserScreenshots.snapshot;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import javafx.application.Platform;
import javafx.scene.control.TableColumn;
import javafx.stage.Stage;
import org.neuronworkbench.model.MlpNeuron;
import org.neuronworkbench.ui.common.WorkbenchContext;

/**
 * Renders the neuron page after Explain (docs/screenshot-explain.png) and during a layer run with
 * the table sorted by score (docs/screenshot-explain-layer.png), on the shared test index with the
 * real model. Run under a display: {@code xvfb-run -a java -cp ... org.neuronworkbench.ui.neurons.ExplainScreenshots}.
 */
public final class ExplainScreenshots {
    private ExplainScreenshots() {
    }

    public static void main(String[] args) throws Exception {
        try {
            shoot(args);
        } finally {
            System.exit(0); // the FX thread would keep a failed run alive
        }
    }

    private static void shoot(String[] args) throws Exception {
        Path docs = Path.of(args.length > 0 ? args[0] : "docs");
        MlpNeuron neuron = new MlpNeuron(args.length > 1 ? Integer.parseInt(args[1]) : 4, args.length > 2
                ? Integer.parseInt(args[2]) : 1253);
        Files.createDirectories(docs);
        Path index = Files.createTempDirectory("nw-explain-shots").resolve("sample60");
        Files.createDirectories(index);
        try (var files = Files.list(TestIndex.dir())) {
            for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                Files.copy(f, index.resolve(f.getFileName()));
            }
        }
        CountDownLatch started = new CountDownLatch(1);
        Platform.startup(started::countDown);
        started.await();
        Platform.setImplicitExit(false);

        WorkbenchContext ctx = FxTesting.context(Files.createTempDirectory("nw-shots"));
        FxTesting.fxRun(() -> ctx.modelProperty().set(TestIndex.runner()));
        NeuronBrowserPane browser = FxTesting.fx(() -> new NeuronBrowserPane(ctx));
        Stage stage = show(browser, 1400, 900);
        FxTesting.fxRun(() -> ctx.openIndex().open(index, false));
        waitFor(() -> FxTesting.fx(() -> browser.model().pageProperty().get() != null
                && browser.table().table().getItems().size() > 0));
        FxTesting.fxRun(() -> browser.model().show(neuron));
        waitFor(() -> FxTesting.fx(() -> neuron.equals(browser.pageView().shown())));
        FxTesting.fxRun(() -> browser.explainBar().explainButton().fire());
        waitFor(() -> FxTesting.fx(() -> browser.explainer().lastProperty().get() != null
                && !browser.explainer().runningProperty().get()));
        snapshot(stage, docs.resolve("screenshot-explain.png"));

        FxTesting.fxRun(() -> {
            TableColumn<org.neuronworkbench.index.NeuronSummary, ?> score = browser.table().table().getColumns().stream().filter(c -> "score".equals(c.getId()))
                    .findFirst().orElseThrow();
            score.setSortType(TableColumn.SortType.DESCENDING);
            browser.table().table().getSortOrder().setAll(java.util.List.of(score));
            browser.explainer().explainLayer(neuron.layer(), true);
        });
        // One pack of 16 neurons stored (minutes on a busy machine), while the run goes on.
        waitFor(() -> FxTesting.fx(() -> browser.model().explanationsProperty().get().size() >= 17));
        FxTesting.fxRun(() -> {
            browser.table().table().sort();
            browser.table().table().scrollTo(0);
        });
        snapshot(stage, docs.resolve("screenshot-explain-layer.png"));
        FxTesting.fxRun(() -> browser.explainer().cancel());
        Thread.sleep(1000);
        Platform.exit();
        System.exit(0);
    }

    /** Patient: on a shared machine one pack of a layer run can take minutes. */
    private static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + 1_200_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new IllegalStateException("timed out");
            }
            Thread.sleep(200);
        }
    }
}
