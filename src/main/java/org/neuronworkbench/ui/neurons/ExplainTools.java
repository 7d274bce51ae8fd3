package org.neuronworkbench.ui.neurons;

import java.time.Duration;
import java.util.function.UnaryOperator;
import org.neuronworkbench.analysis.explain.LlmClient;
import org.neuronworkbench.analysis.explain.LlmEndpoint;
import org.neuronworkbench.analysis.explain.NearestWords;
import org.neuronworkbench.analysis.explain.SentenceEncoder;
import org.neuronworkbench.model.ModelLoader;
import org.neuronworkbench.model.ModelRunner;
import org.neuronworkbench.ui.common.Workspace;

/**
 * What explaining needs besides the studied model, made once and kept: the sentence encoder (the
 * embedded all-MiniLM-L6-v2, loaded on its own when another model is studied), its nearest words,
 * and the LLM client when the workspace configures one ({@code llmUrl}, {@code llmModel} and
 * {@code llmKeyEnv}, the NAME of the variable holding the key, as the command's options; set in
 * the Explanation settings dialog). Without {@code llmUrl}, or with {@code llmOffline}, nothing
 * goes to the network: the offline rule explainer is used.
 */
final class ExplainTools {
    /** The parts of one request; {@code llm} is null offline. */
    record Parts(SentenceEncoder encoder, NearestWords words, LlmClient llm) {
    }

    private final Workspace workspace;
    private final UnaryOperator<String> environment;
    private ModelRunner minilm;
    private SentenceEncoder encoder;
    private NearestWords words;

    ExplainTools(Workspace workspace, UnaryOperator<String> environment) {
        this.workspace = workspace;
        this.environment = environment;
    }

    /** On the model thread (the first call loads and indexes the encoder). */
    synchronized Parts parts(ModelRunner studied) {
        ModelRunner wanted = ModelLoader.DEFAULT.equals(studied.source()) ? studied : own();
        if (encoder == null || encoder.runner() != wanted) {
            encoder = new SentenceEncoder(wanted);
            words = new NearestWords(encoder);
        }
        return new Parts(encoder, words, llm());
    }

    private ModelRunner own() {
        if (minilm == null) {
            minilm = ModelLoader.load(ModelLoader.DEFAULT);
        }
        return minilm;
    }

    /** The configured client, or null; a malformed configuration is refused with the parser's message. */
    LlmClient llm() {
        if (offline()) {
            return null;
        }
        return new LlmClient(LlmEndpoint.parse(workspace.llmUrl, workspace.llmModel, blank(workspace.llmKeyEnv) ? null
                : workspace.llmKeyEnv.strip(), Duration.ofSeconds(Math.max(1, workspace.llmTimeoutSeconds))), environment);
    }

    /** For the status line: which explainer runs. */
    String describe() {
        return offline() ? "offline rule explainer"
                : "LLM " + workspace.llmModel + " at " + workspace.llmUrl + ", offline rules as fallback";
    }

    /** For the Explain row, where space is short: "offline rules" or "LLM NAME at HOST:PORT". */
    String brief() {
        if (offline()) {
            return "offline rules";
        }
        try {
            java.net.URI u = LlmEndpoint.parse(workspace.llmUrl, workspace.llmModel, null, null).url();
            return "LLM " + workspace.llmModel.strip() + " at " + u.getHost() + (u.getPort() < 0 ? "" : ":" + u.getPort());
        } catch (IllegalArgumentException unusable) {
            return "LLM (settings refused: see Settings\u2026)";
        }
    }

    private boolean offline() {
        return blank(workspace.llmUrl) || workspace.llmOffline;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
