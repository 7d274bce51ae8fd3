package org.neuronworkbench.analysis.explain;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;

/**
 * A user-configured OpenAI-compatible chat-completions endpoint (llama.cpp's server, vLLM, Ollama,
 * hosted APIs). Holds the NAME of the environment variable with the API key, never the key: the
 * key is read from the environment for each request and exists nowhere else.
 *
 * @param url     the full chat-completions URL
 * @param model   the model name sent with each request
 * @param keyEnv  the environment variable holding the key, or null for endpoints without one
 * @param timeout per request
 */
public record LlmEndpoint(URI url, String model, String keyEnv, Duration timeout) {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    /**
     * Parses what a user typed. A base such as {@code http://localhost:8080/v1} gets
     * {@code /chat/completions} appended; a full URL is kept.
     *
     * @throws IllegalArgumentException for anything that is not an absolute http(s) URL, or a missing model
     */
    public static LlmEndpoint parse(String url, String model, String keyEnv, Duration timeout) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("the LLM endpoint URL is empty");
        }
        URI u;
        try {
            u = new URI(url.strip());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("the LLM endpoint URL '" + url + "' is malformed: " + e.getReason());
        }
        String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || u.getHost() == null) {
            throw new IllegalArgumentException("the LLM endpoint URL '" + url
                    + "' is malformed: give an http:// or https:// URL with a host, e.g. http://127.0.0.1:8080/v1");
        }
        if (model == null || model.isBlank()) {
            throw new IllegalArgumentException("an LLM endpoint needs a model name (the name the server knows the model by)");
        }
        if (keyEnv != null && !keyEnv.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            // The value is not quoted: what was typed may be the key itself, which must not reach a log or the screen.
            throw new IllegalArgumentException("the API key variable is not an environment variable name (letters, digits and _,"
                    + " not starting with a digit): give the NAME of the variable that holds the key, not the key");
        }
        String path = u.getPath() == null ? "" : u.getPath();
        if (!path.endsWith("/chat/completions")) {
            u = u.resolve((path.endsWith("/") ? path : path + "/") + "chat/completions");
        }
        return new LlmEndpoint(u, model.strip(), keyEnv, timeout == null ? DEFAULT_TIMEOUT : timeout);
    }
}
