package org.neuronworkbench.ui.common;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import javafx.collections.FXCollections;
import javafx.collections.ObservableSet;
import org.neuronworkbench.model.MlpNeuron;

/**
 * Bookmarks and notes per neuron, kept in the workspace ({@code bookmarks} as "L3N42",
 * {@code notes} keyed by "L3N42") and written to the workspace file on every change so a
 * crash loses nothing. Use on the FX thread: the workspace is plain mutable data.
 */
public final class NeuronNotes {
    private final WorkbenchContext ctx;
    private final ObservableSet<MlpNeuron> bookmarks = FXCollections.observableSet();

    NeuronNotes(WorkbenchContext ctx) {
        this.ctx = ctx;
        for (String s : ctx.workspace().bookmarks) {
            try {
                bookmarks.add(MlpNeuron.parse(s));
            } catch (IllegalArgumentException ignored) {
                // Someone else's entry format; leave it in the workspace untouched.
            }
        }
    }

    /** Bookmarked neurons; observe it to refresh stars. */
    public ObservableSet<MlpNeuron> bookmarks() {
        return bookmarks;
    }

    public boolean isBookmarked(MlpNeuron n) {
        return bookmarks.contains(n);
    }

    public void setBookmarked(MlpNeuron n, boolean on) {
        Workspace w = ctx.workspace();
        w.bookmarks.remove(n.toString());
        if (on) {
            w.bookmarks.add(n.toString());
            bookmarks.add(n);
        } else {
            bookmarks.remove(n);
        }
        save();
    }

    public String notes(MlpNeuron n) {
        return ctx.workspace().notes.getOrDefault(n.toString(), "");
    }

    /** Stores the note; blank text removes the entry so the workspace stays tidy. */
    public void setNotes(MlpNeuron n, String text) {
        Map<String, String> notes = ctx.workspace().notes;
        String old = notes.getOrDefault(n.toString(), "");
        if (old.equals(text == null ? "" : text)) {
            return;
        }
        if (text == null || text.isBlank()) {
            notes.remove(n.toString());
        } else {
            notes.put(n.toString(), text);
        }
        save();
    }

    /**
     * Writes the workspace file. Done on the FX thread on purpose: the file is a few KB and the
     * workspace is not safe to serialise while the FX thread changes it.
     *
     * @return an error message, empty when saved
     */
    public Optional<String> save() {
        if (ctx.workspaceFile() == null) {
            return Optional.empty();
        }
        try {
            ctx.workspace().save(ctx.workspaceFile());
            return Optional.empty();
        } catch (IOException | UncheckedIOException e) {
            return Optional.of("Could not save the workspace to " + ctx.workspaceFile() + ": " + e.getMessage());
        }
    }
}
