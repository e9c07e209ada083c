package org.activationengine.runtime.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.activationengine.runtime.demo.Demo;
import org.activationengine.runtime.config.EngineConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Runs the whole product on an embedded broker with synthetic users and prints what the engine did. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Start an embedded broker and registry, the engine and synthetic traffic; print a summary.")
final class DemoCommand implements Callable<Integer> {

    @Option(names = "--users", defaultValue = "10000", description = "Synthetic users (default: ${DEFAULT-VALUE}).")
    private int users;

    @Option(names = "--playbook", defaultValue = "examples/playbook.yaml", paramLabel = "FILE",
            description = "Playbook (default: ${DEFAULT-VALUE}).")
    private Path playbook;

    @Option(names = "--seed", defaultValue = "42",
            description = "Random seed of the traffic (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--config", paramLabel = "FILE", description = "Optional config file (engine settings).")
    private Path config;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        final EngineConfig settings = EngineConfig.load(config, System.getenv());
        return new Demo(settings, playbook, users, seed, spec.commandLine().getOut()).run();
    }
}
