package org.activationengine.runtime.replay;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.activationengine.engine.ActivationTopology;
import org.activationengine.engine.EngineObserver;
import org.activationengine.engine.EngineOptions;
import org.activationengine.engine.EngineStreamsConfig;
import org.activationengine.engine.EngineTopics;
import org.activationengine.playbook.Playbook;
import org.activationengine.runtime.RegistryEngineSerdes;
import org.activationengine.runtime.ScratchDirectory;
import org.activationengine.runtime.avro.SchemaRegistryClients;
import org.activationengine.runtime.report.ActivationReport;
import org.activationengine.schema.PersonaActivationCounts;
import org.activationengine.schema.ProductEvent;
import org.activationengine.schema.SignupAnswer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/**
 * Backtests a playbook: runs the production topology without a broker (in TopologyTestDriver) over a recorded
 * history sorted by event time, and writes commands, final counts, statuses and dead letters as JSON lines.
 *
 * <p>Users are spread over one driver per core by Kafka's default partitioner, as a deployed engine spreads them
 * over partitions; each driver keeps its own stream time, exactly as each task does. Timers fire by stream time as
 * in live processing; after the last record the clock can be moved to {@code until} so later deadlines fire too.
 */
public final class Replay {

    /** Input records piped between two reads of the outputs, which bounds the memory a driver holds. */
    private static final int BATCH = 5_000;

    private final Playbook playbook;
    private final EngineOptions options;
    private final int shards;

    /**
     * @param playbook the playbook to test
     * @param options  engine settings
     */
    public Replay(final Playbook playbook, final EngineOptions options) {
        this(playbook, options, Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors())));
    }

    /**
     * @param playbook the playbook to test
     * @param options  engine settings
     * @param shards   how many drivers (threads) share the users
     */
    public Replay(final Playbook playbook, final EngineOptions options, final int shards) {
        this.playbook = playbook;
        this.options = options;
        this.shards = shards;
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
        final String registryScope = "replay-" + UUID.randomUUID();
        final RegistryEngineSerdes serdes = new RegistryEngineSerdes(SchemaRegistryClients.inMemory(registryScope));
        final ActivationReport report = new ActivationReport();
        final Path stateDir = ScratchDirectory.create(outDir, ".state-");
        final ExecutorService pool = Executors.newFixedThreadPool(shards);
        try (ReplayFiles files = new ReplayFiles(outDir, report)) {
            final List<Future<Map<String, PersonaActivationCounts>>> results = new ArrayList<>();
            final List<List<ReplayInput.Line>> split = split(history);
            for (int shard = 0; shard < shards; shard++) {
                final List<ReplayInput.Line> lines = split.get(shard);
                final Path dir = stateDir.resolve("shard-" + shard);
                results.add(pool.submit(() -> replayShard(lines, serdes, dir, files, report, until)));
            }
            final Map<String, PersonaActivationCounts> counts = new HashMap<>();
            for (final Future<Map<String, PersonaActivationCounts>> result : results) {
                result.get().forEach((key, value) -> counts.merge(key, value, ReplayFiles::sum));
            }
            files.writeCounts(counts);
        } catch (final ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime
                    : new IllegalStateException("The replay failed", e.getCause());
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("The replay was interrupted", e);
        } finally {
            pool.shutdownNow();
            SchemaRegistryClients.dropScope(registryScope);
            ScratchDirectory.delete(stateDir);
        }
        return report;
    }

    private List<List<ReplayInput.Line>> split(final List<ReplayInput.Line> history) {
        final List<List<ReplayInput.Line>> split = new ArrayList<>();
        for (int shard = 0; shard < shards; shard++) {
            split.add(new ArrayList<>(history.size() / shards + 1));
        }
        for (final ReplayInput.Line line : history) {
            final byte[] key = line.key().getBytes(StandardCharsets.UTF_8);
            split.get(Utils.toPositive(Utils.murmur2(key)) % shards).add(line);
        }
        return split;
    }

    private Map<String, PersonaActivationCounts> replayShard(final List<ReplayInput.Line> lines,
            final RegistryEngineSerdes serdes, final Path stateDir, final ReplayFiles files,
            final ActivationReport report, final Instant until) {
        final EngineTopics topics = EngineTopics.defaults();
        final PassObserver observer = new PassObserver(report);
        final Properties props = EngineStreamsConfig.properties("activation-replay", topics, observer);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        final Instant start = lines.isEmpty() ? Instant.EPOCH : Instant.ofEpochMilli(lines.get(0).time());
        try (TopologyTestDriver driver = new TopologyTestDriver(new ActivationTopology(playbook, topics, options,
                serdes, observer, ActivationTopology.StoreType.IN_MEMORY).build(), props, start)) {
            final ShardOutputs outputs = new ShardOutputs(driver, topics, serdes, files);
            final TestInputTopic<String, SignupAnswer> signups = driver.createInputTopic(topics.signups(),
                    Serdes.String().serializer(), serdes.signupAnswers().serializer());
            final TestInputTopic<String, ProductEvent> events = driver.createInputTopic(topics.events(),
                    Serdes.String().serializer(), serdes.productEvents().serializer());
            int piped = 0;
            for (final ReplayInput.Line line : lines) {
                if (line.value() instanceof SignupAnswer answer) {
                    signups.pipeInput(line.key(), answer, line.time());
                } else {
                    events.pipeInput(line.key(), (ProductEvent) line.value(), line.time());
                }
                if (++piped % BATCH == 0) {
                    outputs.drain();
                }
            }
            advanceTo(driver, observer, lines, until);
            outputs.drain();
            return outputs.latestCounts();
        }
    }

    /** Moves the wall clock past the idle period so the idle rule carries timers to {@code until}. */
    private void advanceTo(final TopologyTestDriver driver, final PassObserver observer,
            final List<ReplayInput.Line> lines, final Instant until) {
        if (until == null || lines.isEmpty()) {
            return;
        }
        final long last = lines.get(lines.size() - 1).time();
        final Duration gap = Duration.ofMillis(until.toEpochMilli() - last);
        if (gap.compareTo(options.timerIdlePeriod()) < 0) {
            return;
        }
        driver.advanceWallClockTime(gap);
        while (observer.lastPassWasFull(options.maxTimersPerPass())) {
            driver.advanceWallClockTime(options.idleCheckInterval());
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
            report.suppressed(reason.name().toLowerCase(Locale.ROOT).replace('_', ' '));
        }

        boolean lastPassWasFull(final int max) {
            return lastPassVisited.get() >= max;
        }
    }
}
