package org.neuronworkbench.ui.shell;

import java.io.IOException;
import java.net.URL;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextInputDialog;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.neuronworkbench.model.MlpNeuron;
import org.neuronworkbench.model.ModelRunner;
import org.neuronworkbench.ui.common.BackgroundTasks;
import org.neuronworkbench.ui.common.Exportable;
import org.neuronworkbench.ui.common.WorkbenchContext;
import org.neuronworkbench.ui.common.Workspace;

/**
 * The main window: menus, one tab per {@link PaneSpec}, the task status bar and the F12 debug
 * overlay. Restores the workspace on open (window, panes, neurons, last model, loaded in the
 * background) and writes it on close.
 */
public final class WorkbenchShell {
    /** Where the app's stylesheet lives (on the classpath; the top-level resources/ folder is not). */
    public static final String STYLESHEET = "/org/neuronworkbench/ui/workbench.css";

    private final Stage stage;
    private final WorkbenchContext ctx;
    private final List<PaneSpec> panes;
    private final TabPane tabs = new TabPane();
    private final Map<String, Tab> tabById = new LinkedHashMap<>();
    private final ModelPicker picker;
    private final DebugOverlay overlay;
    private final ShellMenus menus;
    private boolean closed;

    private WorkbenchShell(Stage stage, WorkbenchContext ctx, List<PaneSpec> panes) {
        this.stage = stage;
        this.ctx = ctx;
        this.panes = List.copyOf(panes);
        this.picker = new ModelPicker(ctx);
        this.overlay = new DebugOverlay(ctx.metrics());
        this.menus = new ShellMenus(this);
    }

    /** Builds and shows the window on {@code stage}; call on the FX thread. */
    public static WorkbenchShell open(Stage stage, Path workspaceFile, List<PaneSpec> panes) {
        return open(stage, workspaceFile, panes, new Workspace());
    }

    /** As {@link #open(Stage, Path, List)}, starting from {@code whenNew} when there is no workspace file yet. */
    public static WorkbenchShell open(Stage stage, Path workspaceFile, List<PaneSpec> panes, Workspace whenNew) {
        Workspace ws = java.nio.file.Files.exists(workspaceFile) ? Workspace.load(workspaceFile) : whenNew;
        WorkbenchContext ctx = new WorkbenchContext(new BackgroundTasks(), ws, workspaceFile);
        restoreNeurons(ws, ctx);
        WorkbenchShell shell = new WorkbenchShell(stage, ctx, panes);
        shell.build();
        shell.picker.load(ws.lastModel);
        return shell;
    }

    private void build() {
        for (PaneSpec p : panes) {
            Tab tab = new Tab(p.title(), p.build(ctx));
            tab.setId("tab-" + p.id());
            tab.setClosable(false);
            tabs.getTabs().add(tab);
            tabById.put(p.id(), tab);
        }
        BorderPane main = new BorderPane(tabs);
        main.setTop(menus.build());
        main.setBottom(new TaskStatusBar(ctx));
        Scene scene = new Scene(new StackPane(main, overlay));
        URL css = WorkbenchShell.class.getResource(STYLESHEET);
        if (css != null) {
            scene.getStylesheets().add(css.toExternalForm());
        }
        ctx.onShowPane(this::select);
        ctx.onBeforeSave(this::captureState);
        stage.setTitle("Neuron Workbench");
        stage.setScene(scene);
        WindowLayout.apply(ctx.workspace(), stage);
        stage.setOnCloseRequest(e -> save());
        stage.setOnHidden(e -> dispose());
        select(ctx.workspace().selectedPane.isBlank() ? Panes.HYPOTHESIS : ctx.workspace().selectedPane);
        stage.show();
    }

    public WorkbenchContext context() {
        return ctx;
    }

    public Stage stage() {
        return stage;
    }

    public TabPane tabs() {
        return tabs;
    }

    public ModelPicker picker() {
        return picker;
    }

    public List<PaneSpec> panes() {
        return panes;
    }

