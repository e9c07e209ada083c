package org.activationengine.runtime.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.activationengine.runtime.EngineRunner;
import org.activationengine.runtime.config.EngineConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Runs the engine until stopped: on the configured cluster, or on an embedded broker when none is configured. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run the engine. Without bootstrap servers it starts an embedded broker and registry.")
final class RunCommand implements Callable<Integer> {

    @Option(names = "--config", paramLabel = "FILE",
            description = "Config file: YAML with 'engine:' and 'kafka:' maps, or properties with those prefixes.")
    private Path config;

    @Override
    public Integer call() throws Exception {
        final EngineConfig settings = EngineConfig.load(config, System.getenv());
        try (EngineRunner runner = EngineRunner.start(settings)) {
            runner.awaitShutdown();
        }
        return 0;
    }
}
