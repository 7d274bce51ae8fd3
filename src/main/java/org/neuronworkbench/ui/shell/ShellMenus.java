package org.neuronworkbench.ui.shell;

import java.util.ArrayList;
import java.util.List;
import javafx.scene.control.Alert;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.GridPane;
import org.neuronworkbench.model.ModelLoader;

/**
 * The menu bar. Every frequent action is a menu item with an accelerator, so shortcuts work
 * anywhere in the window, show in the menus, and the Help > Shortcuts table is built from them.
 */
final class ShellMenus {
    /** One row of the shortcuts table. */
    record Shortcut(String keys, String action) {
    }

    private final WorkbenchShell shell;
    private final List<Shortcut> shortcuts = new ArrayList<>();

    ShellMenus(WorkbenchShell shell) {
        this.shell = shell;
    }

    MenuBar build() {
        Menu file = new Menu("File");
        file.getItems().addAll(
                item("Use embedded MiniLM", null, () -> shell.picker().load(ModelLoader.DEFAULT)),
                item("Open Hugging Face folder…", Panes.ctrl(KeyCode.O), () -> shell.picker().chooseFolder(shell.stage())),
                shell.picker().cacheMenu(),
                new SeparatorMenuItem(),
                item("Export…", Panes.ctrl(KeyCode.E), shell::export),
                new SeparatorMenuItem(),
                item("Explanation settings…", null, () -> shell.context().openExplanationSettings()),
                new SeparatorMenuItem(),
                item("Quit", Panes.ctrl(KeyCode.Q), shell::close));
        Menu go = new Menu("Go");
        for (PaneSpec p : shell.panes()) {
            go.getItems().add(item(p.title(), p.shortcut(), () -> shell.select(p.id())));
        }
        go.getItems().addAll(new SeparatorMenuItem(),
                item("Go to neuron…", Panes.ctrl(KeyCode.G), shell::goToNeuron),
                item("Pin selected neuron", Panes.ctrl(KeyCode.P), shell::pinSelected));
        Menu view = new Menu("View");
        view.getItems().add(item("Debug overlay (latency)", new KeyCodeCombination(KeyCode.F12), shell::toggleDebug));
        Menu help = new Menu("Help");
        help.getItems().addAll(item("Shortcuts", new KeyCodeCombination(KeyCode.F1), this::showShortcuts));
        // Keys a pane handles itself have no menu item; list them too, so F1 names every key.
        for (String[] k : org.neuronworkbench.ui.neurons.NeuronBrowserPane.KEYS) {
            shortcuts.add(new Shortcut(k[0], k[1]));
        }
        MenuBar bar = new MenuBar(file, go, view, help);
        bar.setId("menu-bar");
        return bar;
    }

    List<Shortcut> shortcuts() {
        return List.copyOf(shortcuts);
    }

    private MenuItem item(String text, KeyCombination keys, Runnable action) {
        MenuItem item = new MenuItem(text);
        item.setOnAction(e -> action.run());
        if (keys != null) {
            item.setAccelerator(keys);
            shortcuts.add(new Shortcut(keys.getDisplayText(), text));
        }
        return item;
    }

    void showShortcuts() {
        GridPane grid = new GridPane();
        grid.setHgap(24);
        grid.setVgap(6);
        for (int i = 0; i < shortcuts.size(); i++) {
            Label keys = new Label(shortcuts.get(i).keys());
            keys.getStyleClass().add("shortcut-keys");
            grid.addRow(i, keys, new Label(shortcuts.get(i).action()));
        }
        Alert alert = new Alert(Alert.AlertType.INFORMATION);
        alert.initOwner(shell.stage());
        alert.setTitle("Keyboard shortcuts");
        alert.setHeaderText("Keyboard shortcuts");
        alert.getDialogPane().setContent(grid);
        alert.show();
    }
}
