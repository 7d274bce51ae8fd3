package org.neuronworkbench.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** NeuroX's two-colour option: parsing, and that it changes hue only, never which values look strong. */
class TokenColoursTest {
    @Test
    void parsesPresetsAndHexPairs() {
        assertEquals(TokenColours.COLORBREWER, TokenColours.parse("colorbrewer"));
        assertEquals(TokenColours.NEUROX, TokenColours.parse(" NeuroX "));
        assertEquals(TokenColours.NEUROX, TokenColours.parse("#d35f5f,#00aad4"));
        assertEquals(new TokenColours(new Rgb(0, 0, 0), new Rgb(255, 0, 16)), TokenColours.parse("000000, #FF0010"));
        assertEquals("neurox", TokenColours.NEUROX.describe());
        assertEquals("#000000,#ff0010", TokenColours.parse("000000,#ff0010").describe());
        for (String bad : List.of("", "red", "#d35f5f", "#d35f5f,#00aad4,#000000", "#d35f5f,#00aaz4", "#fff,#000")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TokenColours.parse(bad));
            assertTrue(e.getMessage().contains(bad.strip().isEmpty() ? "not two colours" : "colour"), e.getMessage());
        }
    }

    @Test
    void neuroXColoursKeepTheIntensitiesOfTheScale() {
        ActivationColours c = new ActivationColours(2.0, 2);
        // Full colour at the scale; white at 0; a negative at most NEGATIVE_CAP of the way to red.
        assertEquals(new Rgb(0x00, 0xaa, 0xd4), TokenColours.NEUROX.fill(c, 2.0));
        assertEquals(Rgb.WHITE, TokenColours.NEUROX.fill(c, 0.0));
        assertEquals(Rgb.WHITE.blend(new Rgb(0xd3, 0x5f, 0x5f), 0.2), TokenColours.NEUROX.fill(c, -5.0));
        // darken 2 at half the scale: 1 - (1 - 0.5)^2 = 0.75 of the way.
        assertEquals(Rgb.WHITE.blend(new Rgb(0x00, 0xaa, 0xd4), 0.75), TokenColours.NEUROX.fill(c, 1.0));
        for (double a : new double[] {-1, -0.17, 0, 0.3, 1.9, 7}) {
            assertEquals(c.fill(a), TokenColours.COLORBREWER.fill(c, a), "the default is the ColorBrewer fill, a = " + a);
        }
    }
}
