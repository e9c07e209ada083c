package org.activationengine.runtime.replay;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.activationengine.runtime.report.ActivationReport;
import org.activationengine.runtime.report.AvroJson;
import org.activationengine.schema.InterventionCommand;
import org.activationengine.schema.PersonaActivationCounts;
import org.activationengine.schema.UserActivationStatus;
import org.apache.kafka.streams.KeyValue;

/** The replay's JSON-lines output files and its report, written by every replay driver (thread-safe). */
final class ReplayFiles implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final BufferedWriter commandsFile;
    private final BufferedWriter countsFile;
    private final BufferedWriter statusesFile;
    private final BufferedWriter deadLettersFile;
    private final ActivationReport report;

    ReplayFiles(final Path outDir, final ActivationReport report) {
        this.report = report;
        try {
            Files.createDirectories(outDir);
            commandsFile = Files.newBufferedWriter(outDir.resolve("commands.jsonl"), StandardCharsets.UTF_8);
            countsFile = Files.newBufferedWriter(outDir.resolve("counts.jsonl"), StandardCharsets.UTF_8);
            statusesFile = Files.newBufferedWriter(outDir.resolve("statuses.jsonl"), StandardCharsets.UTF_8);
            deadLettersFile = Files.newBufferedWriter(outDir.resolve("dead-letters.jsonl"), StandardCharsets.UTF_8);
        } catch (final IOException e) {
            throw new UncheckedIOException("Cannot write to '" + outDir + "'", e);
        }
    }

    synchronized void commands(final List<InterventionCommand> commands) {
        for (final InterventionCommand command : commands) {
            write(commandsFile, AvroJson.toMap(command));
            report.command(command);
        }
    }

    synchronized void statuses(final List<KeyValue<String, UserActivationStatus>> changes) {
        for (final KeyValue<String, UserActivationStatus> change : changes) {
            final Map<String, Object> line = new LinkedHashMap<>();
            line.put("userId", change.key);
            line.put("status", AvroJson.toMap(change.value));
            write(statusesFile, line);
        }
    }

    synchronized void deadLetter(final Map<String, Object> headers) {
        write(deadLettersFile, headers);
    }

    /** Writes the final counts, one line per persona, group and cohort day, in key order. */
    synchronized void writeCounts(final Map<String, PersonaActivationCounts> counts) {
        new TreeMap<>(counts).forEach((key, value) -> {
            write(countsFile, AvroJson.toMap(value));
            report.counts(key, value);
        });
    }

    /** Adds two shards' counts of the same persona, group and cohort day. */
    static PersonaActivationCounts sum(final PersonaActivationCounts a, final PersonaActivationCounts b) {
        final long signups = a.getSignups() + b.getSignups();
        final long activated = a.getActivated() + b.getActivated();
        return PersonaActivationCounts.newBuilder(a)
                .setSignups(signups)
                .setActivated(activated)
                .setActivationRate(signups == 0 ? 0.0 : (double) activated / signups)
                .setCommandsSent(a.getCommandsSent() + b.getCommandsSent())
                .build();
    }

    private static void write(final BufferedWriter file, final Map<String, Object> line) {
        try {
            file.write(JSON.writeValueAsString(line));
            file.newLine();
        } catch (final IOException e) {
            throw new UncheckedIOException("Cannot write replay output", e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            commandsFile.close();
            countsFile.close();
            statusesFile.close();
            deadLettersFile.close();
        } catch (final IOException e) {
            throw new UncheckedIOException("Cannot finish the replay output", e);
        }
    }
}
