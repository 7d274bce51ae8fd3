package org.neuronworkbench.ui.shell;

import javafx.collections.ListChangeListener;
import javafx.concurrent.Task;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import org.controlsfx.control.StatusBar;
import org.neuronworkbench.ui.common.BackgroundTasks;
import org.neuronworkbench.ui.common.WorkbenchContext;

/**
 * The bottom bar: the model line on the left, each running background task on the right with its
 * title, a progress bar and a cancel button.
 */
final class TaskStatusBar extends StatusBar {
    private final HBox taskBox = new HBox(12);

    TaskStatusBar(WorkbenchContext ctx) {
        setId("status-bar");
        textProperty().bind(ctx.modelStatusProperty());
        taskBox.setAlignment(Pos.CENTER_RIGHT);
        getRightItems().add(taskBox);
        BackgroundTasks tasks = ctx.tasks();
        tasks.running().addListener((ListChangeListener<Task<?>>) c -> rebuild(tasks));
        rebuild(tasks);
    }

    private void rebuild(BackgroundTasks tasks) {
        taskBox.getChildren().clear();
        for (Task<?> task : tasks.running()) {
            taskBox.getChildren().add(entry(task));
        }
    }

    /**
     * What a task's bar is labelled with: its title, else its message (tasks that only say what
     * they do now), else a word, so no bar stands without a label.
     */
    static String label(String title, String message) {
        if (title != null && !title.isBlank()) {
            return title;
        }
        return message != null && !message.isBlank() ? message : "Working…";
    }

    /** The entry of each running task, in order: label, bar, cancel. */
    java.util.List<HBox> entries() {
        return taskBox.getChildren().stream().map(HBox.class::cast).toList();
    }

    private static HBox entry(Task<?> task) {
        Label title = new Label();
        title.getStyleClass().add("task-title");
        title.setMaxWidth(320);
        title.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(
                () -> label(task.getTitle(), task.getMessage()), task.titleProperty(), task.messageProperty()));
        ProgressBar bar = new ProgressBar();
        bar.setPrefWidth(110);
        bar.progressProperty().bind(task.progressProperty());
        Tooltip tip = new Tooltip();
        tip.textProperty().bind(task.messageProperty());
        Tooltip.install(bar, tip);
        Tooltip.install(title, tip);
        Button cancel = new Button("✕");
        cancel.getStyleClass().add("task-cancel");
        cancel.setTooltip(new Tooltip("Cancel this task"));
        cancel.setOnAction(e -> task.cancel());
        HBox box = new HBox(4, title, bar, cancel);
        box.getStyleClass().add("task-entry");
        box.setAlignment(Pos.CENTER_LEFT);
        return box;
    }
}
