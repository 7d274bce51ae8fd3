package org.neuronworkbench.ui.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.neuronworkbench.ui.UiTestSupport.onFx;
import static org.neuronworkbench.ui.UiTestSupport.waitFor;

import java.nio.file.Path;
import javafx.scene.Node;
import javafx.scene.control.Label;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuronworkbench.ui.UiTestSupport;
import org.neuronworkbench.ui.common.Workspace;
import org.neuronworkbench.ui.hypothesis.HypothesisPane;
import org.neuronworkbench.ui.hypothesis.HypothesisViewModel;

/** Loading a model folder through the picker; every pane starts, and a broken one is contained. */
class ModelPickerTest {
    private static final Path TINY = Path.of("src/test/resources/fixtures/gpt2-tiny").toAbsolutePath();
    private WorkbenchShell shell;

    @BeforeAll
    static void toolkit() throws Exception {
        UiTestSupport.startToolkit();
    }

    @AfterEach
    void close() throws Exception {
        UiTestSupport.closeShell(shell);
    }

    @Test
    void aFolderWithoutTokenizerLoadsAndTheEditorSaysSo(@TempDir Path dir) throws Exception {
        shell = UiTestSupport.openShell(dir.resolve("workspace.json"));
        onFx(() -> {
            ((HypothesisPane) shell.pane(Panes.HYPOTHESIS)).editor().setText("hello world");
            shell.context().selectedNeuronProperty().set(new org.neuronworkbench.model.MlpNeuron(1, 3));
            return shell.picker().loadFolder(TINY);
        });
        waitFor(120, "gpt2-tiny loaded", () -> shell.context().model() != null
                && shell.context().model().source().equals(TINY.toString()));
        HypothesisPane pane = onFx(() -> (HypothesisPane) shell.pane(Panes.HYPOTHESIS));
        waitFor(30, "the no-tokenizer message", () -> HypothesisViewModel.NO_TOKENIZER.equals(pane.messageLabel().getText()));
        onFx(() -> {
            assertTrue(pane.linesBox().getChildren().isEmpty(), "nothing coloured");
            assertTrue(shell.context().modelStatusProperty().get().endsWith("(no tokenizer)"),
                    shell.context().modelStatusProperty().get());
            return null;
        });
        onFx(() -> {
            shell.close();
            return null;
        });
        assertEquals(TINY.toString(), Workspace.load(dir.resolve("workspace.json")).lastModel);
        shell = null;
    }

    @Test
    void everyPaneIsBuiltAndShortcutsAreListed(@TempDir Path dir) throws Exception {
        shell = UiTestSupport.openShell(dir.resolve("workspace.json"));
        onFx(() -> {
            assertEquals(Panes.defaults().size(), shell.tabs().getTabs().size());
            for (PaneSpec spec : Panes.defaults()) {
                Node pane = shell.pane(spec.id());
                assertFalse(pane.getStyleClass().contains(PaneSpec.FAILED_CLASS), spec.id() + " failed to start");
            }
            Node broken = new PaneSpec("x", "Broken", null, c -> {
                throw new IllegalStateException("no index");
            }).build(null);
            assertTrue(((Label) broken.lookup(".label")).getText().contains("Broken pane failed to start: no index"));
            String table = String.join("\n", shell.shortcutTable());
            for (String action : new String[] {"Corpus", "Neurons", "Hypothesis", "Model", "Open Hugging Face folder…",
                "Export…", "Go to neuron…", "Pin selected neuron", "Debug overlay (latency)",
                "Alt+Left  Neurons: previous neuron", "Alt+Right  Neurons: next neuron", "R  Neurons: random neuron"}) {
                assertTrue(table.contains(action), action + " in\n" + table);
            }
            return null;
        });
    }

    @Test
    void llamaAndQwen2FoldersInTheCacheAreListedAndLoadWithEveryPane(@TempDir Path dir) throws Exception {
        Path hub = dir.resolve("hub");
        for (String fixture : new String[] {"llama-tiny", "qwen2-tiny"}) {
            Path snapshot = java.nio.file.Files.createDirectories(hub.resolve("models--tiny--" + fixture).resolve("snapshots/r1"));
            for (String f : new String[] {"config.json", "model.safetensors"}) {
                java.nio.file.Files.copy(TINY.resolveSibling(fixture).resolve(f), snapshot.resolve(f));
            }
        }
        java.util.List<String> listed = org.neuronworkbench.model.hf.HfCache.list(hub).stream()
                .map(org.neuronworkbench.model.hf.HfCache.CachedModel::id).toList();
        assertEquals(java.util.List.of("tiny/llama-tiny", "tiny/qwen2-tiny"), listed);
        shell = UiTestSupport.openShell(dir.resolve("workspace.json"));
        for (String id : listed) {
            Path folder = org.neuronworkbench.model.hf.HfCache.resolve(id, hub).orElseThrow();
            onFx(() -> shell.picker().loadFolder(folder));
            waitFor(120, id + " loaded", () -> shell.context().model() != null
                    && shell.context().model().source().equals(folder.toString()));
            String arch = id.contains("llama") ? "llama" : "qwen2";
            waitFor(30, "status", () -> shell.context().modelStatusProperty().get()
                    .endsWith(": " + arch + ", 2 layers × 192 neurons (no tokenizer)"));
            onFx(() -> {
                for (PaneSpec spec : Panes.defaults()) {
                    assertFalse(shell.pane(spec.id()).getStyleClass().contains(PaneSpec.FAILED_CLASS), spec.id() + " failed");
                }
                return null;
            });
        }
    }
}
