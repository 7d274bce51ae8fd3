package org.neuronworkbench.analysis.explain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The chat-completions client against a real local HTTP server, one failure mode per path. */
class LlmClientTest {
    static final String KEY = "sk-test-7f3a9c1e5b";
    static LocalChatServer server;

    @BeforeAll
    static void start() throws Exception {
        server = new LocalChatServer()
                .on("/ok/", (ex, call) -> LocalChatServer.send(ex, 200, LocalChatServer.answer("\"Capital cities.\"")))
                .on("/slow/", (ex, call) -> {
                    Thread.sleep(3000);
                    LocalChatServer.send(ex, 200, LocalChatServer.answer("too late"));
                })
                .on("/error/", (ex, call) -> LocalChatServer.send(ex, 500, "{\"error\":\"model crashed, auth was "
                        + ex.getRequestHeaders().getFirst("Authorization") + "\"}"))
                .on("/limited/", (ex, call) -> {
                    ex.getResponseHeaders().add("Retry-After", "1");
                    LocalChatServer.send(ex, 429, "{\"error\":\"slow down\"}");
                })
                .on("/limited-once/", (ex, call) -> {
                    if (call == 0) {
                        ex.getResponseHeaders().add("Retry-After", "1");
                        LocalChatServer.send(ex, 429, "{\"error\":\"slow down\"}");
                    } else {
                        LocalChatServer.send(ex, 200, LocalChatServer.answer("after the wait"));
                    }
                })
                .on("/echo/", (ex, call) -> LocalChatServer.send(ex, 200, LocalChatServer.answer("Tokens about "
                        + ex.getRequestHeaders().getFirst("Authorization"))))
                .on("/notjson/", (ex, call) -> LocalChatServer.send(ex, 200, "<html>gateway</html>"))
                .on("/nochoices/", (ex, call) -> LocalChatServer.send(ex, 200, "{\"choices\":[]}"))
                .on("/blank/", (ex, call) -> LocalChatServer.send(ex, 200, LocalChatServer.answer("   ")));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static LlmClient client(String prefix, Duration timeout) {
        return new LlmClient(LlmEndpoint.parse(server.url(prefix) + "v1", "test-model", "NW_KEY", timeout),
                Map.of("NW_KEY", KEY)::get);
    }

    static LlmClient.Reply ask(String prefix) {
        return client(prefix, Duration.ofSeconds(5)).chat("system", "user");
    }

    @Test
    void aCorrectAnswerIsReadAndTheKeyGoesOnlyIntoTheHeader() throws Exception {
        int before = server.bodies.size();
        LlmClient.Reply r = ask("/ok/");
        assertTrue(r.ok(), r.error());
        assertEquals("\"Capital cities.\"", r.text());
        assertEquals("Bearer " + KEY, server.authorizations.get(server.authorizations.size() - 1));
        var body = new ObjectMapper().readTree(server.bodies.get(before));
        assertEquals("test-model", body.get("model").asText());
        assertEquals("user", body.get("messages").get(1).get("content").asText());
        assertFalse(server.bodies.get(before).contains(KEY));
    }

    @Test
    void aSlowEndpointTimesOut() {
        long t0 = System.nanoTime();
        LlmClient.Reply r = client("/slow/", Duration.ofSeconds(1)).chat("s", "u");
        assertFalse(r.ok());
        assertTrue(r.error().contains("did not answer within 1 s"), r.error());
        assertTrue(System.nanoTime() - t0 < 2_900_000_000L, "gave up before the server answered");
    }

    @Test
    void serverErrorsAreQuotedWithTheKeyRedacted() {
        LlmClient.Reply r = ask("/error/");
        assertTrue(r.error().contains("answered HTTP 500") && r.error().contains("model crashed"), r.error());
        assertFalse(r.error().contains(KEY), r.error());
        assertTrue(r.error().contains("***"), r.error());
    }

    @Test
    void anAnswerQuotingTheKeyHasItRedactedBeforeItIsShownOrStored() {
        LlmClient.Reply r = ask("/echo/");
        assertEquals("Tokens about Bearer ***", r.text());
    }

    @Test
    void rateLimitingIsRetriedOnceAfterRetryAfterThenReported() {
        long t0 = System.nanoTime();
        LlmClient.Reply r = ask("/limited/");
        assertTrue(System.nanoTime() - t0 >= 900_000_000L, "waited for Retry-After");
        assertTrue(r.error().contains("HTTP 429, retry after 1 s"), r.error());
        LlmClient.Reply again = ask("/limited-once/");
        assertEquals("after the wait", again.text());
    }

    @Test
    void malformedJsonNoChoicesAndBlankAnswersAreClearMessages() {
        assertTrue(ask("/notjson/").error().contains("is not JSON: <html>gateway</html>"));
        assertTrue(ask("/nochoices/").error().contains("without choices"));
        assertTrue(ask("/blank/").error().contains("empty answer"));
    }

    @Test
    void anUnreachableEndpointAndAMissingKeyAreMessagesNotExceptions() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        LlmClient c = new LlmClient(LlmEndpoint.parse("http://127.0.0.1:" + port + "/v1", "m", null, Duration.ofSeconds(2)),
                v -> null);
        assertTrue(c.chat("s", "u").error().contains("could not be reached"), c.chat("s", "u").error());
        LlmClient noKey = new LlmClient(LlmEndpoint.parse(server.url("/ok/"), "m", "NW_UNSET", null), v -> null);
        assertTrue(noKey.chat("s", "u").error().contains("NW_UNSET") && noKey.chat("s", "u").error().contains("not set"));
    }

