package org.neuronworkbench.cli;

import org.neuronworkbench.model.MlpNeuron;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The command-line front door; each subcommand is a thin wrapper over a library call. */
@Command(name = "neuron-workbench", mixinStandardHelpOptions = true, version = "Neuron Workbench 0.1",
        description = "Find out what individual neurons of a transformer do.",
        subcommands = {ProbeCommand.class, IndexCommand.class, TopCommand.class, TopWordsCommand.class,
                AmapCommand.class, NeuronsCommand.class, ExportIndexCommand.class, ExportSvgCommand.class,
                SimplifyCommand.class, NoiseCommand.class, AblateCommand.class, DlaCommand.class,
                OptimizeCommand.class, ExplainCommand.class, ExplanationsCommand.class})
public final class Cli {
    private Cli() {
    }

    public static int run(String... args) {
        return newCommandLine().execute(args);
    }

    public static CommandLine newCommandLine() {
        CommandLine cl = new CommandLine(new Cli());
        cl.setExecutionExceptionHandler((ex, cmd, parseResult) -> {
            // Bad input is reported as one clear line, not a stack trace.
            cmd.getErr().println("error: " + (ex.getMessage() == null ? ex.toString() : ex.getMessage()));
            return 2;
        });
        return cl;
    }
}
