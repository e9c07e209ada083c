package org.activationengine.runtime.replay;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.activationengine.engine.ActivationTopology;
import org.activationengine.engine.EngineObserver;
import org.activationengine.engine.EngineOptions;
import org.activationengine.engine.EngineStreamsConfig;
import org.activationengine.engine.EngineTopics;
import org.activationengine.playbook.Playbook;
import org.activationengine.runtime.RegistryEngineSerdes;
import org.activationengine.runtime.avro.SchemaRegistryClients;
import org.activationengine.runtime.report.ActivationReport;
import org.activationengine.runtime.report.AvroJson;
import org.activationengine.schema.InterventionCommand;
import org.activationengine.schema.PersonaActivationCounts;
import org.activationengine.schema.ProductEvent;
import org.activationengine.schema.SignupAnswer;
import org.activationengine.schema.UserActivationStatus;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

/**
 * Backtests a playbook: runs the production topology without a broker (in a TopologyTestDriver) over a recorded
 * history sorted by event time, and writes commands, counts, statuses and dead letters as JSON lines. Timers fire
 * by stream time exactly as in live processing; after the last record the clock can be moved to {@code until} so
 * deadlines after the history's end fire too.
 */
public final class Replay {

    /** Input records piped between two reads of the outputs, which bounds the memory the driver holds. */
    private static final int BATCH = 5_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Playbook playbook;
    private final EngineOptions options;

    /**
     * @param playbook the playbook to test
     * @param options  engine settings
     */
    public Replay(final Playbook playbook, final EngineOptions options) {
        this.playbook = playbook;
        this.options = options;
    }

    /**
     * Runs the replay.
     *
     * @param history the records, sorted by event time
     * @param outDir  where to write {@code commands.jsonl}, {@code counts.jsonl}, {@code statuses.jsonl} and
     *                {@code dead-letters.jsonl}
     * @param until   the engine time to reach after the last record, or null to stop at the last record
     * @return the report
     */
    public ActivationReport run(final List<ReplayInput.Line> history, final Path outDir, final Instant until) {
        final EngineTopics topics = EngineTopics.defaults();
        final String registryScope = "replay-" + UUID.randomUUID();
        final RegistryEngineSerdes serdes = new RegistryEngineSerdes(SchemaRegistryClients.inMemory(registryScope));
        final ActivationReport report = new ActivationReport();
        final PassObserver observer = new PassObserver(report);
        final Path stateDir = createStateDir(outDir);
        final Properties props = EngineStreamsConfig.properties("activation-replay", topics, observer);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        final Instant start = history.isEmpty() ? Instant.EPOCH : Instant.ofEpochMilli(history.get(0).time());
        try (TopologyTestDriver driver = new TopologyTestDriver(
                new ActivationTopology(playbook, topics, options, serdes, observer,
                        ActivationTopology.StoreType.IN_MEMORY).build(), props, start);
                Outputs outputs = new Outputs(driver, topics, serdes, outDir, report)) {
            final TestInputTopic<String, SignupAnswer> signups = driver.createInputTopic(topics.signups(),
                    Serdes.String().serializer(), serdes.signupAnswers().serializer());
            final TestInputTopic<String, ProductEvent> events = driver.createInputTopic(topics.events(),
                    Serdes.String().serializer(), serdes.productEvents().serializer());
            int piped = 0;
            for (final ReplayInput.Line line : history) {
                if (line.value() instanceof SignupAnswer answer) {
                    signups.pipeInput(line.key(), answer, line.time());
                } else {
                    events.pipeInput(line.key(), (ProductEvent) line.value(), line.time());
                }
                if (++piped % BATCH == 0) {
                    outputs.drain();
                }
            }
            advanceTo(driver, observer, history, until);
            outputs.drain();
        } finally {
            SchemaRegistryClients.dropScope(registryScope);
            deleteQuietly(stateDir);
        }
        return report;
    }

    /** Moves the wall clock past the idle period so the idle rule carries timers to {@code until}. */
    private void advanceTo(final TopologyTestDriver driver, final PassObserver observer,
            final List<ReplayInput.Line> history, final Instant until) {
        if (until == null || history.isEmpty()) {
            return;
        }
        final long last = history.get(history.size() - 1).time();
        final Duration gap = Duration.ofMillis(until.toEpochMilli() - last);
        if (gap.compareTo(options.timerIdlePeriod()) < 0) {
            return;
        }
        driver.advanceWallClockTime(gap);
        while (observer.lastPassWasFull(options.maxTimersPerPass())) {
            driver.advanceWallClockTime(options.idleCheckInterval());
        }
    }

    private static Path createStateDir(final Path outDir) {
        try {
            Files.createDirectories(outDir);
            return Files.createTempDirectory(outDir, ".state-");
        } catch (final IOException e) {
            throw new UncheckedIOException("Cannot create a temporary state directory", e);
        }
    }

