package org.neuronworkbench.ui.corpus;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/** The corpus pane's file dialogs: corpus files, a corpus folder, the index's output folder. */
final class CorpusDialogs {
    private CorpusDialogs() {
    }

    /** Corpus files, sorted by path (empty when cancelled): the dialog's order is the platform's. */
    static List<String> files(Window owner) {
        FileChooser fc = new FileChooser();
        fc.setTitle("Open corpus files (several are read as one corpus)");
        fc.getExtensionFilters().addAll(new FileChooser.ExtensionFilter("Text or JSON lines", "*.txt", "*.jsonl"),
                new FileChooser.ExtensionFilter("All files", "*.*"));
        List<File> chosen = fc.showOpenMultipleDialog(owner);
        // A sorted list gives the same corpus, and so the same index, however the files were picked.
        return chosen == null ? List.of() : chosen.stream().map(File::getPath).sorted().toList();
    }

    static Optional<String> folder(Window owner) {
        DirectoryChooser dc = new DirectoryChooser();
        dc.setTitle("Open a folder of .txt files");
        return Optional.ofNullable(dc.showDialog(owner)).map(File::getPath);
    }

    /** A folder for the index, starting next to {@code current} when that folder's parent exists. */
    static Optional<String> outputFolder(Window owner, String current) {
        DirectoryChooser dc = new DirectoryChooser();
        dc.setTitle("Folder for the index");
        if (current != null && !current.isBlank() && Path.of(current).getParent() != null
                && Path.of(current).getParent().toFile().isDirectory()) {
            dc.setInitialDirectory(Path.of(current).getParent().toFile());
        }
        return Optional.ofNullable(dc.showDialog(owner)).map(File::getPath);
    }
}
