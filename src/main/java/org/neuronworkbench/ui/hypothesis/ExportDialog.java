package org.neuronworkbench.ui.hypothesis;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
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
 * Export of the editor's lines for the shown neurons (the selected one and every pinned one, each
 * row on its own colour scale as in the pane): options dialog, then a file chooser, then the
 * writing as a background task (PNG hops to the FX thread only for the snapshot, inside
 * PngExporter).
 */
final class ExportDialog {
    private ExportDialog() {
    }

    /** Asks for format and options; empty if cancelled. */
    static Optional<ExportRequest> ask(Window owner, String what, String header) {
        Dialog<ExportRequest> dialog = new Dialog<>();
        dialog.initOwner(owner);
        dialog.setTitle("Export " + what);
        dialog.setHeaderText(header);
        ExportOptionsForm form = new ExportOptionsForm();
        dialog.getDialogPane().setContent(form.node());
        dialog.getDialogPane().getButtonTypes().setAll(ButtonType.OK, ButtonType.CANCEL);
        dialog.setResultConverter(b -> b != ButtonType.OK ? null : form.request());
        return dialog.showAndWait();
    }

    /** The whole flow: options, file, background write; {@code status} hears the outcome. */
    static void run(Window owner, BackgroundTasks tasks, HypothesisResult result, Map<MlpNeuron, ColourScale> scales,
                    Consumer<String> status) {
        List<HighlightedSentence> rows = rows(result, scales);
        if (rows.isEmpty()) {
            status.accept("Nothing to export yet: type a sentence first.");
            return;
        }
        List<MlpNeuron> neurons = List.copyOf(scales.keySet());
        String what = neurons.size() == 1 ? neurons.get(0).toString()
                : neurons.stream().map(MlpNeuron::toString).collect(Collectors.joining(", "));
        int lines = rows.size() / neurons.size();
        String header = "Export " + lines + (lines == 1 ? " line" : " lines") + " coloured by " + what
                + (neurons.size() > 1 ? "\n(one row per neuron and line, each on its own scale)" : "");
        Optional<ExportRequest> request = ask(owner, what, header);
        if (request.isEmpty()) {
            return;
        }
        ExportFormat f = request.get().format();
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export " + f.extension().toUpperCase(java.util.Locale.ROOT));
        chooser.setInitialFileName(neurons.get(0) + (neurons.size() > 1 ? "-and-" + (neurons.size() - 1) + "-more" : "")
                + "." + f.extension());
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(f.name(), "*." + f.extension()));
        File file = chooser.showSaveDialog(owner);
        if (file != null) {
            tasks.runIo(writeTask(request.get(), rows, file.toPath(), status));
        }
    }

    /**
     * What the pane shows, as export rows: per line, one row per neuron in the pane's order, each on
     * the scale the pane uses for it. A single neuron's rows are unlabelled, as NeuroX draws them;
     * with several, each row is labelled with its neuron.
     */
    static List<HighlightedSentence> rows(HypothesisResult result, Map<MlpNeuron, ColourScale> scales) {
        List<HighlightedSentence> out = new ArrayList<>();
        for (LineActivations line : result.lines()) {
            for (Map.Entry<MlpNeuron, ColourScale> e : scales.entrySet()) {
                HighlightedSentence row = line.row(e.getKey());
                if (row != null) {
                    out.add(row.asRow(scales.size() == 1 ? "" : e.getKey().toString(), e.getValue()));
                }
            }
        }
        return out;
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
        long labelled = sentences.stream().filter(s -> !s.label().isEmpty()).count();
        String what = labelled == 0 ? sentences.size() + " lines" : sentences.size() + " rows";
        task.setOnSucceeded(e -> status.accept("Exported " + what + " to " + file));
        task.setOnFailed(e -> status.accept("Export failed: " + task.getException().getMessage()));
        return task;
    }
}
