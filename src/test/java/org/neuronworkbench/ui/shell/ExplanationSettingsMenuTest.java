package org.neuronworkbench.ui.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.neuronworkbench.ui.UiTestSupport.onFx;
import static org.neuronworkbench.ui.UiTestSupport.waitFor;

import java.nio.file.Path;
import java.util.List;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuronworkbench.ui.UiTestSupport;
import org.neuronworkbench.ui.common.Workspace;
import org.neuronworkbench.ui.neurons.ExplanationSettingsDialog;
import org.neuronworkbench.ui.neurons.NeuronBrowserPane;

/** File > Explanation settings… opens the Neurons pane's dialog; what OK saves survives a restart. */
class ExplanationSettingsMenuTest {

    @BeforeAll
    static void toolkit() throws Exception {
        UiTestSupport.startToolkit();
    }

    private static List<Window> settingsWindows() {
        return Window.getWindows().stream().filter(w -> w instanceof Stage s && "Explanation settings".equals(s.getTitle())
                && w.isShowing()).toList();
    }

    @Test
    void theFileMenuOpensTheDialogAndItsSettingsSurviveARestart(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("workspace.json");
        WorkbenchShell first = UiTestSupport.openShell(file);
        onFx(() -> {
            MenuBar bar = (MenuBar) first.stage().getScene().lookup("#menu-bar");
            MenuItem item = bar.getMenus().get(0).getItems().stream().filter(i -> "Explanation settings…".equals(i.getText()))
                    .findFirst().orElseThrow();
            item.fire();
            return null;
        });
        waitFor(10, "the dialog", () -> onFx(() -> settingsWindows().size() == 1));
        onFx(() -> {
            ExplanationSettingsDialog d = ExplanationSettingsDialog.of(
                    (javafx.scene.control.DialogPane) settingsWindows().get(0).getScene().lookup(".dialog-pane"));
            d.llmChoice().setSelected(true);
            d.urlField().setText("http://127.0.0.1:9/v1");
            d.modelField().setText("m");
            d.keyEnvField().setText("NW_MENU_TEST_KEY");
            d.timeoutField().setText("20");
            d.okButton().fire();
            return null;
        });
        waitFor(10, "the dialog closed", () -> onFx(() -> settingsWindows().isEmpty()));
        onFx(() -> {
            first.close();
            return null;
        });
        Workspace saved = Workspace.load(file);
        assertEquals("http://127.0.0.1:9/v1", saved.llmUrl);
        assertEquals("NW_MENU_TEST_KEY", saved.llmKeyEnv);
        assertEquals(20, saved.llmTimeoutSeconds);
        assertFalse(saved.llmOffline);

        WorkbenchShell second = UiTestSupport.openShell(file);
        try {
            assertEquals("Explains with LLM m at 127.0.0.1:9", onFx(() ->
                    ((NeuronBrowserPane) second.pane(Panes.NEURONS)).explainBar().methodLabel().getText()));
        } finally {
            UiTestSupport.closeShell(second);
        }
    }
}
