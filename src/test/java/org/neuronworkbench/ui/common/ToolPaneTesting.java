package org.neuronworkbench.ui.common;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.neuronworkbench.export.TokenActivation;
import org.neuronworkbench.model.Fixtures;
import org.neuronworkbench.model.ModelRunner;
import org.neuronworkbench.ui.UiTestSupport;
import org.neuronworkbench.ui.neurons.FxTesting;

/** A tool pane on its own stage (Monocle), with a real model in its context. */
public final class ToolPaneTesting {
    private static ModelRunner gpt2;

    private ToolPaneTesting() {
    }

    public static synchronized ModelRunner gpt2() {
        if (gpt2 == null) {
            gpt2 = Fixtures.load(Fixtures.GPT2);
        }
        return gpt2;
    }

    public record Shown<P extends ToolPane>(WorkbenchContext ctx, P pane, Stage stage) {
        public void close() {
            FxTesting.fxRun(stage::hide);
            ctx.tasks().close();
        }
    }

    public static <P extends ToolPane> Shown<P> show(Path dir, ModelRunner model, Function<WorkbenchContext, P> factory) {
        WorkbenchContext ctx = FxTesting.context(dir);
        return FxTesting.fx(() -> {
            ctx.modelProperty().set(model);
            P pane = factory.apply(ctx);
            Stage stage = new Stage();
            stage.setScene(new Scene(pane, 1100, 760));
            stage.show();
            return new Shown<>(ctx, pane, stage);
        });
    }

    /** Waits for the pane's task to end (the run button comes back). */
    public static void idle(ToolPane pane, int seconds) {
        FxTesting.waitFx(seconds, () -> pane.running() == null);
    }

    public static String message(ToolPane pane) {
        return FxTesting.fx(() -> pane.messageLabel().getText());
    }

    /** Resizes the window to {@code width} and waits for the next layout of its scene. */
    public static void resize(Shown<?> s, double width) {
        FxTesting.fxRun(() -> {
            s.stage().setWidth(width);
            s.stage().getScene().getRoot().applyCss();
            s.stage().getScene().getRoot().layout();
        });
    }

    /** The token labels of a strip with the values they were coloured by. */
    public static List<TokenActivation> tokens(Node strip) {
        return FxTesting.fx(() -> {
            List<TokenActivation> out = new ArrayList<>();
            for (Label l : UiTestSupport.tokens(strip)) {
                out.add((TokenActivation) l.getUserData());
            }
            return out;
        });
    }
}
