package org.neuronworkbench.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.neuronworkbench.cli.IndexCommand;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The Spark job declares the window and ranking options again, because {@code spark} may not use
 * {@code cli} (ARCHITECTURE.md). This test holds the two declarations together: an option both
 * commands have means the same in both, with the same default, label and help text.
 */
class IndexJobOptionsTest {
    /** Options both have that rightly differ: where the corpus is read, and what the output folder is. */
    private static final Set<String> DIFFERENT_ON_PURPOSE = Set.of("--corpus", "--out", "--model");

    @Test
    void theOptionsBothCommandsHaveAreDeclaredAlike() {
        Map<String, OptionSpec> cli = options(new IndexCommand());
        Map<String, OptionSpec> spark = options(new IndexJob());
        Set<String> shared = new TreeSet<>(cli.keySet());
        shared.retainAll(spark.keySet());
        shared.removeAll(DIFFERENT_ON_PURPOSE);
        assertTrue(shared.containsAll(Set.of("--window", "--stride", "--sentences", "--top-k", "--include-special",
                "--field", "--batch")), "shared: " + shared);
        for (String name : shared) {
            OptionSpec a = cli.get(name);
            OptionSpec b = spark.get(name);
            assertEquals(a.defaultValue(), b.defaultValue(), name + " default");
            assertEquals(a.type(), b.type(), name + " type");
            assertEquals(a.paramLabel(), b.paramLabel(), name + " label");
            assertEquals(Arrays.asList(a.description()), Arrays.asList(b.description()), name + " help");
            assertEquals(a.required(), b.required(), name + " required");
        }
        for (String name : DIFFERENT_ON_PURPOSE) {
            assertTrue(cli.containsKey(name) && spark.containsKey(name), name + " is in both");
        }
    }

    private static Map<String, OptionSpec> options(Object command) {
        return new CommandLine(command).getCommandSpec().options().stream()
                .collect(Collectors.toMap(OptionSpec::longestName, Function.identity()));
    }
}
