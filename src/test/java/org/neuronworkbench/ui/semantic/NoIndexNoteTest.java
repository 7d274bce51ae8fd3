package org.neuronworkbench.ui.semantic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.neuronworkbench.ui.neurons.FxTesting.fx;
import static org.neuronworkbench.ui.neurons.FxTesting.waitFx;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.neuronworkbench.ui.common.WorkbenchContext;
import org.neuronworkbench.ui.neurons.FxTesting;
import org.neuronworkbench.ui.neurons.TestIndex;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The semantic map without an index: the note says what is missing, its button goes to the
 * Corpus pane, and it goes away when an index opens (the Neurons pane shows the same note).
 */
@ExtendWith(ApplicationExtension.class)
class NoIndexNoteTest {
    @TempDir
    static Path tmp;
    private WorkbenchContext ctx;
    private final List<String> shownPanes = new CopyOnWriteArrayList<>();
    private StackPane root;

    @Start
    void start(Stage stage) throws Exception {
        ctx = FxTesting.context(Files.createTempDirectory(tmp, "ws"));
        ctx.onShowPane(shownPanes::add);
        root = new StackPane(new SemanticMapPane(ctx));
        stage.setScene(new Scene(root, 1100, 700));
        stage.show();
    }

    @Test
    void theNoteLeadsToTheCorpusPaneAndGoesWhenAnIndexOpens(FxRobot robot) {
        Node note = fx(() -> root.lookup("#no-index-note"));
        assertTrue(fx(note::isVisible));
        String text = fx(() -> ((Label) ((javafx.scene.layout.VBox) note).getChildren().get(0)).getText());
        assertTrue(text.startsWith("No index is open.\nThe map places the WordNet lemmas"), text);

        robot.clickOn("Go to the Corpus pane");
        waitFx(5, () -> !shownPanes.isEmpty());
        assertEquals(List.of("corpus"), shownPanes);

        FxTesting.fxRun(() -> ctx.modelProperty().set(TestIndex.runner()));
        FxTesting.fxRun(() -> ctx.openIndex().open(TestIndex.dir(), false));
        waitFx(60, () -> ctx.openIndex().current() != null);
        assertFalse(fx(note::isVisible), "an open index hides the note");
    }
}
