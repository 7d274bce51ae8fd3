package org.neuronworkbench.ui.hypothesis;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.concurrent.Task;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import org.neuronworkbench.export.ColourScale;
import org.neuronworkbench.export.ExportFormat;
import org.neuronworkbench.export.HighlightedSentence;
import org.neuronworkbench.model.MlpNeuron;
import org.neuronworkbench.ui.common.BackgroundTasks;

/**
 * Export of the editor's lines for one neuron: options dialog, then a file chooser, then the
 * writing as a background task (PNG hops to the FX thread only for the snapshot, inside
 * PngExporter).
 */
final class ExportDialog {
    private ExportDialog() {
    }

    /** Asks for format and options; empty if cancelled. */
    static Optional<ExportRequest> ask(Window owner, MlpNeuron neuron, int lines) {
        Dialog<ExportRequest> dialog = new Dialog<>();
        dialog.initOwner(owner);
        dialog.setTitle("Export " + neuron);
        dialog.setHeaderText("Export " + lines + (lines == 1 ? " line" : " lines") + " coloured by " + neuron);
        ExportOptionsForm form = new ExportOptionsForm();
        dialog.getDialogPane().setContent(form.node());
        dialog.getDialogPane().getButtonTypes().setAll(ButtonType.OK, ButtonType.CANCEL);
        dialog.setResultConverter(b -> b != ButtonType.OK ? null : form.request());
        return dialog.showAndWait();
    }

    /** The whole flow: options, file, background write; {@code status} hears the outcome. */
    static void run(Window owner, BackgroundTasks tasks, List<HighlightedSentence> sentences, MlpNeuron neuron,
                    ColourScale scale, Consumer<String> status) {
        if (sentences.isEmpty()) {
            status.accept("Nothing to export yet: type a sentence first.");
            return;
        }
        Optional<ExportRequest> request = ask(owner, neuron, sentences.size());
        if (request.isEmpty()) {
            return;
        }
        ExportFormat f = request.get().format();
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export " + f.extension().toUpperCase(java.util.Locale.ROOT));
        chooser.setInitialFileName(neuron + "." + f.extension());
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(f.name(), "*." + f.extension()));
        File file = chooser.showSaveDialog(owner);
        if (file != null) {
            tasks.runIo(writeTask(withScale(request.get(), scale), sentences, file.toPath(), status));
        }
    }

    /** The row's own colour scale (as on screen), unless the user fixed one in the dialog. */
    static ExportRequest withScale(ExportRequest request, ColourScale scale) {
        return request.options().scale().isPresent() ? request
                : new ExportRequest(request.format(), request.options().withScale(scale.full()));
    }

    static Task<Path> writeTask(ExportRequest request, List<HighlightedSentence> sentences, Path file,
                                Consumer<String> status) {
        Task<Path> task = new Task<>() {
            @Override
            protected Path call() throws Exception {
                updateTitle("Export " + request.format().extension().toUpperCase(java.util.Locale.ROOT));
                updateMessage("Writing " + file.getFileName());
                request.format().write(sentences, request.options(), file);
                return file;
            }
        };
        task.setOnSucceeded(e -> status.accept("Exported " + sentences.size() + " lines to " + file));
        task.setOnFailed(e -> status.accept("Export failed: " + task.getException().getMessage()));
        return task;
    }
}
