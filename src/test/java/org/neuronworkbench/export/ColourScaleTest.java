package org.neuronworkbench.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.neuronworkbench.export.XmlTestSupport.sentence;

import java.util.List;
import org.junit.jupiter.api.Test;

class ColourScaleTest {

    @Test
    void theIndexMaximumWinsThenTheTextMaximumThenNothing() {
        ColourScale index = ColourScale.of(3.2, 0.16);
        assertEquals(new ColourScale(3.2, ColourScale.Basis.INDEX_MAX), index);
        assertTrue(index.label().contains("3.2") && index.label().contains("maximum over the index"), index.label());

        ColourScale text = ColourScale.of(Double.NaN, 0.16);
        assertEquals(new ColourScale(0.16, ColourScale.Basis.TEXT_MAX), text);
        assertTrue(text.label().contains("0.16") && text.label().contains("no index open"), text.label());

        // An index maximum that is not positive (a dead neuron) does not make full colour; the text decides.
        assertEquals(ColourScale.Basis.TEXT_MAX, ColourScale.of(0.0, 0.5).basis());

        ColourScale none = ColourScale.of(Double.NaN, -0.05);
        assertEquals(ColourScale.Basis.NOTHING_FIRES, none.basis());
        assertTrue(none.label().contains("pale"), none.label());
    }

    @Test
    void aNeuronThatNeverFiresOnTheTextIsDrawnPale() {
        // The GELU floor everywhere: the old rule took |min| as full colour and painted it deep red.
        List<HighlightedSentence> floor = List.of(sentence(" The", -0.1598, " cat", -0.12, " sat", -0.17));
        ActivationColours c = ColourScale.ofText(floor).colours(SvgOptions.DEFAULT_DARKEN);
        for (TokenActivation t : floor.get(0).tokens()) {
            assertTrue(c.intensity(t.activation()) <= ActivationColours.NEGATIVE_CAP, t.toString());
            assertEquals(Rgb.BLACK, c.textColour(t.activation()));
        }
        assertTrue(c.intensity(-0.17) < 0.05, "the floor is nearly white: " + c.intensity(-0.17));
    }

    @Test
    void textMaximumIsSigned() {
        assertEquals(2.0, ColourScale.maxActivation(List.of(sentence(" a", -7.0, " b", 2.0))), 0.0);
        assertTrue(Double.isNaN(ColourScale.maxActivation(List.of())));
    }
}
