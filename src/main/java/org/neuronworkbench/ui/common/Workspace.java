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
    /**
     * The Neurons pane's Explain uses an OpenAI-compatible endpoint only when {@code llmUrl} is set
     * (with {@code llmModel}); {@code llmKeyEnv} is the NAME of the environment variable holding
     * the key, never the key. Empty: offline rules.
     */
    public String llmUrl = "";
    public String llmModel = "";
    public String llmKeyEnv = "";
    public int llmTimeoutSeconds = 60;
    /**
     * True when the user chose "Offline rules only" in the explanation settings: the endpoint above
     * is kept for later but not used. False by default, so a file that only sets {@code llmUrl} still asks the LLM.
     */
    public boolean llmOffline;

    /** ~/.neuron-workbench/workspace.json unless -Dneuronworkbench.workspace names another file. */
    /** The neuron a first start shows: the README's example, a layer-4 neuron of the embedded model. */
    public static final String FIRST_NEURON = "L4N1253";
    /**
     * The lines a first start shows, a small hypothesis test: L4N1253 fires on sitting and placing
     * words ("sat" about 2.95, "sit" 2.69, "there" 1.70) and much less on "slept" (0.81).
     */
    public static final List<String> FIRST_LINES = List.of(
            "The cat sat on the mat.", "The cat slept on the mat.", "Please sit over there.");

    /**
     * The workspace of a first start (no workspace file yet): the embedded model with the README's
     * example in the editor, so the app shows colours before anything is typed.
     */
    public static Workspace firstStart() {
        Workspace w = new Workspace();
        w.lastNeuron = FIRST_NEURON;
        w.hypothesisLines = new ArrayList<>(FIRST_LINES);
        return w;
    }

    public static Path defaultFile() {
        String override = System.getProperty("neuronworkbench.workspace");
        if (override != null && !override.isBlank()) {
            return Path.of(override);
        }
        return Path.of(System.getProperty("user.home"), ".neuron-workbench", "workspace.json");
    }

    /** A damaged file is moved to the first free {@code NAME.damaged}, {@code NAME.damaged.2}, ... (never overwritten). */
    public static Workspace load(Path file) {
        if (!Files.isRegularFile(file)) {
            return new Workspace();
        }
        try {
            // Anything bigger is not a workspace we wrote; reading it would only cost memory.
            Workspace w = Files.size(file) <= MAX_BYTES ? MAPPER.readValue(file.toFile(), Workspace.class) : null;
            if (w != null) {
                return w.withoutNulls();
            }
        } catch (IOException | RuntimeException e) {
            // damaged: set aside below
        }
        setAside(file);
        return new Workspace();
    }

    static final long MAX_BYTES = 64L << 20;

    /** The first free name, so a second damaged workspace does not overwrite the first copy. */
    static Path setAside(Path file) {
        for (int i = 1; i <= 1000; i++) {
            Path target = file.resolveSibling(file.getFileName() + ".damaged" + (i == 1 ? "" : "." + i));
            try {
                return Files.move(file, target); // no REPLACE_EXISTING: an existing copy is never lost
            } catch (java.nio.file.FileAlreadyExistsException taken) {
                // try the next name
            } catch (IOException e) {
                return null; // keep going with a fresh workspace; the original stays where it was
            }
        }
        return null;
    }

    /** JSON {@code null} for a list, map or entry would surface later as a NullPointerException in a pane. */
    private Workspace withoutNulls() {
        dividers = dividers == null ? new ArrayList<>() : new ArrayList<>(dividers.stream().filter(java.util.Objects::nonNull).toList());
        bookmarks = clean(bookmarks);
        pinned = clean(pinned);
        hypothesisLines = clean(hypothesisLines);
        Map<String, String> kept = new LinkedHashMap<>();
        if (notes != null) {
            notes.forEach((k, v) -> {
                if (k != null && v != null) {
                    kept.put(k, v);
                }
            });
        }
        notes = kept;
        selectedPane = selectedPane == null ? "" : selectedPane;
        lastModel = lastModel == null ? "default" : lastModel;
        lastIndex = lastIndex == null ? "" : lastIndex;
        lastNeuron = lastNeuron == null ? "" : lastNeuron;
        return this;
    }

    private static List<String> clean(List<String> values) {
        return values == null ? new ArrayList<>() : new ArrayList<>(values.stream().filter(java.util.Objects::nonNull).toList());
    }

    /** Writes atomically (temp file + move) so a crash never leaves half a file. */
    public void save(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        byte[] json = MAPPER.writeValueAsBytes(this);
        AtomicFiles.write(file, out -> out.write(json));
    }
}
