package org.activationengine.runtime.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.activationengine.engine.EngineObserver;
import org.activationengine.playbook.Channel;
import org.apache.kafka.streams.KafkaStreams;

/**
 * The engine's Prometheus metrics: JVM and Kafka Streams client metrics plus counters of what the engine decided,
 * fed through the {@link EngineObserver} that {@link #observer()} returns. Close it when the engine stops.
 */
public final class EngineMetrics implements AutoCloseable {

    /** The content type of {@link #scrape()}: the Prometheus text exposition format 0.0.4. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    static final String COMMANDS = "activation.commands";
    static final String SUPPRESSED = "activation.commands.suppressed";
    static final String DEAD_LETTERS = "activation.dead.letters";
    static final String TIMERS_FIRED = "activation.timers.fired";
    static final String TIMER_LATENESS = "activation.timer.lateness";
    static final String TIMER_ENTRIES_VISITED = "activation.timer.entries.visited";
    static final String DUPLICATE_EVENTS = "activation.duplicate.events";
    static final String LATE_EVENTS = "activation.late.events";

    /** Stands in for the topic of a dead letter that came from a punctuation rather than a record. */
    static final String NO_TOPIC = "none";

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gcMetrics = new JvmGcMetrics();
    private final MeteredObserver observer = new MeteredObserver();
    private KafkaStreamsMetrics streamsMetrics;

    /** Creates the registry and binds the JVM and process metrics. */
    public EngineMetrics() {
        new JvmMemoryMetrics().bindTo(registry);
        gcMetrics.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
    }

    /** @return the observer to pass to the topology and the Streams properties; thread-safe and cheap */
    public EngineObserver observer() {
        return observer;
    }

    /**
     * Publishes the metrics of a Kafka Streams client (threads, tasks, stores, its consumers and producers) until
     * {@link #close()}.
     *
     * @param streams the engine's Streams client
     */
    public synchronized void bindStreams(final KafkaStreams streams) {
        if (streamsMetrics != null) {
            throw new IllegalStateException("a Kafka Streams client is already bound to these metrics");
        }
        streamsMetrics = new KafkaStreamsMetrics(streams);
        streamsMetrics.bindTo(registry);
    }

    /** @return commands a rule produced but that were not sent, per reason (holdout, frequency_cap) */
    public Map<String, Long> suppressedByReason() {
        final Map<String, Long> byReason = new TreeMap<>();
        for (final Counter counter : registry.find(SUPPRESSED).counters()) {
            byReason.merge(counter.getId().getTag("reason"), (long) counter.count(), Long::sum);
        }
        return byReason;
    }

    /** @return all metrics in the Prometheus text format ({@link #CONTENT_TYPE}) */
    public String scrape() {
        return registry.scrape(CONTENT_TYPE);
    }

    @Override
    public synchronized void close() {
        if (streamsMetrics != null) {
            streamsMetrics.close();
            streamsMetrics = null;
        }
        gcMetrics.close();
        registry.close();
    }

    private static String tagValue(final Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    /**
     * Counts decisions into cached meters: stream threads call it per record, so a lookup in a concurrent map
     * replaces a registry lookup with its tag sorting. Tag values come from the playbook, so the maps stay small.
     */
    private final class MeteredObserver implements EngineObserver {

        private final Map<CommandTags, Counter> issued = new ConcurrentHashMap<>();
        private final Map<SuppressionTags, Counter> suppressed = new ConcurrentHashMap<>();
        private final Map<String, Counter> deadLetters = new ConcurrentHashMap<>();
        private final Counter timersFired = Counter.builder(TIMERS_FIRED)
                .description("User timers that fired").register(registry);
        private final Timer timerLateness = Timer.builder(TIMER_LATENESS)
                .description("How long after its due time, in engine time, a user timer fired")
                .serviceLevelObjectives(Duration.ofSeconds(1), Duration.ofSeconds(10), Duration.ofMinutes(1),
                        Duration.ofMinutes(5), Duration.ofMinutes(30), Duration.ofHours(2))
                .register(registry);
        private final Counter timerEntriesVisited = Counter.builder(TIMER_ENTRIES_VISITED)
                .description("Timer store entries read by timer passes").register(registry);
        private final Counter duplicateEvents = Counter.builder(DUPLICATE_EVENTS)
                .description("Product events dropped as repeats of an event id already seen").register(registry);
        private final Counter lateEvents = Counter.builder(LATE_EVENTS)
                .description("Product events older than the activation window, counted as activity only")
                .register(registry);

        @Override
        public void commandIssued(final String persona, final String triggerId, final Channel channel) {
            issued.computeIfAbsent(new CommandTags(persona, triggerId, channel), tags -> Counter.builder(COMMANDS)
                    .description("Intervention commands sent to a channel")
                    .tag("persona", tags.persona).tag("trigger", tags.trigger).tag("channel", tagValue(tags.channel))
                    .register(registry)).increment();
        }

        @Override
        public void commandSuppressed(final String persona, final String triggerId, final Suppression reason) {
            suppressed.computeIfAbsent(new SuppressionTags(persona, triggerId, reason), tags -> Counter
                    .builder(SUPPRESSED)
                    .description("Commands a rule produced but the holdout or the frequency cap held back")
                    .tag("persona", tags.persona).tag("trigger", tags.trigger).tag("reason", tagValue(tags.reason))
                    .register(registry)).increment();
        }

        @Override
        public void timerFired(final long latenessMs) {
            timersFired.increment();
            timerLateness.record(Math.max(0, latenessMs), TimeUnit.MILLISECONDS);
        }

        @Override
        public void timerPass(final int visited, final int fired) {
            timerEntriesVisited.increment(visited);
        }

        @Override
        public void duplicateEvent() {
            duplicateEvents.increment();
        }

        @Override
        public void lateEvent() {
            lateEvents.increment();
        }

        @Override
        public void deadLettered(final String topic, final int partition, final long offset, final Exception cause) {
            deadLetters.computeIfAbsent(topic == null ? NO_TOPIC : topic, name -> Counter.builder(DEAD_LETTERS)
                    .description("Records sent to the dead-letter topic, by the topic they were read from")
                    .tag("topic", name)
                    .register(registry)).increment();
        }
    }

    private record CommandTags(String persona, String trigger, Channel channel) {
    }

    private record SuppressionTags(String persona, String trigger, EngineObserver.Suppression reason) {
    }
}
