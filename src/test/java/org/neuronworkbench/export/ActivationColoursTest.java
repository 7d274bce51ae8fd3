package org.neuronworkbench.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.neuronworkbench.export.XmlTestSupport.sentence;

import java.util.List;
import org.junit.jupiter.api.Test;

class ActivationColoursTest {

    @Test
    void darkenStacksLayersLikeNeuroX() {
        ActivationColours linear = new ActivationColours(2.0, 1);
        ActivationColours twice = new ActivationColours(2.0, 2);
        assertEquals(0.5, linear.intensity(1.0), 1e-12);
        assertEquals(0.75, twice.intensity(1.0), 1e-12, "1 - (1 - 0.5)^2");
        assertEquals(1.0, twice.intensity(5.0), 1e-12, "clamped beyond the scale");
        assertEquals(Rgb.WHITE, twice.fill(0.0));
        assertTrue(twice.fill(1.0).red() < linear.fill(1.0).red(), "more darken, stronger colour");
    }

    @Test
    void textTurnsWhiteOnlyOnDarkFills() {
        ActivationColours c = new ActivationColours(1.0, 2);
        assertEquals(Rgb.WHITE, c.textColour(1.0));
        assertEquals(Rgb.BLACK, c.textColour(-1.0), "a negative value is only ever a pale red");
        assertEquals(Rgb.BLACK, c.textColour(0.1));
        assertEquals(Rgb.BLACK, c.textColour(0.0));
    }

    @Test
    void valuesAtOrBelowZeroAreNeverStrongColour() {
        for (int darken : new int[] {1, 2, 5, 100}) {
            ActivationColours c = new ActivationColours(0.16, darken);
            // The GELU floor against a tiny text maximum used to be deep red.
            assertEquals(ActivationColours.NEGATIVE_CAP * 1.0, c.intensity(-0.17), 1e-12, "capped, darken " + darken);
            assertEquals(ActivationColours.NEGATIVE_CAP * 0.5, c.intensity(-0.08), 1e-12, "linear below the cap");
            assertEquals(0.0, c.intensity(0.0), 0.0);
            assertTrue(c.intensity(0.16) == 1.0 && c.intensity(-1e9) <= ActivationColours.NEGATIVE_CAP);
        }
    }

    @Test
    void exportScaleIsTheLargestValueOverAllSentencesOrFixed() {
        List<HighlightedSentence> s = List.of(sentence(" a", 1.5), sentence(" b", -3.0, " c", 2.0));
        assertEquals(2.0, ActivationColours.forExport(s, SvgOptions.defaults()).scale(), "negatives do not set the scale");
        assertEquals(7.0, ActivationColours.forExport(s, SvgOptions.defaults().withScale(7)).scale());
        assertEquals(1.0, ActivationColours.forExport(List.of(sentence(" z", 0.0)), SvgOptions.defaults()).scale());
    }

    @Test
    void optionsAndInputsAreValidatedWithClearMessages() {
        SvgOptions d = SvgOptions.defaults();
        assertEquals(2, d.darken());
        assertEquals(60, d.charLimit());
        assertEquals(20.0, d.fontSize());
        assertEquals("darken must be between 1 and 100 but was 0",
                assertThrows(IllegalArgumentException.class, () -> d.withDarken(0)).getMessage());
        assertEquals("charLimit must be at least 1 but was 0",
                assertThrows(IllegalArgumentException.class, () -> d.withCharLimit(0)).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> d.withFontSize(Double.NaN))
                .getMessage().startsWith("fontSize must be"));
        assertEquals("scale must be a positive finite number but was -1.0",
                assertThrows(IllegalArgumentException.class, () -> d.withScale(-1)).getMessage());
        assertEquals("activation of token ' x' must be finite but was NaN",
                assertThrows(IllegalArgumentException.class, () -> new TokenActivation(" x", Double.NaN)).getMessage());
    }

    @Test
    void tooltipValuesAreShortAndLocaleFree() {
        assertEquals("1.73", ActivationColours.format(1.73));
        assertEquals("-0.92", ActivationColours.format(-0.92));
        assertEquals("0", ActivationColours.format(-0.0));
        assertEquals("0.1235", ActivationColours.format(0.123456));
        assertEquals("1235", ActivationColours.format(1234.5));
        assertEquals("2E-7", ActivationColours.format(2.0E-7));
        assertEquals("1.235E+7", ActivationColours.format(12_345_678));
    }

    @Test
    void displayTextKeepsPairsAndMapsControls() {
        assertEquals("a\u2409b\u240A", DisplayText.of("a\tb\n"));
        assertEquals("👍🏽", DisplayText.of("👍🏽"));
        assertEquals("\uFFFDx\uFFFD", DisplayText.of("\udc00x\ud83d"));
        assertEquals(2, DisplayText.columns("👍🏽"));
    }
}
