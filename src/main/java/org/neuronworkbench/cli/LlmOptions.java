package org.neuronworkbench.cli;

import java.time.Duration;
import org.neuronworkbench.analysis.explain.LlmClient;
import org.neuronworkbench.analysis.explain.LlmEndpoint;
import picocli.CommandLine.Option;

/**
 * The optional LLM endpoint of {@code explain}: nothing goes to the network unless {@code --llm-url}
 * is given. The key is never an option: only the NAME of the environment variable holding it.
 */
public final class LlmOptions {
    @Option(names = "--llm-url", paramLabel = "URL",
            description = "OpenAI-compatible chat-completions endpoint, e.g. http://127.0.0.1:8080/v1 (llama.cpp, vLLM, Ollama).")
    String url;

    @Option(names = "--llm-model", paramLabel = "NAME", description = "Model name sent to the endpoint.")
    String model;

    @Option(names = "--llm-key-env", paramLabel = "VAR", description = "Name of the environment variable holding the API key.")
    String keyEnv;

    @Option(names = "--llm-timeout", paramLabel = "SECONDS", defaultValue = "60",
            description = "Per-request timeout (default ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    /** The client, or null when no endpoint was configured. */
    public LlmClient client() {
        if (url == null) {
            if (model != null || keyEnv != null) {
                throw new IllegalArgumentException("--llm-model and --llm-key-env need --llm-url (the endpoint)");
            }
            return null;
        }
        if (model == null) {
            throw new IllegalArgumentException("--llm-url needs --llm-model (the model name sent to the endpoint)");
        }
        if (timeoutSeconds < 1) {
            throw new IllegalArgumentException("--llm-timeout must be at least 1 second (got " + timeoutSeconds + ")");
        }
        return new LlmClient(LlmEndpoint.parse(url, model, keyEnv, Duration.ofSeconds(timeoutSeconds)));
    }
}
