package org.neuronworkbench.ui.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.neuronworkbench.ui.neurons.FxTesting.fx;
import static org.neuronworkbench.ui.neurons.FxTesting.waitFx;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.neuronworkbench.corpus.CorpusList;
import org.neuronworkbench.corpus.WindowOptions;
import org.neuronworkbench.index.IndexBuilder;
import org.neuronworkbench.index.IndexFolders;
import org.neuronworkbench.index.IndexOptions;
import org.neuronworkbench.ui.common.WorkbenchContext;
import org.neuronworkbench.ui.common.Workspace;
import org.neuronworkbench.ui.neurons.FxTesting;
import org.neuronworkbench.ui.neurons.NeuronBrowserPane;
import org.neuronworkbench.ui.neurons.TestIndex;
import org.neuronworkbench.work.Cancel;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The corpus pane building real indexes with the embedded model, next to a neuron browser. */
@ExtendWith(ApplicationExtension.class)
class CorpusPaneTest {
    @TempDir
    Path tmp;
    private WorkbenchContext ctx;
    private CorpusPane pane;
    private NeuronBrowserPane browser;
    private final List<String> shownPanes = new ArrayList<>();

    @Start
    void start(Stage stage) throws Exception {
        ctx = FxTesting.context(Files.createTempDirectory("nw-ws"));
        ctx.modelProperty().set(TestIndex.runner());
        ctx.onShowPane(shownPanes::add);
        pane = new CorpusPane(ctx);
        browser = new NeuronBrowserPane(ctx);
        stage.setScene(new Scene(pane, 1200, 760)); // the browser works unshown: it only follows the open index
        stage.show();
    }

    @AfterEach
    void stop() {
        ctx.tasks().close();
    }

    private void choose(Path corpus) {
        fx(() -> pane.model().choose(corpus.toString()));
        waitFx(30, () -> !pane.model().readingProperty().get());
    }

    @Test
    void buildsAnIndexWithProgressListsItAndOpensItInTheBrowser(FxRobot robot) {
        Path corpus = TestIndex.sampleSlice(tmp, 40);
        choose(corpus);
        assertEquals(40, fx(() -> pane.previewList.getItems().size()));
        assertTrue(fx(() -> pane.model().statusProperty().get()).contains("40 documents"));
        Path out = tmp.resolve("built");
        fx(() -> { pane.model().outputDirProperty().set(out.toString()); return null; });
        List<String> progressSeen = new ArrayList<>();
        fx(() -> {
            pane.progressText.textProperty().addListener((o, a, b) -> progressSeen.add(b));
            return null;
        });
        robot.clickOn(pane.start);
        waitFx(120, () -> pane.model().buildProperty().get() == null);
        assertTrue(progressSeen.stream().anyMatch(s -> s.contains("tokens/s")), progressSeen.toString());
        assertEquals("", fx(() -> pane.model().errorProperty().get()));
        assertEquals(1, fx(() -> pane.indexList.getItems().size()));
        assertTrue(Workspace.load(ctx.workspaceFile()).notes.containsKey(KnownIndexes.PREFIX + out.toAbsolutePath()));

        // The finished index opens by itself and the neuron browser comes forward showing it.
        waitFx(30, () -> ctx.openIndex().current() != null && shownPanes.contains("neurons"));
        assertEquals(out, fx(() -> ctx.openIndex().current().dir()));
        waitFx(30, () -> browser.model().pageProperty().get() != null);
        assertNotNull(fx(() -> browser.pageView().shown()));

        // The whole "Built …" line is on screen (wrapped, not cut with an ellipsis) and in the tooltip.
        String built = fx(() -> pane.progressText.getText());
        assertTrue(built.startsWith("Built " + out), built);
        fx(() -> { pane.layout(); return null; });
        waitFx(5, () -> built.equals(((javafx.scene.text.Text) pane.progressText.lookup(".text")).getText()));
        assertEquals(built, fx(() -> pane.progressText.getTooltip().getText()));
        shownPanes.clear();

        robot.clickOn(pane.indexList.lookup(".list-cell"));
        robot.clickOn(pane.openIndexButton);
        try {
            waitFx(30, () -> ctx.openIndex().current() != null && shownPanes.contains("neurons"));
        } catch (AssertionError e) {
            throw new AssertionError("open failed: error=" + fx(() -> pane.model().errorProperty().get())
                    + " current=" + fx(() -> ctx.openIndex().current()) + " panes=" + shownPanes
                    + " selected=" + fx(() -> pane.indexList.getSelectionModel().getSelectedItem()), e);
        }
        assertEquals(out, ctx.openIndex().current().dir());
        waitFx(30, () -> browser.model().pageProperty().get() != null);
        assertNotNull(fx(() -> browser.pageView().shown()));
    }

