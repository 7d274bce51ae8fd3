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
                OptimiseCommand.class, FiresCommand.class, SemanticMapCommand.class, ExplainCommand.class,
                ExplanationsCommand.class})
public final class Cli {
    private Cli() {
    }

    public static int run(String... args) {
        return newCommandLine().execute(args);
    }

    public static CommandLine newCommandLine() {
        CommandLine cl = new CommandLine(new Cli());
        // Numbers that do not parse or do not fit say so in words (picocli says "is not an int").
        cl.registerConverter(Integer.class, Numbers::parseInt);
        cl.registerConverter(Integer.TYPE, Numbers::parseInt);
        cl.registerConverter(Long.class, Numbers::parseLong);
        cl.registerConverter(Long.TYPE, Numbers::parseLong);
        cl.registerConverter(Double.class, Numbers::parseDouble);
        cl.registerConverter(Double.TYPE, Numbers::parseDouble);
        // Bad input is reported as one clear line, not a stack trace and not a page of usage text.
        cl.setParameterExceptionHandler((ex, args) -> {
            CommandLine cmd = ex.getCommandLine();
            cmd.getErr().println(ErrorLine.of(ex) + " (see " + cmd.getCommandSpec().qualifiedName() + " --help)");
            cmd.getErr().flush();
            return 2;
        });
        cl.setExecutionExceptionHandler((ex, cmd, parseResult) -> {
            cmd.getErr().println(ErrorLine.of(ex));
            cmd.getErr().flush();
            return 2;
        });
        return cl;
    }
}
