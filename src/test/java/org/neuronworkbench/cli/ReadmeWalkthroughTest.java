package org.neuronworkbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.neuronworkbench.model.MlpNeuron;
import org.neuronworkbench.model.ModelLoader;
import org.neuronworkbench.model.ModelRunner;
import org.neuronworkbench.model.NeuronValues;
import org.neuronworkbench.model.Offline;
import org.neuronworkbench.model.Token;
import org.neuronworkbench.model.TokenizedText;

/**
 * The README's walkthrough shows something (the first hour's item 1: its old neuron was negative
 * on every token of its example, so every command showed nothing): every command line that names a
 * neuron and a text has that neuron clearly firing on it, and the sentence that introduces the
 * walkthrough names the right token and value.
 */
class ReadmeWalkthroughTest {
    private static final Pattern NEURON_AND_TEXT = Pattern.compile("--layer (\\d+) --neuron (\\d+).*?--text \"([^\"]+)\"");
    private static final Pattern INTRO = Pattern.compile(
            "It follows L(\\d+)N(\\d+), a layer-\\d+ neuron that fires on \"([^\"]+)\" in\\s+\"([^\"]+)\" \\(about ([0-9.]+);");

    @Test
    void everyWalkthroughNeuronFiresOnItsTextAsTheReadmeSays() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        Matcher intro = INTRO.matcher(readme);
        assertTrue(intro.find(), "the walkthrough's introduction");
        List<String[]> lines = new ArrayList<>();
        for (String line : readme.lines().toList()) {
            Matcher m = NEURON_AND_TEXT.matcher(line);
            if (line.startsWith("nw ") && m.find()) {
                lines.add(new String[] {m.group(1), m.group(2), m.group(3)});
            }
        }
        assertTrue(lines.size() >= 5, "walkthrough commands with a neuron and a text: " + lines.size());
        Offline.enforce();
        try (ModelRunner runner = ModelLoader.loadEmbedded()) {
            for (String[] l : lines) {
                MlpNeuron n = new MlpNeuron(Integer.parseInt(l[0]), Integer.parseInt(l[1]));
                double max = peak(runner, n, l[2])[1];
                // The GELU floor is about -0.17: a neuron that "shows nothing" stays below zero.
                assertTrue(max > 0.5, n + " on \"" + l[2] + "\" peaks at " + max);
            }
            MlpNeuron n = new MlpNeuron(Integer.parseInt(intro.group(1)), Integer.parseInt(intro.group(2)));
            double[] peak = peak(runner, n, intro.group(4));
            TokenizedText t = runner.tokenize(intro.group(4));
            Token at = t.tokens().get((int) peak[0]);
            assertEquals(intro.group(3), at.text().strip(), "the token named in the README");
            assertEquals(Double.parseDouble(intro.group(5)), peak[1], 0.01, "the value named in the README");
        }
    }

    /** {token index, value} of the neuron's largest activation over the text's non-special tokens. */
    private static double[] peak(ModelRunner runner, MlpNeuron n, String text) {
        TokenizedText t = runner.tokenize(text);
        float[] values = NeuronValues.of(runner, List.of(t), List.of(n)).perText().get(0).get(n);
        int best = -1;
        for (Token tok : t.tokens()) {
            if (!tok.special() && (best < 0 || values[tok.index()] > values[best])) {
                best = tok.index();
            }
        }
        return new double[] {best, values[best]};
    }
}