    /** The node a pane's factory built, or null for an unknown id. */
    public Node pane(String id) {
        Tab tab = tabById.get(id);
        return tab == null ? null : tab.getContent();
    }

    public void select(String id) {
        Tab tab = tabById.get(id);
        if (tab != null) {
            tabs.getSelectionModel().select(tab);
        }
    }

    /** The shortcuts table as shown in Help > Shortcuts. */
    public List<String> shortcutTable() {
        return menus.shortcuts().stream().map(s -> s.keys() + "  " + s.action()).toList();
    }

    public boolean debugOverlayVisible() {
        return overlay.isVisible();
    }

    public String debugOverlayText() {
        return overlay.text();
    }

    void toggleDebug() {
        overlay.toggle();
    }

    /** Ctrl+E: the front pane exports if it can, else the hypothesis editor does. */
    void export() {
        Node front = tabs.getSelectionModel().getSelectedItem().getContent();
        if (!(front instanceof Exportable)) {
            select(Panes.HYPOTHESIS);
            front = pane(Panes.HYPOTHESIS);
        }
        if (front instanceof Exportable e) {
            e.export();
        }
    }

    void goToNeuron() {
        TextInputDialog dialog = new TextInputDialog(String.valueOf(ctx.selectedNeuronProperty().get()));
        dialog.initOwner(stage);
        dialog.setTitle("Go to neuron");
        dialog.setHeaderText("Neuron to select, e.g. L3N42 (layer 3, neuron 42)");
        Optional<String> text = dialog.showAndWait();
        if (text.isEmpty()) {
            return;
        }
        try {
            MlpNeuron n = MlpNeuron.parse(text.get());
            ModelRunner m = ctx.model();
            ctx.selectedNeuronProperty().set(m == null ? n : n.checkedAgainst(m.config()));
        } catch (IllegalArgumentException e) {
            Alert alert = new Alert(Alert.AlertType.ERROR, e.getMessage());
            alert.initOwner(stage);
            alert.show();
        }
    }

    void pinSelected() {
        MlpNeuron n = ctx.selectedNeuronProperty().get();
        if (n != null && !ctx.pinned().contains(n)) {
            ctx.pinned().add(n);
        }
    }

    /** Saves the workspace and closes the window. */
    public void close() {
        save();
        stage.hide();
    }

    private void save() {
        try {
            ctx.saveWorkspace();
        } catch (IOException e) {
            System.err.println("Could not save the workspace to " + ctx.workspaceFile() + ": " + e.getMessage());
        }
    }

    private void captureState() {
        Workspace w = ctx.workspace();
        WindowLayout.capture(stage, w);
        Tab selected = tabs.getSelectionModel().getSelectedItem();
        tabById.forEach((id, tab) -> w.selectedPane = tab == selected ? id : w.selectedPane);
        MlpNeuron n = ctx.selectedNeuronProperty().get();
        w.lastNeuron = n == null ? "" : n.toString();
        w.pinned = ctx.pinned().stream().map(MlpNeuron::toString).toList();
    }

    private void dispose() {
        if (closed) {
            return;
        }
        closed = true;
        BackgroundTasks tasks = ctx.tasks();
        ModelRunner m = ctx.model();
        // Close the model on its own thread, after whatever is still queued there.
        tasks.submitModel(() -> {
            if (m != null) {
                m.close();
            }
            return null;
        }).whenComplete((v, e) -> tasks.close());
    }

    private static void restoreNeurons(Workspace ws, WorkbenchContext ctx) {
        try {
            if (!ws.lastNeuron.isBlank()) {
                ctx.selectedNeuronProperty().set(MlpNeuron.parse(ws.lastNeuron));
            }
        } catch (IllegalArgumentException ignored) {
            // A hand-edited workspace with a bad name keeps the default neuron.
        }
        for (String p : ws.pinned) {
            try {
                MlpNeuron n = MlpNeuron.parse(p);
                if (!ctx.pinned().contains(n)) {
                    ctx.pinned().add(n);
                }
            } catch (IllegalArgumentException ignored) {
                // Same: skip what does not parse.
            }
        }
    }
}