    private static void deleteQuietly(final Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (final IOException e) {
            // A leftover temporary directory is harmless; the replay's results are already written.
        }
    }

    /**
     * Remembers whether the last timer pass was full, so the replay knows to give timers another pass, and counts
     * suppressed commands for the report.
     */
    private static final class PassObserver implements EngineObserver {
        private final AtomicInteger lastPassVisited = new AtomicInteger();
        private final ActivationReport report;

        PassObserver(final ActivationReport report) {
            this.report = report;
        }

        @Override
        public void timerPass(final int visited, final int fired) {
            lastPassVisited.set(visited);
        }

        @Override
        public void commandSuppressed(final String persona, final String triggerId, final Suppression reason) {
            report.suppressed(reason.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '));
        }

        boolean lastPassWasFull(final int max) {
            return lastPassVisited.get() >= max;
        }
    }

    /** Reads the driver's output topics into JSON-lines files and the report. */
    private static final class Outputs implements AutoCloseable {
        private final TestOutputTopic<String, InterventionCommand> email;
        private final TestOutputTopic<String, InterventionCommand> inApp;
        private final TestOutputTopic<String, PersonaActivationCounts> counts;
        private final TestOutputTopic<String, UserActivationStatus> statuses;
        private final TestOutputTopic<byte[], byte[]> deadLetters;
        private final BufferedWriter commandsFile;
        private final BufferedWriter countsFile;
        private final BufferedWriter statusesFile;
        private final BufferedWriter deadLettersFile;
        private final ActivationReport report;

        Outputs(final TopologyTestDriver driver, final EngineTopics topics, final RegistryEngineSerdes serdes,
                final Path outDir, final ActivationReport report) {
            this.report = report;
            email = driver.createOutputTopic(topics.emailCommands(), Serdes.String().deserializer(),
                    serdes.commands().deserializer());
            inApp = driver.createOutputTopic(topics.inAppCommands(), Serdes.String().deserializer(),
                    serdes.commands().deserializer());
            counts = driver.createOutputTopic(topics.personaCounts(), Serdes.String().deserializer(),
                    serdes.personaCounts().deserializer());
            statuses = driver.createOutputTopic(topics.userStatus(), Serdes.String().deserializer(),
                    serdes.userStatus().deserializer());
            deadLetters = driver.createOutputTopic(topics.deadLetters(), new ByteArrayDeserializer(),
                    new ByteArrayDeserializer());
            try {
                Files.createDirectories(outDir);
                commandsFile = Files.newBufferedWriter(outDir.resolve("commands.jsonl"), StandardCharsets.UTF_8);
                countsFile = Files.newBufferedWriter(outDir.resolve("counts.jsonl"), StandardCharsets.UTF_8);
                statusesFile = Files.newBufferedWriter(outDir.resolve("statuses.jsonl"), StandardCharsets.UTF_8);
                deadLettersFile = Files.newBufferedWriter(outDir.resolve("dead-letters.jsonl"),
                        StandardCharsets.UTF_8);
            } catch (final IOException e) {
                throw new UncheckedIOException("Cannot write to '" + outDir + "'", e);
            }
        }

        void drain() {
            try {
                for (final InterventionCommand command : email.readValuesToList()) {
                    write(commandsFile, AvroJson.toMap(command));
                    report.command(command);
                }
                for (final InterventionCommand command : inApp.readValuesToList()) {
                    write(commandsFile, AvroJson.toMap(command));
                    report.command(command);
                }
                for (final KeyValue<String, PersonaActivationCounts> change : counts.readKeyValuesToList()) {
                    write(countsFile, AvroJson.toMap(change.value));
                    report.counts(change.key, change.value);
                }
                for (final KeyValue<String, UserActivationStatus> change : statuses.readKeyValuesToList()) {
                    final Map<String, Object> line = new LinkedHashMap<>();
                    line.put("userId", change.key);
                    line.put("status", AvroJson.toMap(change.value));
                    write(statusesFile, line);
                }
                for (final TestRecord<byte[], byte[]> dead : deadLetters.readRecordsToList()) {
                    write(deadLettersFile, deadLetter(dead));
                }
            } catch (final IOException e) {
                throw new UncheckedIOException("Cannot write replay output", e);
            }
        }

        private static Map<String, Object> deadLetter(final TestRecord<byte[], byte[]> dead) {
            final Map<String, Object> line = new LinkedHashMap<>();
            for (final Header header : dead.headers()) {
                line.put(header.key(), header.value() == null ? null
                        : new String(header.value(), StandardCharsets.UTF_8));
            }
            return line;
        }

        private static void write(final BufferedWriter file, final Map<String, Object> line) throws IOException {
            file.write(JSON.writeValueAsString(line));
            file.newLine();
        }

        @Override
        public void close() {
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

}
