package org.activationengine.runtime.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.concurrent.Callable;
import org.activationengine.playbook.Playbook;
import org.activationengine.playbook.PlaybookReader;
import org.activationengine.runtime.config.EngineConfig;
import org.activationengine.runtime.replay.Replay;
import org.activationengine.runtime.replay.ReplayInput;
import org.activationengine.runtime.report.ActivationReport;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Backtests a playbook offline over a JSON-lines history and prints the activation summary. */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = "Run the engine's topology without a broker over recorded history (JSON lines).")
final class ReplayCommand implements Callable<Integer> {

    @Option(names = "--playbook", required = true, paramLabel = "FILE", description = "The playbook YAML.")
    private Path playbook;

    @Option(names = "--events", required = true, paramLabel = "FILE",
            description = "Signups and product events, one JSON object per line (see README).")
    private Path events;

    @Option(names = "--out", required = true, paramLabel = "DIR",
            description = "Directory for commands.jsonl, counts.jsonl, statuses.jsonl, dead-letters.jsonl.")
    private Path out;

    @Option(names = "--until", paramLabel = "INSTANT",
            description = "Move engine time to this ISO-8601 instant after the last record, so later deadlines fire.")
    private String until;

    @Option(names = "--config", paramLabel = "FILE", description = "Engine settings (timers, retention, ...).")
    private Path config;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        final PrintWriter stdout = spec.commandLine().getOut();
        final Playbook valid = PlaybookReader.read(playbook);
        final EngineConfig settings = EngineConfig.load(config, System.getenv());
        final List<ReplayInput.Line> history = ReplayInput.read(events);
        final long started = System.nanoTime();
        final ActivationReport report = new Replay(valid, settings.options()).run(history, out, untilInstant());
        stdout.printf("Replayed %d records of '%s' with playbook '%s' in %.1f s; output in '%s'%n%n", history.size(),
                events, playbook, (System.nanoTime() - started) / 1e9, out);
        stdout.print(report.render());
        stdout.flush();
        return 0;
    }

    private Instant untilInstant() {
        if (until == null) {
            return null;
        }
        try {
            return Instant.parse(until);
        } catch (final DateTimeParseException e) {
            throw new InputFileException("--until '" + until + "' is not an ISO-8601 instant; write e.g. "
                    + "2026-03-06T00:00:00Z.");
        }
    }
}
