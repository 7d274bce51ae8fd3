package org.neuronworkbench.ui.shell;

import javafx.application.Application;
import javafx.stage.Stage;
import org.neuronworkbench.ui.common.Workspace;

/** The desktop application: one {@link WorkbenchShell} on the primary stage. */
public final class WorkbenchApp extends Application {
    @Override
    public void start(Stage stage) {
        // A first start opens on the README's example, so the editor is coloured before anything is typed.
        WorkbenchShell.open(stage, Workspace.defaultFile(), Panes.defaults(), Workspace.firstStart());
    }
}