    @Test
    void endpointUrlsAreCheckedAndCompleted() {
        assertEquals("http://127.0.0.1:8080/v1/chat/completions",
                LlmEndpoint.parse("http://127.0.0.1:8080/v1", "m", null, null).url().toString());
        assertEquals("http://h/v1/chat/completions", LlmEndpoint.parse("http://h/v1/chat/completions", "m", null, null).url().toString());
        for (String bad : new String[] {"htp:/x", "127.0.0.1:8080", "http://", "not a url", "file:///etc/passwd"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LlmEndpoint.parse(bad, "m", null, null));
            assertTrue(e.getMessage().contains("malformed"), bad + ": " + e.getMessage());
        }
        String keyInstead = assertThrows(IllegalArgumentException.class, () -> LlmEndpoint.parse("http://h", "m", "sk-abc-123!", null))
                .getMessage();
        assertTrue(keyInstead.contains("not an environment variable name"), keyInstead);
        assertFalse(keyInstead.contains("sk-abc"), "a key typed where its variable's name belongs is not repeated: " + keyInstead);
        assertEquals("an LLM endpoint needs a model name (the name the server knows the model by)",
                assertThrows(IllegalArgumentException.class, () -> LlmEndpoint.parse("http://h", " ", null, null)).getMessage());
    }

    @Test
    void simulationAnswersAreParsedDefensively() {
        assertArrayEquals(new double[] {0, 3, 10}, LlmSimulator.parse("Sure! [0, 3, 10]", 3));
        assertArrayEquals(new double[] {0, 10, 5}, LlmSimulator.parse("[-2, 14, \"5\"]", 3));
        assertArrayEquals(new double[] {1, 0, 7}, LlmSimulator.parse("1: 1\n2: 0\n3: 7", 3));
        assertArrayEquals(new double[] {2, 4}, LlmSimulator.parse("values 2 and 4", 2));
        assertNull(LlmSimulator.parse("[1, 2]", 3));
        assertNull(LlmSimulator.parse("no idea", 2));
        assertEquals("capital cities", LlmExplainer.clean("\n Explanation: \"capital cities\"\nbecause..."));
    }
}
