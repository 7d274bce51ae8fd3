package org.neuronworkbench.ui.neurons;

import static org.neuronworkbench.ui.neurons.BrowserScreenshots.show;

import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.neuronworkbench.analysis.explain.LocalChatServer;
import org.neuronworkbench.model.MlpNeuron;
import org.neuronworkbench.ui.common.WorkbenchContext;

/**
 * Renders the Explanation settings dialog after a successful Test against a local chat server
 * (docs/screenshot-explanation-settings.png), the same dialog refusing a malformed URL, and the
 * neuron page's Explain row with the saved settings (both into the folder given as the second
 * argument, for checking, not for the docs). Run under a display:
 * {@code xvfb-run -a java -cp ... org.neuronworkbench.ui.neurons.ExplanationSettingsScreenshots docs /tmp/shots}.
 */
public final class ExplanationSettingsScreenshots {
    private ExplanationSettingsScreenshots() {
    }

    public static void main(String[] args) throws Exception {
        try {
            shoot(Path.of(args.length > 0 ? args[0] : "docs"), Path.of(args.length > 1 ? args[1] : "target/shots"));
        } finally {
            System.exit(0); // the FX thread would keep a failed run alive
        }
    }

    private static void shoot(Path docs, Path extra) throws Exception {
        Files.createDirectories(docs);
        Files.createDirectories(extra);
        CountDownLatch started = new CountDownLatch(1);
        Platform.startup(started::countDown);
        started.await();
        Platform.setImplicitExit(false);
        // A stand-in variable, so the dialog can say it is set; its value is never shown.
        WorkbenchContext ctx = FxTesting.context(Files.createTempDirectory("nw-settings-shots"),
                name -> "OPENAI_API_KEY".equals(name) ? "stand-in" : null);
        NeuronBrowserPane browser = FxTesting.fx(() -> new NeuronBrowserPane(ctx));
        Stage stage = show(browser, 1400, 900);
        FxTesting.fxRun(() -> ctx.openIndex().open(TestIndex.dir(), false));
        BrowserScreenshots.waitFor(() -> FxTesting.fx(() -> browser.model().pageProperty().get() != null));
        FxTesting.fxRun(() -> browser.model().show(new MlpNeuron(4, 1253)));
        try (LocalChatServer server = new LocalChatServer()) {
            server.on("/v1/", (ex, call) -> LocalChatServer.send(ex, 200, LocalChatServer.answer("ready")));
            ExplanationSettingsDialog d = FxTesting.fx(() -> browser.explainBar().openSettings());
            FxTesting.fxRun(() -> {
                d.llmChoice().setSelected(true);
                d.urlField().setText(server.url("/v1"));
                d.modelField().setText("qwen2.5-7b-instruct");
                d.keyEnvField().setText("OPENAI_API_KEY");
                d.testButton().fire();
            });
            BrowserScreenshots.waitFor(() -> FxTesting.fx(() -> d.settings().testStateProperty().get()
                    == ExplanationSettings.TestState.OK));
            snapshot(d.getDialogPane().getScene(), docs.resolve("screenshot-explanation-settings.png"));
            FxTesting.fxRun(() -> d.urlField().setText("localhost:8080/v1"));
            snapshot(d.getDialogPane().getScene(), extra.resolve("explanation-settings-malformed.png"));
            FxTesting.fxRun(() -> {
                d.urlField().setText(server.url("/v1"));
                d.okButton().fire();
            });
            snapshot(stage.getScene(), extra.resolve("explain-bar-with-llm.png"));
        }
        Platform.exit();
    }

    private static void snapshot(Scene scene, Path file) throws Exception {
        Thread.sleep(700); // let layout and CSS settle
        BufferedImage img = FxTesting.fx(() -> SwingFXUtils.fromFXImage(scene.snapshot(null), null));
        ImageIO.write(img, "png", new File(file.toString()));
        System.out.println("wrote " + file);
    }
}
