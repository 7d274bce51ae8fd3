package org.neuronworkbench.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import org.neuronworkbench.analysis.TokenSequence;
import org.neuronworkbench.model.ModelRunner;
import org.neuronworkbench.model.Token;
import org.neuronworkbench.model.TokenizedText;
import picocli.CommandLine.Option;

/** {@code --text} or {@code --ids}: the input of the causal commands (ids for models without a tokenizer). */
public final class InputOption {
    @Option(names = "--text", description = "The text to analyse.")
    String text;

    @Option(names = "--ids", paramLabel = "ID,ID,...", split = ",",
            description = "Token ids instead of text (for models without tokenizer.json); no special tokens are added.")
    int[] ids;

    /**
     * The input as tokens with spans: the tokenized text, or the ids as given (spans -1, shown as
     * their vocabulary strings, or #id without a tokenizer).
     */
    TokenizedText tokenized(ModelRunner runner, PrintWriter err) {
        if (text == null && ids != null) {
            TokenSequence seq = sequence(runner, err);
            List<Token> tokens = new ArrayList<>();
            for (int i = 0; i < seq.length(); i++) {
                tokens.add(new Token(i, seq.texts().get(i), seq.ids()[i], -1, -1, false));
            }
            return new TokenizedText("", tokens, false);
        }
        if (text != null && ids == null) {
            TokenizedText t = runner.tokenize(text);
            warnIfTruncated(t, runner, err);
            return t;
        }
        sequence(runner, err); // explains what is wrong with the pair
        throw new IllegalStateException("unreachable");
    }

    TokenSequence sequence(ModelRunner runner, PrintWriter err) {
        if (text != null && ids != null) {
            throw new IllegalArgumentException("Give --text or --ids, not both.");
        }
        if (ids != null) {
            if (ids.length == 0) {
                throw new IllegalArgumentException("--ids is empty: give at least one token id.");
            }
            return TokenSequence.ofIds(runner, ids);
        }
        if (text == null) {
            throw new IllegalArgumentException("Give the input with --text (or --ids for a model without a tokenizer).");
        }
        TokenizedText t = runner.tokenize(text);
        warnIfTruncated(t, runner, err);
        return TokenSequence.of(t);
    }

    private static void warnIfTruncated(TokenizedText t, ModelRunner runner, PrintWriter err) {
        if (t.truncated()) {
            err.println("warning: the text has more tokens than the model's " + runner.config().maxPositions()
                    + " positions; it was truncated to the first " + runner.config().maxPositions() + ".");
        }
    }
}
