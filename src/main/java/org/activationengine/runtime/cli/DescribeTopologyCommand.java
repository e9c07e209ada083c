package org.activationengine.runtime.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.activationengine.runtime.TopologyDocs;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Regenerates {@code topology-docs/topology.txt} from the production topology and the example playbook. */
@Command(name = "describe-topology", mixinStandardHelpOptions = true,
        description = "Write the topology description (describe() output) to topology-docs/.")
final class DescribeTopologyCommand implements Callable<Integer> {

    @Option(names = "--playbook", paramLabel = "FILE", defaultValue = "examples/playbook.yaml",
            description = "The playbook to build the topology from (default: ${DEFAULT-VALUE}).")
    private Path playbook;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "topology-docs",
            description = "Where to write topology.txt (default: ${DEFAULT-VALUE}).")
    private Path out;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        final Path written = TopologyDocs.write(playbook, out);
        spec.commandLine().getOut().println("Wrote " + written);
        return 0;
    }
}
