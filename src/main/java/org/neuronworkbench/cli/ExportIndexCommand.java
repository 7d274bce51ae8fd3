package org.neuronworkbench.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.neuronworkbench.index.IndexExport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code export-index}: Parquet tables and safetensors matrices of an index, in another folder. */
@Command(name = "export-index", mixinStandardHelpOptions = true,
        description = "Export an index as Parquet tables plus amap.safetensors and topwords.safetensors.")
public final class ExportIndexCommand implements Callable<Integer> {
    @Mixin
    IndexDirOption index;

    @Option(names = "--out", required = true, paramLabel = "DIR")
    Path out;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        IndexExport.export(index.dir, out);
        spec.commandLine().getErr().println(TerminalText.safe("exported " + index.dir + " to " + out));
        return 0;
    }
}
