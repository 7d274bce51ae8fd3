package org.neuronworkbench.ui.common;

import java.util.function.Supplier;
import javafx.scene.Node;
import javafx.scene.control.Control;
import javafx.scene.control.Tooltip;
import javafx.scene.input.MouseEvent;
import javafx.util.Duration;

/**
 * A tooltip created when the pointer first arrives, for nodes that come in hundreds (tokens,
 * histogram bars). Tooltips are popup windows with skins: building one per token and per bar made
 * a neuron page of 37 excerpts take 0.1 to 0.9 s of the FX thread, during which nothing else on
 * screen moved.
 */
public final class LazyTooltip {
    /** JavaFX's own default. */
    public static final Duration DEFAULT_DELAY = Duration.seconds(1);
    private static final String KEY = LazyTooltip.class.getName();

    private LazyTooltip() {
    }

    /** Installs the tooltip {@code text} on {@code node} the first time the pointer enters it. */
    public static void install(Node node, Supplier<String> text, Duration showDelay) {
        node.addEventHandler(MouseEvent.MOUSE_ENTERED, e -> {
            if (node.getProperties().containsKey(KEY)) {
                return;
            }
            Tooltip tip = new Tooltip(text.get());
            tip.setShowDelay(showDelay);
            node.getProperties().put(KEY, tip);
            if (node instanceof Control c) {
                c.setTooltip(tip);
            } else {
                Tooltip.install(node, tip);
            }
        });
    }

    /** The tooltip installed so far, null before the pointer first arrived. */
    public static Tooltip of(Node node) {
        return (Tooltip) node.getProperties().get(KEY);
    }
}
