package org.neuronworkbench.ui.shell;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import javafx.concurrent.Task;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.stage.DirectoryChooser;
import javafx.stage.Window;
import org.neuronworkbench.model.ModelConfig;
import org.neuronworkbench.model.ModelLoader;
import org.neuronworkbench.model.ModelRunner;
import org.neuronworkbench.model.hf.HfCache;
import org.neuronworkbench.ui.common.WorkbenchContext;

/**
 * Chooses and loads models: the embedded MiniLM, a Hugging Face folder, or a model from the local
 * cache. Loading is a cancellable background task on the model thread; the old model is closed on
 * that thread too, after any work still queued for it.
 */
public final class ModelPicker {
    private final WorkbenchContext ctx;

    public ModelPicker(WorkbenchContext ctx) {
        this.ctx = ctx;
        ctx.onLoadModel(this::load);
    }

    /** Loads a model in the background; the returned task is also listed in the status bar. */
    public Task<ModelRunner> load(String spec) {
        String shown = spec == null || spec.isBlank() ? ModelLoader.DEFAULT : spec;
        Task<ModelRunner> task = new Task<>() {
            @Override
            protected ModelRunner call() {
                updateTitle("Load model");
                updateMessage("Loading " + shown + "…");
                updateProgress(-1, 1);
                ModelRunner runner = ModelLoader.load(shown);
                if (runner.hasTokenizer() && !isCancelled()) {
                    // The first forward pays for native start-up (seconds); do it here, not on a keystroke.
                    updateMessage("Warming up " + shown + "…");
                    runner.runWithCache(List.of(runner.tokenize("Warm up.")), h -> false);
                }
                if (isCancelled()) {
                    runner.close();
                }
                return runner;
            }
        };
        ctx.modelStatusProperty().set("Loading model " + shown + "…");
        task.setOnSucceeded(e -> use(task.getValue(), shown));
        task.setOnFailed(e -> ctx.modelStatusProperty().set("Could not load " + shown + ": " + message(task.getException())));
        task.setOnCancelled(e -> ctx.modelStatusProperty().set(ctx.model() == null ? "Model loading cancelled."
                : describe(ctx.model())));
        return ctx.tasks().runModel(task);
    }

    /** What the "Open Hugging Face folder…" chooser calls. */
    public Task<ModelRunner> loadFolder(Path folder) {
        return load(folder.toAbsolutePath().toString());
    }

    public void chooseFolder(Window owner) {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle("Open a Hugging Face model folder (config.json + safetensors)");
        File dir = chooser.showDialog(owner);
        if (dir != null) {
            loadFolder(dir.toPath());
        }
    }

    /** A menu of the models in the local Hugging Face cache, re-read each time it opens. */
    public Menu cacheMenu() {
        Menu menu = new Menu("Models in Hugging Face cache");
        MenuItem none = new MenuItem("(none found)");
        none.setDisable(true);
        menu.getItems().add(none);
        menu.setOnShowing(e -> {
            List<HfCache.CachedModel> models = HfCache.list();
            menu.getItems().clear();
            if (models.isEmpty()) {
                MenuItem empty = new MenuItem("(none in " + HfCache.hubDir(System.getenv()) + ")");
                empty.setDisable(true);
                menu.getItems().add(empty);
            }
            for (HfCache.CachedModel m : models) {
                MenuItem item = new MenuItem(m.id());
                item.setMnemonicParsing(false);
                item.setOnAction(a -> load(m.id()));
                menu.getItems().add(item);
            }
        });
        return menu;
    }

    private void use(ModelRunner runner, String spec) {
        ModelRunner old = ctx.model();
        ctx.modelProperty().set(runner);
        ctx.workspace().lastModel = spec;
        ctx.modelStatusProperty().set(describe(runner));
        // One line in the app's log: what was loaded (the installer's smoke test waits for it).
        System.err.println("loaded: " + describe(runner));
        if (old != null && old != runner) {
            // Queued behind anything still running on the old model.
            ctx.tasks().submitModel(() -> {
                old.close();
                return null;
            });
        }
    }

    static String describe(ModelRunner runner) {
        ModelConfig c = runner.config();
        return "Model " + runner.source() + ": " + c.architecture().modelType() + ", " + c.layers() + " layers × "
                + c.dMlp() + " neurons" + (runner.hasTokenizer() ? "" : " (no tokenizer)");
    }

    private static String message(Throwable t) {
        return t == null ? "unknown error" : t.getMessage() == null ? t.toString() : t.getMessage();
    }
}
