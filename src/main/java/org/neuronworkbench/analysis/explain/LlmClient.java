package org.neuronworkbench.analysis.explain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.function.UnaryOperator;

/**
 * Sends one chat-completions request and turns every way it can fail into one readable message:
 * unreachable, timeout, HTTP 4xx/5xx, 429 (one retry when Retry-After is short), a reply that is
 * not JSON, no choices, an empty answer. Never throws for endpoint trouble, never puts the key
 * into a message or an answer (server text is redacted before it is quoted or returned).
 */
public final class LlmClient {
    /** A 429 whose Retry-After is at most this many seconds is retried once. */
    static final int MAX_RETRY_WAIT_SECONDS = 10;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The answer text, or an error message (exactly one is non-null). */
    public record Reply(String text, String error) {
        public boolean ok() {
            return error == null;
        }
    }

    private final LlmEndpoint endpoint;
    private final UnaryOperator<String> environment;
    private final HttpClient http;

    /** Reads the key from the process environment. */
    public LlmClient(LlmEndpoint endpoint) {
        this(endpoint, System::getenv);
    }

    /** @param environment looks up environment variables (tests pass their own) */
    public LlmClient(LlmEndpoint endpoint, UnaryOperator<String> environment) {
        this.endpoint = endpoint;
        this.environment = environment;
        this.http = HttpClient.newBuilder().connectTimeout(endpoint.timeout()).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    public LlmEndpoint endpoint() {
        return endpoint;
    }

    /** One system + user exchange, temperature 0. */
    public Reply chat(String system, String user) {
        String key = endpoint.keyEnv() == null ? null : environment.apply(endpoint.keyEnv());
        if (endpoint.keyEnv() != null && (key == null || key.isBlank())) {
            return new Reply(null, "the environment variable " + endpoint.keyEnv() + " that should hold the API key is not set");
        }
        ObjectNode body = JSON.createObjectNode();
        body.put("model", endpoint.model());
        body.put("temperature", 0);
        var messages = body.putArray("messages");
        messages.addObject().put("role", "system").put("content", system);
        messages.addObject().put("role", "user").put("content", user);
        HttpRequest.Builder req = HttpRequest.newBuilder(endpoint.url()).timeout(endpoint.timeout())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8));
        if (key != null) {
            req.header("Authorization", "Bearer " + key);
        }
        try {
            HttpResponse<String> res = send(req.build());
            if (res.statusCode() == 429) {
                long wait = retryAfter(res);
                if (wait >= 0 && wait <= MAX_RETRY_WAIT_SECONDS) {
                    Thread.sleep(wait * 1000);
                    res = send(req.build());
                }
                if (res.statusCode() == 429) {
                    long again = retryAfter(res);
                    return fail("is rate-limiting requests (HTTP 429" + (again >= 0 ? ", retry after " + again + " s" : "") + ")", key);
                }
            }
            if (res.statusCode() / 100 != 2) {
                return fail("answered HTTP " + res.statusCode() + ": " + excerpt(res.body()), key);
            }
            return parse(res.body(), key);
        } catch (HttpTimeoutException e) {
            return fail("did not answer within " + endpoint.timeout().toSeconds() + " s", key);
        } catch (ConnectException e) {
            return fail("could not be reached (" + (e.getMessage() == null ? "connection refused" : e.getMessage()) + ")", key);
        } catch (IOException e) {
            return fail("could not be reached (" + e + ")", key);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fail("request was interrupted", key);
        }
    }

    private HttpResponse<String> send(HttpRequest r) throws IOException, InterruptedException {
        return http.send(r, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private Reply parse(String body, String key) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (IOException e) {
            return fail("sent a reply that is not JSON: " + excerpt(body), key);
        }
        if (root == null || !root.isObject()) {
            return fail("sent a reply that is not a JSON object: " + excerpt(body), key);
        }
        JsonNode choices = root.path("choices");
        if (!choices.isArray() || choices.isEmpty()) {
            return fail("sent a reply without choices: " + excerpt(body), key);
        }
        JsonNode content = choices.get(0).path("message").path("content");
        if (!content.isTextual() || content.asText().isBlank()) {
            return fail("sent an empty answer", key);
        }
        // An answer is shown, stored in explanations.json and exported: a server that echoes the
        // request's Authorization header must not get the key written there.
        String text = content.asText();
        return new Reply(key == null || key.isEmpty() ? text : text.replace(key, "***"), null);
    }

    private Reply fail(String what, String key) {
        String msg = "LLM endpoint " + endpoint.url() + " " + what;
        if (key != null && !key.isEmpty()) {
            msg = msg.replace(key, "***");
        }
        return new Reply(null, msg);
    }

    private static long retryAfter(HttpResponse<?> res) {
        try {
            return res.headers().firstValue("Retry-After").map(s -> Long.parseLong(s.strip())).orElse(-1L);
        } catch (NumberFormatException e) {
            // An HTTP date instead of seconds: treated as "no hint".
            return -1;
        }
    }

    private static String excerpt(String body) {
        String s = body == null ? "" : body.strip().replaceAll("\\s+", " ");
        return s.isEmpty() ? "(empty body)" : s.length() > 160 ? s.substring(0, 160) + "…" : s;
    }
}
