package org.neuronworkbench.ui.simplify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.neuronworkbench.ui.neurons.FxTesting.fx;
import static org.neuronworkbench.ui.neurons.FxTesting.fxRun;
import static org.neuronworkbench.ui.neurons.FxTesting.waitFx;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import javafx.scene.chart.XYChart;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.neuronworkbench.analysis.ContextPruning;
import org.neuronworkbench.analysis.Simplification;
import org.neuronworkbench.analysis.TargetPosition;
import org.neuronworkbench.analysis.TokenSequence;
import org.neuronworkbench.export.TokenActivation;
import org.neuronworkbench.model.MlpNeuron;
import org.neuronworkbench.model.ModelRunner;
import org.neuronworkbench.ui.UiTestSupport;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.neuronworkbench.ui.common.ToolPaneStages;
import org.neuronworkbench.ui.common.ToolPaneTesting;
import org.neuronworkbench.ui.common.CausalInput;
import org.neuronworkbench.ui.common.ToolPane;

/** The replay pane on the embedded MiniLM and on the GPT-2 fixture (ids, no tokenizer). */
class SimplifyPaneTest {
    private static final String TEXT = "the cat sat on the mat";
    private static final MlpNeuron NEURON = new MlpNeuron(3, 17);
    @RegisterExtension
    final ToolPaneStages stages = new ToolPaneStages();
    private ToolPaneTesting.Shown<SimplifyPane> shown;



    private void run(String text, String neuron, String position) {
        SimplifyPane pane = shown.pane();
        fxRun(() -> {
            pane.textField().setText(text);
            pane.neuronField().setText(neuron);
            pane.positionBox().getEditor().setText(position);
            pane.run();
        });
        ToolPaneTesting.idle(pane, 60);
    }

    @Test
    void eachStepShowsTheStepsTokensAndValuesAndTheExportsMatch(@TempDir Path dir) throws Exception {
        ModelRunner m = UiTestSupport.referenceModel();
        shown = stages.show(dir, m, SimplifyPane::new);
        SimplifyPane pane = shown.pane();
        assertFalse(fx(() -> pane.view().chart().isVisible()), "no made-up axes before a replay");
        assertTrue(fx(() -> pane.view().noDataLabel().isVisible() && pane.view().noDataLabel().getText().startsWith("No data yet")));
        run(TEXT, "L3N17", "last");
        SimplifyViewModel replay = fx(pane::replay);
        assertTrue(fx(() -> pane.view().chart().isVisible()));
        assertFalse(fx(() -> pane.view().noDataLabel().isVisible()));
        assertNotNull(replay, ToolPaneTesting.message(pane));
        Simplification.Result expected = new Simplification(m).run(
                new Simplification.Request(TokenSequence.ofText(m, TEXT), NEURON, TargetPosition.LAST));
        assertEquals(expected.steps().size(), replay.steps());
        assertEquals(6, replay.steps());

        for (int k = 0; k < replay.steps(); k++) {
            int step = k;
            fxRun(() -> pane.view().slider().setValue(step));
            Simplification.Step want = expected.steps().get(k);
            List<TokenActivation> labels = ToolPaneTesting.tokens(pane.view().strip());
            assertEquals(want.tokens().size(), labels.size(), "step " + k);
            StringBuilder joined = new StringBuilder();
            for (int i = 0; i < labels.size(); i++) {
                joined.append(labels.get(i).text());
                assertEquals(want.tokens().get(i).strip(), labels.get(i).text().strip(), "the token, with its space before it");
                assertEquals(want.activations()[i], labels.get(i).activation(), 1e-5, "step " + k + " token " + i);
            }
            if (k == 0) {
                assertEquals("[CLS]" + TEXT + "[SEP]", joined.toString(), "the strip reads like the text, spaces included");
                assertEquals(TEXT, String.join("", fx(() -> pane.view().strip().getChildren().stream()
                        .map(n -> ((javafx.scene.control.Label) n).getText()).toList())).replace("[CLS]", "").replace("[SEP]", ""),
                        "the labels draw those spaces");
            }
            String caption = fx(() -> pane.view().caption().getText());
            assertTrue(k == 0 ? caption.contains("original") : caption.contains("removed '" + want.removed().strip() + "'"), caption);
        }

        List<XYChart.Data<Number, Number>> points = fx(() -> List.copyOf(pane.view().curve().getData()));
        assertEquals(replay.steps(), points.size());
        for (int k = 0; k < points.size(); k++) {
            assertEquals(k, points.get(k).getXValue().intValue());
            assertEquals(replay.step(k).targetActivation(), points.get(k).getYValue().floatValue(), 0f);
        }

        Path svg = dir.resolve("replay.svg");
        Path json = dir.resolve("replay.json");
        fxRun(() -> {
            pane.export(svg, "svg");
            pane.export(json, "json");
        });
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(svg.toFile());
        NodeList groups = doc.getElementsByTagName("g");
        int sentence = 0;
        for (int g = 0; g < groups.getLength(); g++) {
            Element e = (Element) groups.item(g);
            if ("sentence".equals(e.getAttribute("class"))) {
                assertEquals(replay.step(sentence).tokens().size(), e.getElementsByTagName("rect").getLength(), "step " + sentence);
                sentence++;
            }
        }
        assertEquals(replay.steps(), sentence, "one stacked sentence per step");
        JsonNode j = new ObjectMapper().readTree(json.toFile());
        assertEquals(expected.forwards(), j.get("forwards").asInt());
        assertEquals(replay.steps(), j.get("steps").size());
        assertTrue(j.get("steps").get(0).get("removed").isNull());
        JsonNode last = j.get("steps").get(replay.steps() - 1);
        assertEquals(replay.step(replay.steps() - 1).targetActivation(), (float) last.get("target_activation").asDouble(), 0f);
        assertEquals(replay.step(replay.steps() - 1).removed(), last.get("removed").asText());

        // Play walks forward through the steps on its own.
        fxRun(() -> {
            pane.view().slider().setValue(0);
            pane.view().togglePlay();
        });
        waitFx(5, () -> pane.view().shownStep() >= 2);
        fxRun(() -> pane.view().togglePlay());
        assertTrue(!fx(() -> pane.view().playing()));
    }

