package org.neuronworkbench.ui.common;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.neuronworkbench.work.AtomicFiles;

/**
 * What the app remembers between runs: window layout, last model and index, bookmarks, notes and
 * pinned neurons. Stored as JSON; a damaged file is set aside, never silently lost.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public final class Workspace {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public double windowX = Double.NaN;
    public double windowY = Double.NaN;
    public double windowWidth = 1280;
    public double windowHeight = 820;
    public boolean maximized;
    public List<Double> dividers = new ArrayList<>();
    public String selectedPane = "";
    public String lastModel = "default";
    public String lastIndex = "";
    public String lastNeuron = "";
    public List<String> bookmarks = new ArrayList<>();
    public List<String> pinned = new ArrayList<>();
    public Map<String, String> notes = new LinkedHashMap<>();
    public List<String> hypothesisLines = new ArrayList<>();

    /** ~/.neuron-workbench/workspace.json unless -Dneuronworkbench.workspace names another file. */
    public static Path defaultFile() {
        String override = System.getProperty("neuronworkbench.workspace");
        if (override != null && !override.isBlank()) {
            return Path.of(override);
        }
        return Path.of(System.getProperty("user.home"), ".neuron-workbench", "workspace.json");
    }

    public static Workspace load(Path file) {
        if (!Files.isRegularFile(file)) {
            return new Workspace();
        }
        try {
            return MAPPER.readValue(file.toFile(), Workspace.class);
        } catch (IOException e) {
            try {
                Files.move(file, file.resolveSibling(file.getFileName() + ".damaged"), StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException ignored) {
                // Keep going with a fresh workspace; the original stays where it was.
            }
            return new Workspace();
        }
    }

    /** Writes atomically (temp file + move) so a crash never leaves half a file. */
    public void save(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        byte[] json = MAPPER.writeValueAsBytes(this);
        AtomicFiles.write(file, out -> out.write(json));
    }
}
