package org.neuronworkbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuronworkbench.model.MlpNeuron;
import org.neuronworkbench.model.ModelLoader;
import org.neuronworkbench.model.ModelRunner;
import org.neuronworkbench.model.NeuronValues;

/**
 * ONNX Runtime only speeds up the embedded model's small forwards. On a system where its native
 * library does not load (here, for real: a separate JVM told to load it from an empty folder), the
 * model still loads, says so once, and gives libtorch's values.
 */
class WithoutOnnxRuntimeTest {
    private static final String TEXT = "The cat sat on the mat.";

    @Test
    void theEmbeddedModelRunsOnLibtorchWhenOnnxRuntimeCannotLoad(@TempDir Path dir) throws Exception {
        Path emptyFolder = Files.createDirectories(dir.resolve("no-onnxruntime-here"));
        Path csv = dir.resolve("values.csv");
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dai.djl.offline=true", "-DOPT_OUT_TRACKING=true", "-Donnxruntime.native.path=" + emptyFolder,
                "-cp", System.getProperty("java.class.path"), "org.neuronworkbench.Main",
                "export-svg", "--layer", "4", "--neuron", "1253", "--text", TEXT, "--format", "csv", "-o", csv.toString());
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "finished");
        String stderr = Files.readString(err, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), stderr);
        List<String> warnings = stderr.lines().filter(l -> l.startsWith("warning: ONNX Runtime")).toList();
        assertEquals(List.of("warning: ONNX Runtime is not available here (Native library 'onnxruntime' not found at "
                + emptyFolder.resolve("libonnxruntime.so") + "); the embedded model's typed lines run on libtorch instead"),
                warnings);
        assertTrue(stderr.lines().noneMatch(l -> l.startsWith("error:") || l.contains("Exception")), stderr);

        // The values are libtorch's, as this JVM computes them with ONNX Runtime switched off.
        float[] want;
        try (ModelRunner runner = ModelLoader.loadEmbedded()) {
            ModelRunner.ortSmallForwards(false);
            try {
                want = NeuronValues.of(runner, runner.tokenize(List.of(TEXT)), List.of(new MlpNeuron(4, 1253)))
                        .perText().get(0).get(new MlpNeuron(4, 1253));
            } finally {
                ModelRunner.ortSmallForwards(true);
            }
        }
        List<String> rows = Files.readAllLines(csv, StandardCharsets.UTF_8).stream().skip(1).toList();
        // The CSV leaves out the special tokens ([CLS], [SEP]) that the values keep at both ends.
        assertEquals(want.length - 2, rows.size(), rows.toString());
        for (int i = 0; i < rows.size(); i++) {
            String[] cells = rows.get(i).split(",");
            assertEquals(want[i + 1], Float.parseFloat(cells[cells.length - 1]), 0f, rows.get(i));
        }
    }
}
