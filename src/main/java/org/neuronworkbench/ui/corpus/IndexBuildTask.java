package org.neuronworkbench.ui.corpus;

import java.nio.file.Path;
import javafx.application.Platform;
import org.neuronworkbench.corpus.CorpusList;
import org.neuronworkbench.index.IndexBuildResult;
import org.neuronworkbench.index.IndexBuilder;
import org.neuronworkbench.index.IndexOptions;
import org.neuronworkbench.model.ModelLoader;
import org.neuronworkbench.model.ModelRunner;
import org.neuronworkbench.ui.common.WorkTask;
import org.neuronworkbench.ui.common.WorkbenchContext;
import org.neuronworkbench.work.Cancel;
import org.neuronworkbench.work.Step;

/**
 * Builds one index on the model thread. Loads the workspace's model first if the shell has not
 * loaded one; the builder's steps become the bar and its caption. The pane's Cancel sets
 * {@code stop}, so the build returns its result marked cancelled (the folder keeps the last
 * checkpoint); a cancel from the shell's task list stops it too.
 */
final class IndexBuildTask extends WorkTask<IndexBuildResult> {

    IndexBuildTask(WorkbenchContext ctx, CorpusList corpus, Path out, IndexOptions options, Cancel stop) {
        super("Indexing " + corpus.display(), (progress, cancel) -> {
            ModelRunner runner = ctx.model();
            if (runner == null) {
                progress.report(new Step("Loading model " + ctx.workspace().lastModel + "…", 0, 0, ""));
                ModelRunner loaded = ModelLoader.load(ctx.workspace().lastModel);
                Platform.runLater(() -> {
                    if (ctx.model() == null) {
                        ctx.modelProperty().set(loaded);
                    }
                });
                runner = loaded;
            }
            progress.report(new Step("Indexing " + corpus.display() + "…", 0, 0, ""));
            return new IndexBuilder(options).build(runner, corpus, out, progress,
                    () -> cancel.isCancelled() || stop.isCancelled());
        });
        // Typing during a build is coloured between two of its forwards (BackgroundTasks).
        yieldingToInteractive();
    }
}
