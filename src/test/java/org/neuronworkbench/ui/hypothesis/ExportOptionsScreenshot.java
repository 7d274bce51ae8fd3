package org.neuronworkbench.ui.hypothesis;

import java.io.File;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.neuronworkbench.ui.neurons.FxTesting;

/** The export dialog's options form in a real window, written to a PNG to look at (not committed). */
public final class ExportOptionsScreenshot {
    private ExportOptionsScreenshot() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "export-options.png");
        CountDownLatch started = new CountDownLatch(1);
        Platform.startup(started::countDown);
        started.await();
        Stage stage = FxTesting.fx(() -> {
            ExportOptionsForm form = new ExportOptionsForm();
            StackPane root = new StackPane(form.node());
            root.setStyle("-fx-padding: 14;");
            Stage s = new Stage();
            s.setScene(new Scene(root));
            s.show();
            return s;
        });
        Thread.sleep(800);
        var img = FxTesting.fx(() -> SwingFXUtils.fromFXImage(stage.getScene().snapshot(null), null));
        ImageIO.write(img, "png", new File(out.toString()));
        System.out.println("wrote " + out);
        Platform.exit();
        System.exit(0);
    }
}