    @Test
    void pruneShowsTheShortestContextOfTheAnalysis(@TempDir Path dir) {
        ModelRunner m = UiTestSupport.referenceModel();
        TokenSequence seq = TokenSequence.ofText(m, TEXT);
        // The first neuron of layer 3 that fires on the text (pruning keeps a share of a positive value).
        MlpNeuron firing = null;
        ContextPruning.Result expected = null;
        for (int i = 0; expected == null; i++) {
            try {
                expected = new ContextPruning(m).run(new ContextPruning.Request(seq, new MlpNeuron(3, i), TargetPosition.MAX, 0.8));
                firing = new MlpNeuron(3, i);
            } catch (IllegalArgumentException silent) {
                // not firing: try the next one
            }
        }
        shown = stages.show(dir, m, SimplifyPane::new);
        SimplifyPane pane = shown.pane();
        run(TEXT, firing.toString(), "max");
        fxRun(() -> {
            pane.keepSpinner().getValueFactory().setValue(80);
            pane.prune();
        });
        ToolPaneTesting.idle(pane, 60);
        String label = fx(() -> pane.prunedLabel().getText());
        List<TokenActivation> labels = ToolPaneTesting.tokens(pane.prunedStrip());
        assertEquals(expected.tokens(), labels.stream().map(TokenActivation::text).toList());
        assertTrue(label.contains(expected.tokens().size() + " tokens")
                && label.contains(String.format("%.4f", expected.activation())), label);
        int target = fx(pane::replay).prunedTarget(expected);
        assertEquals(expected.activation(), labels.get(target).activation(), 0, "the target carries the kept activation");
    }

    @Test
    void badInputIsExplainedAndThePaneStaysUsable(@TempDir Path dir) {
        shown = stages.show(dir, UiTestSupport.referenceModel(), SimplifyPane::new);
        SimplifyPane pane = shown.pane();
        run("   ", "L3N17", "last");
        assertTrue(ToolPaneTesting.message(pane).contains("The text is empty"), ToolPaneTesting.message(pane));
        run(TEXT, "L3N17", "40");
        assertTrue(ToolPaneTesting.message(pane).contains("Position 40 is beyond the text"), ToolPaneTesting.message(pane));
        run(TEXT, "L99N0", "last");
        assertTrue(ToolPaneTesting.message(pane).contains("Layer 99 is out of range"), ToolPaneTesting.message(pane));
        run(TEXT, "L3N9999", "last");
        assertTrue(ToolPaneTesting.message(pane).contains("Neuron 9999 is out of range"), ToolPaneTesting.message(pane));
        run(TEXT, "L3N17", "last");
        assertNotNull(fx(pane::replay), "a good run after bad ones works");
        assertEquals(6, fx(() -> pane.replay().steps()));
    }

    @Test
    void aModelWithoutTokenizerSaysSoAndTakesIds(@TempDir Path dir) {
        ModelRunner gpt2 = ToolPaneTesting.gpt2();
        shown = stages.show(dir, gpt2, SimplifyPane::new);
        SimplifyPane pane = shown.pane();
        assertTrue(ToolPaneTesting.message(pane).contains("no tokenizer"), ToolPaneTesting.message(pane));
        assertEquals(CausalInput.EXAMPLE_IDS, fx(() -> pane.textField().getText()), "an example this model can run");
        run("The cat sat", "L1N5", "last");
        assertEquals(CausalInput.NO_TOKENIZER, ToolPaneTesting.message(pane));
        run("5, 63 22 #87 13", "L1N5", "last");
        SimplifyViewModel r = fx(pane::replay);
        assertNotNull(r, ToolPaneTesting.message(pane));
        Simplification.Result want = new Simplification(gpt2).run(
                new Simplification.Request(TokenSequence.ofIds(gpt2, new int[] {5, 63, 22, 87, 13}),
                        new MlpNeuron(1, 5), TargetPosition.LAST));
        assertEquals(5, r.steps());
        assertEquals(want.steps().get(4).tokens(), r.step(4).tokens());
        // Ids are shown as typed, each with the space before it, so the strip reads "#5 #63 #22 #87 #13".
        assertEquals(List.of("#5", " #63", " #22", " #87", " #13"), ToolPaneTesting.tokens(pane.view().strip()).stream()
                .map(TokenActivation::text).toList());

        // What the user typed stays when the model changes; only the untouched example follows the model.
        ModelRunner withTokenizer = UiTestSupport.referenceModel();
        fxRun(() -> shown.ctx().modelProperty().set(withTokenizer));
        assertEquals("5, 63 22 #87 13", fx(() -> pane.textField().getText()));
        fxRun(() -> {
            shown.ctx().modelProperty().set(gpt2);
            pane.textField().setText(CausalInput.EXAMPLE_IDS);
            shown.ctx().modelProperty().set(withTokenizer);
        });
        assertEquals(ToolPane.DEFAULT_TEXT, fx(() -> pane.textField().getText()));
        assertEquals("a sentence", fx(() -> pane.textField().getPromptText()));
    }
}
