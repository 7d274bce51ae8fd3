package org.neuronworkbench.ui.common;

import javafx.scene.Node;

/**
 * Whether a pane is on screen, for panes that would otherwise redo work for every change made in
 * another pane. A tab's content sits in a region that the tab pane makes invisible while another
 * tab is selected; a pane is showing when it and every parent are visible.
 */
public final class Showing {
    private Showing() {
    }

    public static boolean showing(Node node) {
        for (Node n = node; n != null; n = n.getParent()) {
            if (!n.isVisible()) {
                return false;
            }
        }
        return true;
    }

    /**
     * Runs {@code action} each time {@code node}'s parent becomes visible (its tab is selected).
     * Only the direct parent is watched: that is the region a tab pane hides.
     */
    public static void whenShown(Node node, Runnable action) {
        node.parentProperty().addListener((o, old, parent) -> {
            if (parent != null) {
                parent.visibleProperty().addListener((v, was, now) -> {
                    if (now && parent == node.getParent()) {
                        action.run();
                    }
                });
            }
        });
    }
}