    @Test
    void severalFilesAreReadAndIndexedAsOneCorpusAsTheCommandDoes(FxRobot robot) throws Exception {
        Path text = TestIndex.sampleSlice(tmp, 12);
        Path jsonl = tmp.resolve("more.jsonl");
        Files.writeString(jsonl, "{\"text\": \"Boats sail on the river after the rain stops.\"}\n"
                + "{\"text\": \"The bridge over the river was closed.\"}\n");
        List<String> both = List.of(text.toString(), jsonl.toString());
        fx(() -> pane.model().choose(both));
        waitFx(30, () -> !pane.model().readingProperty().get());
        assertEquals("", fx(() -> pane.model().errorProperty().get()));
        assertEquals(14, fx(() -> pane.previewList.getItems().size()), "documents of both files");
        assertEquals(text + ", " + jsonl, fx(() -> pane.model().previewProperty().get().spec()));

        Path out = tmp.resolve("both");
        fx(() -> { pane.model().outputDirProperty().set(out.toString()); return null; });
        IndexOptions options = fx(() -> pane.model().options());
        robot.clickOn(pane.start);
        waitFx(120, () -> pane.model().buildProperty().get() == null);
        assertEquals("", fx(() -> pane.model().errorProperty().get()));
        assertTrue(fx(() -> pane.indexList.getItems().get(0).description()).startsWith("sentences-12.txt and 1 more"),
                fx(() -> pane.indexList.getItems().get(0).description()));

        // The same index as `index --corpus TEXT --corpus JSONL` with the pane's settings.
        Path cli = tmp.resolve("cli");
        new IndexBuilder(options).build(TestIndex.runner(), CorpusList.local(both), cli, null, Cancel.NEVER);
        IndexFolders.assertSameIndex(cli, out);
    }

    @Test
    void aSecondStartIsRefusedAndCancelStopsTheBuild(FxRobot robot) throws Exception {
        List<String> lines = new ArrayList<>();
        List<String> sentences = Files.readAllLines(Path.of("sample-data", "sentences.txt"));
        for (int i = 0; i < 6; i++) {
            lines.addAll(sentences);
        }
        Path big = Files.write(tmp.resolve("big.txt"), lines);
        choose(big);
        fx(() -> { pane.model().outputDirProperty().set(tmp.resolve("big-index").toString()); return null; });
        robot.clickOn(pane.start);
        waitFx(60, () -> pane.progress.getProgress() > 0);
        robot.clickOn(pane.start);
        assertTrue(fx(() -> pane.model().errorProperty().get()).contains("already being built"));
        robot.clickOn(pane.cancel);
        waitFx(60, () -> pane.model().buildProperty().get() == null);
        assertTrue(fx(() -> pane.model().statusProperty().get()).startsWith("Cancelled"));
        assertEquals(0, fx(() -> pane.indexList.getItems().size()));
    }

    @Test
    void aBinaryFileShowsAClearErrorAndKeepsEverything() throws Exception {
        Path good = TestIndex.sampleSlice(tmp, 10);
        choose(good);
        fx(() -> {
            KnownIndexes.remember(ctx.workspace(), tmp.resolve("earlier"), "earlier index");
            pane.model().indexes().setAll(KnownIndexes.list(ctx.workspace()));
            return null;
        });
        byte[] junk = new byte[8192];
        new java.util.Random(7).nextBytes(junk);
        Path bad = Files.write(tmp.resolve("weights.txt"), junk);
        choose(bad);
        String error = fx(() -> pane.model().errorProperty().get());
        assertTrue(error.startsWith("Could not read " + bad), error);
        assertTrue(error.contains("previous corpus is still selected"), error);
        assertEquals(good.toString(), fx(() -> pane.model().previewProperty().get().spec()));
        assertEquals(10, fx(() -> pane.previewList.getItems().size()));
        assertEquals(1, fx(() -> pane.indexList.getItems().size()));
    }

    @Test
    void aOneSentencePerLineFilePreselectsSentenceWindows() throws Exception {
        Path words = Files.write(tmp.resolve("words.txt"), List.of("apple", "banana", "cherry", "damson", "elder"));
        choose(words);
        assertEquals(WindowOptions.Mode.TOKENS, fx(() -> pane.model().modeProperty().get()), "a word list keeps token windows");
        assertFalse(fx(() -> pane.sentencesButton.isSelected()));
        assertFalse(fx(() -> pane.model().statusProperty().get()).contains(CorpusViewModel.SENTENCES_PRESELECTED));

        choose(Path.of("sample-data", "sentences.txt"));
        assertEquals(WindowOptions.Mode.SENTENCE, fx(() -> pane.model().modeProperty().get()));
        assertTrue(fx(() -> pane.sentencesButton.isSelected()), "the radio button shows the preselection");
        assertTrue(fx(() -> pane.model().statusProperty().get()).endsWith("341 documents. " + CorpusViewModel.SENTENCES_PRESELECTED),
                fx(() -> pane.model().statusProperty().get()));
        assertEquals(WindowOptions.Mode.SENTENCE, fx(() -> pane.model().options().window().mode()), "and the build uses it");
    }
}
