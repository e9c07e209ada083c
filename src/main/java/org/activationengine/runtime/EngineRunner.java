package org.activationengine.runtime;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.activationengine.engine.ActivationTopology;
import org.activationengine.engine.EngineObserver;
import org.activationengine.engine.EngineStreamsConfig;
import org.activationengine.engine.EngineTopics;
import org.activationengine.playbook.Playbook;
import org.activationengine.playbook.PlaybookReader;
import org.activationengine.runtime.avro.SchemaRegistryClient;
import org.activationengine.runtime.avro.SchemaRegistryClients;
import org.activationengine.runtime.avro.SchemaRegistryHttpServer;
import org.activationengine.runtime.config.ConfigException;
import org.activationengine.runtime.config.EngineConfig;
import org.activationengine.runtime.config.EngineSetting;
import org.activationengine.runtime.kafka.EmbeddedKafkaBroker;
import org.activationengine.runtime.kafka.TopicSetup;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts and stops one engine instance: the embedded broker and registry when no cluster is configured, topic
 * checks, Kafka Streams with exactly-once and the dead-letter queue, and a clean shutdown on SIGTERM within the
 * configured timeout.
 */
public final class EngineRunner implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EngineRunner.class);
    private static final String DEFAULT_APPLICATION_ID = "activation-engine";
    /** The playbook an embedded run uses when none is configured, so a newcomer can start it with no setup. */
    private static final Path EXAMPLE_PLAYBOOK = Path.of("examples", "playbook.yaml");

    private final EngineConfig config;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final AtomicBoolean closing = new AtomicBoolean();
    private EmbeddedKafkaBroker broker;
    private SchemaRegistryHttpServer registryServer;
    private KafkaStreams streams;
    private EngineServices services;
    private Thread shutdownHook;

    private EngineRunner(final EngineConfig config) {
        this.config = config;
    }

    /**
     * Starts an engine.
     *
     * @param config the configuration
     * @return the running engine; close it to stop
     * @throws ConfigException when the configuration, the playbook or the topics are not usable
     */
    public static EngineRunner start(final EngineConfig config) {
        final EngineRunner runner = new EngineRunner(config);
        try {
            runner.startAll();
            return runner;
        } catch (final RuntimeException e) {
            runner.close();
            throw e;
        }
    }

    private void startAll() {
        if (config.isEmbedded() && !config.isConfigured(EngineSetting.PLAYBOOK) && Files.exists(EXAMPLE_PLAYBOOK)) {
            config.override(EngineSetting.PLAYBOOK, EXAMPLE_PLAYBOOK.toString(), "embedded mode: the example");
        }
        final Playbook playbook = PlaybookReader.read(Path.of(config.required(EngineSetting.PLAYBOOK)));
        if (config.isEmbedded()) {
            startEmbedded();
        }
        LOG.info("Starting activation engine with playbook '{}' ({} personas); configuration:\n{}",
                playbook.source(), playbook.personas().size(), config.summary());
        final SchemaRegistryClient registry = SchemaRegistryClients.forUrl(registryUrl(),
                config.schemaRegistrySettings());
        final EngineTopics topics = config.topics();
        prepareTopics(topics);

        services = EngineServices.create(config, playbook);
        final EngineObserver observer = services.observer();
        final Properties props = streamsProperties(topics, observer);
        streams = new KafkaStreams(new ActivationTopology(playbook, topics, config.options(),
                new RegistryEngineSerdes(registry), observer).build(), props);
        streams.setStateListener((next, previous) -> LOG.info("Kafka Streams state {} -> {}", previous, next));
        streams.setUncaughtExceptionHandler(this::onUncaught);
        services.start(streams);
        shutdownHook = new Thread(this::close, "activation-engine-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        streams.start();
    }

    /** @return the Kafka Streams client, for tests and the demo */
    public KafkaStreams streams() {
        return streams;
    }

    /** @return the bootstrap servers the engine uses */
    public String bootstrapServers() {
        return config.kafkaProperties().get(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG);
    }

    /** @return the schema registry URL the engine uses */
    public String registryUrl() {
        return config.optional(EngineSetting.SCHEMA_REGISTRY_URL).orElseThrow(() -> new ConfigException(
                "Setting 'schema.registry.url' is required with a Kafka cluster: set it under 'engine:' or with "
                        + EngineSetting.SCHEMA_REGISTRY_URL.environmentVariable()
                        + " (mock://NAME selects an in-process registry for tests)."));
    }

    /** @return the HTTP services (metrics, API) of this engine */
    public EngineServices services() {
        return services;
    }

    /** Blocks until the engine has stopped (SIGTERM, a fatal error, or {@link #close()}). */
    public void awaitShutdown() throws InterruptedException {
        stopped.await();
    }

    private void startEmbedded() {
        final Path dataDir = Path.of(config.get(EngineSetting.EMBEDDED_DATA_DIR)).toAbsolutePath();
        broker = EmbeddedKafkaBroker.builder()
                .port(config.integer(EngineSetting.EMBEDDED_KAFKA_PORT))
                .dataDirectory(dataDir.resolve("kafka"))
                .defaultPartitions(config.integer(EngineSetting.TOPIC_PARTITIONS))
                .build().start();
        config.overrideKafka(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(), "embedded broker");
        if (!config.kafkaProperties().containsKey(StreamsConfig.STATE_DIR_CONFIG)) {
            config.overrideKafka(StreamsConfig.STATE_DIR_CONFIG, dataDir.resolve("state").toString(), "embedded");
        }
        if (config.optional(EngineSetting.SCHEMA_REGISTRY_URL).isEmpty()) {
            registryServer = new SchemaRegistryHttpServer(SchemaRegistryClients.inMemory("embedded"), "127.0.0.1",
                    config.integer(EngineSetting.EMBEDDED_REGISTRY_PORT)).start();
            config.override(EngineSetting.SCHEMA_REGISTRY_URL, registryServer.url(), "embedded registry");
        }
        LOG.info("EMBEDDED MODE: no bootstrap servers configured, so the engine runs its own single-node Kafka "
                + "broker at '{}' and schema registry at '{}' (data in '{}'). To use a real cluster set "
                + "KAFKA_BOOTSTRAP_SERVERS and ACTIVATION_ENGINE_SCHEMA_REGISTRY_URL, or 'kafka: bootstrap.servers' "
                + "and 'engine: schema.registry.url' in the config file.", broker.bootstrapServers(),
                config.get(EngineSetting.SCHEMA_REGISTRY_URL), dataDir);
    }

    private void prepareTopics(final EngineTopics topics) {
        final Map<String, Object> adminProps = new HashMap<>(config.kafkaProperties());
        adminProps.keySet().removeIf(key -> !AdminClientConfig.configNames().contains(key));
        try (Admin admin = Admin.create(adminProps)) {
            final TopicSetup setup = new TopicSetup(admin, topics, config.integer(EngineSetting.TOPIC_PARTITIONS),
                    config.integer(EngineSetting.TOPIC_REPLICATION));
            if (broker != null) {
                setup.createInputs();
            }
            setup.prepare();
        }
    }

    private Properties streamsProperties(final EngineTopics topics, final EngineObserver observer) {
        final String applicationId = config.kafkaProperties().getOrDefault(StreamsConfig.APPLICATION_ID_CONFIG,
                DEFAULT_APPLICATION_ID);
        final Properties props = EngineStreamsConfig.properties(applicationId, topics, observer);
        props.putAll(config.kafkaProperties());
        return props;
    }

    private StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse onUncaught(final Throwable error) {
        LOG.error("A stream thread failed with an unexpected error; shutting the engine down so it can be "
                + "restarted (state is kept). Check the error below and the dead-letter topic.", error);
        new Thread(this::close, "activation-engine-fatal-stop").start();
        return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
    }

    /** Stops the engine: Kafka Streams (state closed cleanly), the HTTP server, then embedded services. */
    @Override
    public void close() {
        if (!closing.compareAndSet(false, true)) {
            return;
        }
        final Duration timeout = config.duration(EngineSetting.SHUTDOWN_TIMEOUT);
        LOG.info("Stopping activation engine (up to {})", timeout);
        if (streams != null && !streams.close(closeOptions(timeout))) {
            LOG.warn("Kafka Streams did not close within {}; the next start restores state from the changelog. "
                    + "Raise shutdown.timeout (and the pod's terminationGracePeriodSeconds) if this repeats.", timeout);
        }
        if (services != null) {
            services.close();
        }
        if (registryServer != null) {
            registryServer.close();
        }
        if (broker != null) {
            broker.close();
        }
        removeShutdownHook();
        stopped.countDown();
        LOG.info("Activation engine stopped");
    }

    /**
     * Without static membership a stopped instance leaves the group at once, so its partitions move without
     * waiting for the session timeout; with it ({@code group.instance.id}, as the Helm chart sets) the instance
     * stays a member so a quick restart gets its partitions back without a rebalance.
     */
    private CloseOptions closeOptions(final Duration timeout) {
        final boolean staticMember = config.kafkaProperties().containsKey("group.instance.id");
        return CloseOptions.timeout(timeout).withGroupMembershipOperation(staticMember
                ? CloseOptions.GroupMembershipOperation.REMAIN_IN_GROUP
                : CloseOptions.GroupMembershipOperation.LEAVE_GROUP);
    }

    private void removeShutdownHook() {
        if (shutdownHook != null && Thread.currentThread() != shutdownHook) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (final IllegalStateException e) {
                // The JVM is already shutting down; the hook is running or has run.
            }
        }
    }
}
