package org.neuronworkbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.neuronworkbench.model.Offline;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The error contract of every command: bad input gives exactly one {@code error:} line on stderr
 * that says what and why, exit code 2 and nothing on stdout. The parse cases are generated from
 * the commands' own option lists, so a new command or option is covered without editing this.
 */
class CliErrorContractTest {

    @BeforeAll
    static void offline() {
        Offline.enforce();
    }

    static void assertOneErrorLine(CliRun r, String... mustContain) {
        assertEquals(2, r.code(), "exit code; stderr: " + r.err() + " stdout: " + r.out());
        assertEquals("", r.out(), "nothing on stdout");
        List<String> lines = r.err().lines().toList();
        assertEquals(1, lines.size(), "exactly one line on stderr:\n" + r.err());
        assertTrue(lines.get(0).startsWith("error: "), lines.get(0));
        for (String s : mustContain) {
            assertTrue(lines.get(0).contains(s), "'" + s + "' in: " + lines.get(0));
        }
    }

    /** Each command once, by its own name (an alias such as "optimize" maps to the same command). */
    static List<String> commandNames() {
        return Cli.newCommandLine().getSubcommands().values().stream().map(CommandLine::getCommandName)
                .distinct().toList();
    }

    /** For every number option of every command: a non-number, a value that overflows, a missing value. */
    static Stream<Arguments> numberOptions() {
        List<Arguments> cases = new ArrayList<>();
        Cli.newCommandLine().getSubcommands().forEach((name, cl) -> {
            for (OptionSpec o : cl.getCommandSpec().options()) {
                Class<?> t = o.type().isArray() ? o.type().getComponentType() : o.type();
                String opt = o.longestName();
                if (t == int.class || t == Integer.class || t == long.class || t == Long.class) {
                    cases.add(Arguments.of(name, List.of(opt, "abc"), "is not a whole number"));
                    cases.add(Arguments.of(name, List.of(opt, "99999999999999999999"), "out of range"));
                    if (t == int.class || t == Integer.class) {
                        cases.add(Arguments.of(name, List.of(opt, "99999999999"), "out of range"));
                    }
                } else if (t == double.class || t == Double.class) {
                    cases.add(Arguments.of(name, List.of(opt, "abc"), "is not a number"));
                    cases.add(Arguments.of(name, List.of(opt, "NaN"), "is not a finite number"));
                }
                if (o.arity().min() > 0) {
                    cases.add(Arguments.of(name, List.of(opt), "Missing required parameter"));
                }
            }
        });
        assertTrue(cases.size() > 40, "the commands have number options");
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("numberOptions")
    void everyBadNumberIsOneErrorLine(String command, List<String> args, String reason) {
        List<String> all = new ArrayList<>(List.of(command));
        all.addAll(args);
        assertOneErrorLine(CliRun.of(all.toArray(String[]::new)), reason, args.get(0));
    }

    @ParameterizedTest
    @MethodSource("commandNames")
    void unknownOptionsAndMissingRequiredOptionsAreOneErrorLine(String command) {
        boolean hasRequired = Cli.newCommandLine().getSubcommands().get(command).getCommandSpec().options().stream()
                .anyMatch(OptionSpec::required);
        if (hasRequired) {
            // picocli names the missing options first; either way it is one line.
            assertOneErrorLine(CliRun.of(command, "--no-such-option"), "Missing required option");
            assertOneErrorLine(CliRun.of(command), "Missing required option");
        } else {
            assertOneErrorLine(CliRun.of(command, "--no-such-option"), "Unknown option", "--no-such-option");
        }
    }

    @Test
    void unknownCommandsAreOneErrorLine() {
        assertOneErrorLine(CliRun.of("no-such-command"), "no-such-command");
        assertOneErrorLine(CliRun.of("--no-such-option"), "--no-such-option");
    }

    @Test
    void limitsAreCheckedBeforeAnyIndexIsOpened() {
        // The index folder does not exist: the limit must be what is reported, before any work.
        assertOneErrorLine(CliRun.of("top", "--index", "/nonexistent", "--layer", "0", "--neuron", "1", "--k", "0"),
                "--k is 0", "between 1 and 1000");
        assertOneErrorLine(CliRun.of("top", "--index", "/nonexistent", "--layer", "0", "--neuron", "1", "--k", "-5"),
                "--k is -5", "between 1 and 1000");
        assertOneErrorLine(CliRun.of("neurons", "--index", "/nonexistent", "--limit", "-1"), "--limit is -1", "between 0");
        assertOneErrorLine(CliRun.of("amap", "--index", "/nonexistent", "--token", "the", "--top", "0"), "--top is 0");
        assertOneErrorLine(CliRun.of("top-words", "--index", "/nonexistent", "--layer", "0", "--neuron", "1",
                "--num-tokens", "-2"), "--num-tokens is -2");
        assertOneErrorLine(CliRun.of("index", "--corpus", "/nonexistent.txt", "--out", "/nonexistent-out", "--workers", "0"),
                "--workers is 0", "between 1 and 64");
    }

    @Test
    void aMissingCorpusAmongSeveralIsNamed() {
        assertOneErrorLine(CliRun.of("index", "--corpus", "sample-data/sentences.txt", "--corpus", "/nonexistent-second.jsonl",
                "--out", "/nonexistent-out"), "corpus /nonexistent-second.jsonl does not exist");
    }

    @Test
    void hugeNoiseSampleCountsAreRefusedBeforeAnyForwardWithTheAllowedRange() {
        long start = System.nanoTime();
        CliRun r = CliRun.of("noise", "--layer", "0", "--neuron", "5", "--text", "The cat sat.", "--samples", "1000000000");
        assertOneErrorLine(r, "1000000000", "use 1..");
        assertTrue(System.nanoTime() - start < 30_000_000_000L, "refused without running the samples");
    }

    @Test
    void fileErrorsSayWhy() {
        assertOneErrorLine(CliRun.of("export-svg", "--layer", "0", "--neuron", "5", "--text", "hi", "-o", "/proc/x.svg"),
                "/proc/x.svg", "no such file or folder");
        assertOneErrorLine(CliRun.of("export-svg", "--layer", "0", "--neuron", "5", "--text", "hi", "-o", "/nonexistent/x.svg"),
                "/nonexistent/x.svg", "does not exist");
        assertOneErrorLine(CliRun.of("top", "--index", "pom.xml", "--layer", "0", "--neuron", "1"),
                "no index at pom.xml: it is a file, not an index folder");
        // sysfs refuses new files even to root: the same "permission denied" a read-only folder gives.
        assertOneErrorLine(CliRun.of("export-svg", "--layer", "0", "--neuron", "5", "--text", "hi", "-o", "/sys/x.svg"),
                "/sys/x.svg", "permission denied");
        // The index builder words its message itself ("could not create index folder X: " + e.getMessage()),
        // which for the JDK's exceptions is the path again; the reason is put back once, for all of them.
        assertOneErrorLine(CliRun.of("index", "--corpus", "sample-data/sentences.txt", "--out", "/proc/idx"),
                "could not create index folder /proc/idx: no such file or folder");
        assertOneErrorLine(CliRun.of("ablate", "--neuron", "0:5", "--mode", "mean", "--means-file", "/nonexistent/means.json",
                "--text", "hi"),
                "/nonexistent/means.json", "no such file or folder");
    }

    @Test
    void aCutOffJsonFileSaysWhereInPlainWords(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path means = java.nio.file.Files.writeString(dir.resolve("means.json"), "{\"0\": [1, 2\n");
        CliRun r = CliRun.of("ablate", "--neuron", "0:5", "--mode", "mean", "--means-file", means.toString(), "--text", "hi");
        assertOneErrorLine(r, "Means file " + means + " is not valid JSON: Unexpected end-of-input: expected close marker"
                + " for Array (opened at line 1, column 7), at line 2, column 1");
        org.junit.jupiter.api.Assertions.assertFalse(r.err().contains("REDACTED"), r.err());
    }

    @Test
    void helpOfEveryCommandPrintsNoWarnings() {
        PrintStream saved = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try {
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            for (String name : commandNames()) {
                CliRun r = CliRun.of(name, "--help");
                assertEquals(0, r.code(), name);
                assertTrue(r.out().startsWith("Usage: neuron-workbench " + name), r.out());
                assertFalse(r.out().contains("%n") || r.out().contains("WARN"), r.out());
                assertEquals("", r.err(), name);
            }
        } finally {
            System.setErr(saved);
        }
        assertEquals("", captured.toString(StandardCharsets.UTF_8), "picocli warnings on System.err");
        assertEquals(17, commandNames().size(), "every command is checked");
    }
}
