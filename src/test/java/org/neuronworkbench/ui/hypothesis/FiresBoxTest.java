package org.neuronworkbench.ui.hypothesis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.neuronworkbench.ui.neurons.FxTesting.fx;
import static org.neuronworkbench.ui.neurons.FxTesting.fxRun;
import static org.neuronworkbench.ui.neurons.FxTesting.waitFx;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.neuronworkbench.analysis.FiringNeurons;
import org.neuronworkbench.analysis.TokenSequence;
import org.neuronworkbench.index.CorpusIndex;
import org.neuronworkbench.model.ModelRunner;
import org.neuronworkbench.ui.UiTestSupport;
import org.neuronworkbench.ui.common.WorkbenchContext;
import org.neuronworkbench.ui.neurons.FxTesting;
import org.neuronworkbench.ui.neurons.TestIndex;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The editor's "which neurons fire" box on the real model and a real index, driven through its controls. */
@ExtendWith(ApplicationExtension.class)
class FiresBoxTest {
    private static final String TEXT = "The cat sat on the mat.";
    @TempDir
    static Path tmp;
    private WorkbenchContext ctx;
    private FiresBox box;
    private ModelRunner model;

    @Start
    void start(Stage stage) throws Exception {
        model = UiTestSupport.referenceModel();
        ctx = FxTesting.context(Files.createTempDirectory(tmp, "ws"));
        ctx.modelProperty().set(model);
        box = new FiresBox(ctx);
        stage.setScene(new Scene(box, 900, 400));
        stage.show();
    }

    @Test
    void listsTheFiringNeuronsOfEveryLayerAndAClickSelectsOne(FxRobot robot) {
        robot.clickOn(box.textField()).write(TEXT);
        robot.clickOn("#fires-find");
        waitFx(60, () -> box.list().getItems().size() == FiresBox.TOP);
        FiringNeurons.Result want = new FiringNeurons(model).run(
                new FiringNeurons.Request(TokenSequence.ofText(model, TEXT), FiresBox.TOP, false, null));
        assertEquals(want.neurons(), fx(() -> List.copyOf(box.list().getItems())));
        javafx.scene.Node third = robot.from(box.list()).lookup(".list-cell")
                .match((javafx.scene.control.ListCell<?> c) -> c.getIndex() == 2).query();
        assertEquals(FiresBox.line(want.neurons().get(2), want.input().texts()),
                ((javafx.scene.control.ListCell<?>) third).getText());
        robot.clickOn(third);
        waitFx(10, () -> want.neurons().get(2).neuron().equals(ctx.selectedNeuronProperty().get()));
    }

    @Test
    void relativeRankingUsesTheOpenIndexAndSaysWhenThereIsNone(FxRobot robot) {
        robot.clickOn(box.textField()).write(TEXT);
        robot.clickOn(box.relativeBox());
        robot.clickOn("#fires-find");
        assertTrue(fx(() -> box.status().getText()).contains("needs an open index"), fx(() -> box.status().getText()));
        assertTrue(fx(() -> box.list().getItems().isEmpty()));

        fxRun(() -> ctx.openIndex().open(TestIndex.dir(), false));
        waitFx(60, () -> ctx.openIndex().current() != null);
        robot.clickOn("#fires-find");
        waitFx(60, () -> box.list().getItems().size() == FiresBox.TOP);
        CorpusIndex index = fx(() -> ctx.openIndex().current().index());
        FiringNeurons.Result want = new FiringNeurons(model).run(
                new FiringNeurons.Request(TokenSequence.ofText(model, TEXT), FiresBox.TOP, true, index));
        assertEquals(want.neurons(), fx(() -> List.copyOf(box.list().getItems())));
        assertTrue(want.neurons().get(0).relative() > 0);
    }
}
