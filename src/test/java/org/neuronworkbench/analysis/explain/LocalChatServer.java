package org.neuronworkbench.analysis.explain;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A real HTTP server on 127.0.0.1 speaking (or failing to speak) the chat-completions protocol,
 * one behaviour per path prefix. Records the Authorization header and body of every request.
 */
public final class LocalChatServer implements AutoCloseable {
    public final HttpServer server;
    public final List<String> authorizations = new CopyOnWriteArrayList<>();
    public final List<String> bodies = new CopyOnWriteArrayList<>();

    /** What one path does with a request. */
    @FunctionalInterface
    public interface Behaviour {
        void handle(HttpExchange ex, int call) throws IOException, InterruptedException;
    }

    public LocalChatServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.start();
    }

    public LocalChatServer on(String prefix, Behaviour b) {
        int[] calls = {0};
        server.createContext(prefix, ex -> {
            authorizations.add(String.valueOf(ex.getRequestHeaders().getFirst("Authorization")));
            bodies.add(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            try {
                b.handle(ex, calls[0]++);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (IOException e) {
                // The client gave up (timeout test): nothing to answer.
            } finally {
                ex.close();
            }
        });
        return this;
    }

    public String url(String prefix) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + prefix;
    }

    public static void send(HttpExchange ex, int status, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(status, b.length == 0 ? -1 : b.length);
        if (b.length > 0) {
            try (OutputStream o = ex.getResponseBody()) {
                o.write(b);
            }
        }
    }

    /** A well-formed chat-completions reply carrying {@code content}. */
    public static String answer(String content) {
        return "{\"id\":\"x\",\"object\":\"chat.completion\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\","
                + "\"content\":" + com.fasterxml.jackson.databind.node.TextNode.valueOf(content) + "},\"finish_reason\":\"stop\"}]}";
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
