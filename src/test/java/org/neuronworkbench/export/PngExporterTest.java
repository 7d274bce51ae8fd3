package org.neuronworkbench.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.neuronworkbench.export.XmlTestSupport.sentence;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Platform;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** Runs headless on Monocle with the software pipeline (flags come from the build). */
class PngExporterTest {

    @BeforeAll
    static void startToolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    private static boolean blueish(int rgb) {
        int r = (rgb >> 16) & 0xff, g = (rgb >> 8) & 0xff, b = rgb & 0xff;
        return b > r + 80 && b > g + 40;
    }

    /** A pale red: the most a negative value ever gets. */
    private static boolean paleRed(int rgb) {
        int r = (rgb >> 16) & 0xff, g = (rgb >> 8) & 0xff, b = rgb & 0xff;
        return r > 230 && g < r - 10 && g > r - 60 && b < r - 10;
    }

    @Test
    void writesPngWithBlueForPositiveAndPaleRedForNegative(@TempDir Path dir) throws Exception {
        assertFalse(Platform.isFxApplicationThread(), "exercises the hop onto the FX thread");
        Path file = dir.resolve("neuron.png");
        PngExporter.write(List.of(sentence("The", 0.0, " cat", 2.4, " sat", -2.1, " 🧠", 0.3)),
                SvgOptions.defaults(), file);

        BufferedImage img = ImageIO.read(file.toFile());
        assertTrue(img.getWidth() > 40 && img.getHeight() > 20, img.getWidth() + "x" + img.getHeight());
        int blue = 0, red = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int p = img.getRGB(x, y);
                blue += blueish(p) ? 1 : 0;
                red += paleRed(p) ? 1 : 0;
            }
        }
        assertTrue(blue > 50, "blue pixels: " + blue);
        assertTrue(red > 50, "red pixels: " + red);
        assertEquals(0xffffff, img.getRGB(0, 0) & 0xffffff, "white margin");
    }

    @Test
    void nodeBuilderMirrorsTheLayoutForTheUi() throws Exception {
        AtomicReference<VBox> root = new AtomicReference<>();
        HighlightedSentence s = sentence(" one", 1.0, " two", -0.5, " six", 0.0);
        SvgOptions options = SvgOptions.defaults().withCharLimit(8).withRtl(true);
        WaitForAsyncUtils.asyncFx(() -> root.set(HighlightNodes.build(List.of(s), options))).get();
        VBox sentenceBox = (VBox) root.get().getChildren().get(0);
        assertEquals(2, sentenceBox.getChildren().size(), "wrapped like the SVG");
        Label first = (Label) ((HBox) sentenceBox.getChildren().get(0)).getChildren().get(0);
        assertEquals(" one", first.getText());
        assertEquals(s.tokens().get(0), first.getUserData());
        assertEquals("1", first.getTooltip().getText());
        assertEquals(javafx.geometry.NodeOrientation.RIGHT_TO_LEFT, root.get().getNodeOrientation());
    }

    @Test
    void worksWhenCalledOnTheFxThreadToo(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("fx.png");
        WaitForAsyncUtils.asyncFx(() -> {
            PngExporter.write(List.of(sentence("x", 1.0)), SvgOptions.defaults(), file);
            return null;
        }).get();
        assertTrue(Files.size(file) > 0);
    }
}
