package org.neuronworkbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuronworkbench.analysis.explain.LocalChatServer;
import org.neuronworkbench.analysis.explain.SampleIndex;

/**
 * The API key goes to the endpoint and nowhere else: real child processes with the key in their
 * environment explain a neuron, a layer slice is listed, the index is exported; then stdout, stderr
 * (the log), the home folder (workspace file), the index folder and the export are searched for it.
 */
class ApiKeyLeakTest {
    static final String KEY = "sk-leakcheck-4b8e2f0d91c7a6";

    @TempDir
    Path tmp;

    @Test
    void theKeyIsSentToTheEndpointAndFoundNowhereElse() throws Exception {
        Path idx = tmp.resolve("idx");
        Files.createDirectories(idx);
        try (var files = Files.list(SampleIndex.index())) {
            for (Path f : (Iterable<Path>) files::iterator) {
                if (Files.isRegularFile(f) && !f.getFileName().toString().startsWith("explanations")) {
                    Files.copy(f, idx.resolve(f.getFileName()));
                }
            }
        }
        Path home = Files.createDirectories(tmp.resolve("home"));
        Path export = tmp.resolve("export");
        List<String> outputs = new ArrayList<>();
        try (LocalChatServer server = new LocalChatServer()) {
            // Echoes the Authorization header in an error body first, so the redaction path is exercised too.
            server.on("/v1/", (ex, call) -> {
                if (call == 0) {
                    LocalChatServer.send(ex, 500, "{\"error\":\"bad auth " + ex.getRequestHeaders().getFirst("Authorization") + "\"}");
                } else {
                    String body = server.bodies.get(server.bodies.size() - 1);
                    LocalChatServer.send(ex, 200, LocalChatServer.answer(ExplainCommandTest.simulatedOrExplained(body)));
                }
            });
            String url = server.url("/v1");
            outputs.addAll(child(home, "explain", "--index", idx.toString(), "--layer", "1", "--neuron", "5", "--json",
                    "--no-substitutions", "--llm-url", url, "--llm-model", "m", "--llm-key-env", "NW_TEST_API_KEY"));
            outputs.addAll(child(home, "explain", "--index", idx.toString(), "--layer", "1", "--neuron", "6", "--json",
                    "--no-substitutions", "--llm-url", url, "--llm-model", "m", "--llm-key-env", "NW_TEST_API_KEY"));
            outputs.addAll(child(home, "explanations", "--index", idx.toString(), "--json"));
            outputs.addAll(child(home, "export-index", "--index", idx.toString(), "--out", export.toString()));
            assertTrue(server.authorizations.contains("Bearer " + KEY), "the endpoint received the key");
        }
        assertTrue(outputs.get(1).contains("answered HTTP 500") && outputs.get(1).contains("***"), outputs.get(1));
        assertTrue(outputs.get(2).contains("\"method\" : \"llm\""), "the second run used the LLM: " + outputs.get(2));
        for (String o : outputs) {
            assertFalse(o.contains(KEY), "key in a command's output: " + o);
        }
        assertTrue(Files.exists(idx.resolve("explanations.json")));
        for (Path root : List.of(home, idx, export)) {
            try (Stream<Path> files = Files.walk(root)) {
                for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                    String bytes = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
                    assertFalse(bytes.contains(KEY), "key found in " + f);
                }
            }
        }
    }

    /** Runs the app's main in a child JVM with the key in its environment; returns stdout and stderr. */
    private List<String> child(Path home, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dai.djl.offline=true", "-DOPT_OUT_TRACKING=true", "-Duser.home=" + home, "-cp",
                System.getProperty("java.class.path"), "org.neuronworkbench.Main"));
        cmd.addAll(List.of(args));
        Path out = Files.createTempFile(tmp, "out", ".txt");
        Path err = Files.createTempFile(tmp, "err", ".txt");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().put("NW_TEST_API_KEY", KEY);
        pb.environment().put("HOME", home.toString());
        Process p = pb.start();
        assertTrue(p.waitFor(300, TimeUnit.SECONDS), "child finished");
        String o = Files.readString(out);
        String e = Files.readString(err);
        assertEquals(0, p.exitValue(), String.join(" ", args) + "\n" + e);
        Files.delete(out);
        Files.delete(err);
        return List.of(o, e);
    }
}
