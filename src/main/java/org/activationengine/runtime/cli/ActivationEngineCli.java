package org.activationengine.runtime.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code activation-engine} command line: lint a playbook, backtest it on history, run the engine, run a demo
 * on an embedded broker, or regenerate the topology docs.
 */
@Command(name = "activation-engine", mixinStandardHelpOptions = true, version = "activation-engine 0.1.0",
        description = "Personalizes the activation window of a SaaS product from Kafka streams.",
        subcommands = {ValidateCommand.class, ReplayCommand.class, RunCommand.class, DemoCommand.class,
                DescribeTopologyCommand.class})
public final class ActivationEngineCli implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    /**
     * Runs the command line and exits with its status.
     *
     * @param args the arguments
     */
    public static void main(final String[] args) {
        System.exit(execute(args));
    }

    /**
     * Runs the command line without exiting, for tests.
     *
     * @param args the arguments
     * @return the exit status: 0 success, 1 refused input, 2 usage error
     */
    public static int execute(final String... args) {
        return new CommandLine(new ActivationEngineCli())
                .setExecutionExceptionHandler(new UserErrorHandler())
                .execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
