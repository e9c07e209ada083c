package org.activationengine.runtime.kafka;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.activationengine.runtime.ScratchDirectory;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A single-node Kafka broker in KRaft mode (combined broker and controller) running inside this JVM, so that
 * {@code activation-engine run} and {@code demo} work without external services and integration tests share a
 * real broker.
 *
 * <p>A broker instance is started once and closed once; to restart on the same data, build a new instance with
 * the same {@link Builder#dataDirectory(Path) data directory}. Known shortcomings: a free port is chosen by
 * briefly binding it and releasing it before the broker binds it again, so another process may take it in
 * between; and the broker's own fatal-fault handling may halt the whole JVM on metadata corruption, as a
 * standalone broker process would.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

    /** The default port of the product's embedded mode, so that outside tools find the broker where they expect. */
    public static final int DEFAULT_KAFKA_PORT = 9092;

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);

    private static final int NODE_ID = 1;
    private static final String BROKER_LISTENER = "PLAINTEXT";
    private static final String CONTROLLER_LISTENER = "CONTROLLER";
    private static final String META_PROPERTIES = "meta.properties";
    private static final Duration READY_ATTEMPT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration READY_RETRY_PAUSE = Duration.ofMillis(100);
    private static final Duration ADMIN_CLOSE_TIMEOUT = Duration.ofSeconds(5);

    private final String host;
    private final int requestedPort;
    private final int requestedControllerPort;
    private final Path keptDataDirectory;
    private final int defaultPartitions;
    private final Duration startupTimeout;
    private final Map<String, String> extraBrokerProperties;

    private State state = State.NEW;
    private Path dataDirectory;
    private int port;
    private String clusterId;
    private KafkaRaftServer server;
    private Admin admin;

    private EmbeddedKafkaBroker(final Builder builder) {
        this.host = builder.host;
        this.requestedPort = builder.port;
        this.requestedControllerPort = builder.controllerPort;
        this.keptDataDirectory = builder.dataDirectory;
        this.defaultPartitions = builder.defaultPartitions;
        this.startupTimeout = builder.startupTimeout;
        this.extraBrokerProperties = Map.copyOf(builder.brokerProperties);
    }

    /**
     * Starts configuring a broker: by default on {@code 127.0.0.1}, on free ports, with data in a temporary
     * directory that is deleted on {@link #close()}.
     *
     * @return a builder with the defaults set
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Formats the data directory if it is not formatted yet, starts the broker and waits until it accepts
     * client requests.
     *
     * @return this broker, started
     * @throws IllegalStateException if the broker was started before, a port is in use, or the broker fails
     */
    public synchronized EmbeddedKafkaBroker start() {
        if (state != State.NEW) {
            throw new IllegalStateException("The embedded Kafka broker was already " + state.description
                + "; build a new one (with the same data directory to keep the data) to start again");
        }
        state = State.STARTING;
        try {
            doStart();
            state = State.RUNNING;
            return this;
        } catch (final RuntimeException e) {
            stopQuietly();
            state = State.CLOSED;
            throw e;
        }
    }

    private void doStart() {
        final int controllerPort = reservePorts();
        dataDirectory = prepareDataDirectory();
        LOG.info("Starting embedded Kafka broker on '{}' (data in '{}')", bootstrapAddress(), dataDirectory);

        final long startedAt = System.nanoTime();
        final Map<String, Object> brokerProperties = brokerProperties(controllerPort);
        clusterId = formatIfNeeded(brokerProperties);
        final KafkaConfig config = new KafkaConfig(brokerProperties, false);
        server = new KafkaRaftServer(config, Time.SYSTEM);
        try {
            server.startup();
        } catch (final RuntimeException e) {
            throw startupFailure(e);
        }
        admin = Admin.create(adminProperties());
        awaitReady();

        final long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedAt);
        LOG.info("Embedded Kafka broker ready on '{}' (cluster '{}', started in {} ms)",
            bootstrapAddress(), clusterId, tookMillis);
    }

    /**
     * The address clients connect to, as {@code host:port}.
     *
     * @return the bootstrap servers of this broker
     * @throws IllegalStateException if the broker is not running
     */
    public synchronized String bootstrapServers() {
        requireRunning("read its bootstrap servers");
        return bootstrapAddress();
    }

    /**
     * The port clients connect to; the chosen one if the builder asked for any free port.
     *
     * @return the broker port
     * @throws IllegalStateException if the broker is not running
     */
    public synchronized int port() {
        requireRunning("read its port");
        return port;
    }

    /**
     * The id of the cluster, stable across restarts on a kept data directory.
     *
     * @return the cluster id
     * @throws IllegalStateException if the broker is not running
     */
    public synchronized String clusterId() {
        requireRunning("read its cluster id");
        return clusterId;
    }

    /**
     * The directory holding the broker's logs and metadata.
     *
     * @return the data directory
     * @throws IllegalStateException if the broker is not running
     */
    public synchronized Path dataDirectory() {
        requireRunning("read its data directory");
        return dataDirectory;
    }

    /**
     * Tells whether the broker is started and not closed.
     *
     * @return true between a successful {@link #start()} and {@link #close()}
     */
    public synchronized boolean isRunning() {
        return state == State.RUNNING;
    }

    /**
     * Creates a topic unless it exists already.
     *
     * @param name       the topic name
     * @param partitions the number of partitions
     * @param config     topic configuration, such as {@code cleanup.policy=compact}; may be empty
     * @throws IllegalStateException if the broker is not running or refuses the topic
     */
    public void createTopic(final String name, final int partitions, final Map<String, String> config) {
        createTopics(List.of(new NewTopic(name, partitions, (short) 1).configs(Map.copyOf(config))));
    }

    /**
     * Creates topics with the broker's default partition count, skipping those that exist already.
     *
     * @param names the topic names
     * @throws IllegalStateException if the broker is not running or refuses a topic
     */
    public void createTopics(final String... names) {
        final List<NewTopic> topics = new ArrayList<>();
        for (final String name : names) {
            topics.add(new NewTopic(name, defaultPartitions, (short) 1));
        }
        createTopics(topics);
    }

    /**
     * Creates topics, skipping those that exist already, so that callers may create what they need on every
     * start.
     *
     * @param topics the topics; a replication factor above one cannot be met by this single broker
     * @throws IllegalStateException if the broker is not running or refuses a topic
     */
    public synchronized void createTopics(final Collection<NewTopic> topics) {
        requireRunning("create topics");
        final Map<String, KafkaFuture<Void>> results = admin.createTopics(topics).values();
        for (final Map.Entry<String, KafkaFuture<Void>> result : results.entrySet()) {
            awaitTopicCreated(result.getKey(), result.getValue());
        }
    }

    private void awaitTopicCreated(final String topic, final KafkaFuture<Void> result) {
        try {
            result.get(startupTimeout.toMillis(), TimeUnit.MILLISECONDS);
            LOG.debug("Created topic '{}'", topic);
        } catch (final ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("Cannot create topic '" + topic + "' on the embedded Kafka broker: "
                    + e.getCause().getMessage(), e.getCause());
            }
        } catch (final TimeoutException e) {
            throw new IllegalStateException("Creating topic '" + topic + "' did not finish within "
                + startupTimeout.toMillis() + " ms", e);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating topic '" + topic + "'", e);
        }
    }

    /**
     * Stops the broker and waits for it, then deletes the data directory unless it was given to the builder to
     * keep. Closing twice does nothing; a broker closed before it started can no longer start.
     */
    @Override
    public synchronized void close() {
        if (state != State.RUNNING) {
            state = State.CLOSED;
            return;
        }
        LOG.info("Stopping embedded Kafka broker on '{}'", bootstrapAddress());
        stopQuietly();
        state = State.CLOSED;
        LOG.info("Embedded Kafka broker on '{}' stopped", bootstrapAddress());
    }

    private void stopQuietly() {
        if (admin != null) {
            admin.close(ADMIN_CLOSE_TIMEOUT);
            admin = null;
        }
        if (server != null) {
            try {
                server.shutdown();
                server.awaitShutdown();
            } catch (final RuntimeException e) {
                LOG.warn("Embedded Kafka broker on '{}' did not shut down cleanly; its data in '{}' may need "
                    + "recovery on the next start", bootstrapAddress(), dataDirectory, e);
            }
            server = null;
        }
        if (keptDataDirectory == null && dataDirectory != null) {
            ScratchDirectory.delete(dataDirectory);
        }
    }

    private void requireRunning(final String action) {
        if (state != State.RUNNING) {
            throw new IllegalStateException("Cannot " + action + ": the embedded Kafka broker is "
                + state.description + "; call start() first and do not use it after close()");
        }
    }

    private String bootstrapAddress() {
        return host + ":" + port;
    }

    private Path prepareDataDirectory() {
        try {
            if (keptDataDirectory == null) {
                return Files.createTempDirectory("activation-engine-kafka-");
            }
            return Files.createDirectories(keptDataDirectory);
        } catch (final IOException e) {
            throw new UncheckedIOException("Cannot create the Kafka data directory '"
                + (keptDataDirectory == null ? "(temporary)" : keptDataDirectory) + "'", e);
        }
    }

    /**
     * Formats the data directory on first use; a directory formatted before keeps its cluster id, because the
     * broker refuses logs that belong to another cluster.
     */
    private String formatIfNeeded(final Map<String, Object> brokerProperties) {
        final Path metaProperties = dataDirectory.resolve(META_PROPERTIES);
        if (Files.exists(metaProperties)) {
            final String existing = readClusterId(metaProperties);
            LOG.debug("Data directory '{}' is already formatted for cluster '{}'", dataDirectory, existing);
            return existing;
        }
        final String newClusterId = Uuid.randomUuid().toString();
        LOG.debug("Formatting data directory '{}' for cluster '{}'", dataDirectory, newClusterId);
        Path configFile = null;
        // The storage tool is the formatter's only entry point on the compile classpath; it reads a config file.
        try (PrintStream discarded = new PrintStream(OutputStream.nullOutputStream())) {
            configFile = writeConfigFile(brokerProperties);
            final int exitCode = StorageTool.execute(
                new String[] {"format", "--config", configFile.toString(), "--cluster-id", newClusterId}, discarded);
            if (exitCode != 0) {
                throw new IllegalStateException("the storage formatter ended with code " + exitCode);
            }
        } catch (final IOException | RuntimeException e) {
            throw new IllegalStateException("Cannot format the Kafka data directory '" + dataDirectory + "': "
                + e.getMessage(), e);
        } finally {
            if (configFile != null) {
                ScratchDirectory.delete(configFile);
            }
        }
        return newClusterId;
    }

    private static Path writeConfigFile(final Map<String, Object> brokerProperties) throws IOException {
        final Properties properties = new Properties();
        brokerProperties.forEach((name, value) -> properties.setProperty(name, String.valueOf(value)));
        final Path file = Files.createTempFile("activation-engine-kafka-", ".properties");
        try (OutputStream output = Files.newOutputStream(file)) {
            properties.store(output, "Embedded Kafka broker, for formatting its data directory");
        }
        return file;
    }

    private static String readClusterId(final Path metaProperties) {
        final Properties properties = new Properties();
        try (InputStream input = Files.newInputStream(metaProperties)) {
            properties.load(input);
        } catch (final IOException e) {
            throw new UncheckedIOException("Cannot read '" + metaProperties + "'", e);
        }
        final String id = properties.getProperty("cluster.id");
        if (id == null || id.isBlank()) {
            throw new IllegalStateException("'" + metaProperties + "' has no cluster.id; delete the data directory "
                + "to start with an empty broker, or restore the file");
        }
        return id;
    }

    private Map<String, Object> brokerProperties(final int controllerPort) {
        final Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("process.roles", "broker,controller");
        properties.put("node.id", String.valueOf(NODE_ID));
        // Static voters rather than a dynamic quorum: the controller port may change between runs on a kept
        // directory, and a dynamic quorum would remember the old one.
        properties.put("controller.quorum.voters", NODE_ID + "@" + host + ":" + controllerPort);
        properties.put("controller.listener.names", CONTROLLER_LISTENER);
        properties.put("listeners", BROKER_LISTENER + "://" + host + ":" + port + ","
            + CONTROLLER_LISTENER + "://" + host + ":" + controllerPort);
        properties.put("advertised.listeners", BROKER_LISTENER + "://" + host + ":" + port);
        properties.put("listener.security.protocol.map",
            BROKER_LISTENER + ":PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        properties.put("inter.broker.listener.name", BROKER_LISTENER);
        properties.put("log.dirs", dataDirectory.toString());
        properties.put("num.partitions", String.valueOf(defaultPartitions));
        properties.putAll(singleNodeProperties());
        properties.putAll(extraBrokerProperties);
        return properties;
    }

    /** Settings a one-node cluster needs (replication factor one everywhere) or benefits from (few threads). */
    private static Map<String, String> singleNodeProperties() {
        final Map<String, String> properties = new LinkedHashMap<>();
        properties.put("default.replication.factor", "1");
        properties.put("min.insync.replicas", "1");
        properties.put("offsets.topic.replication.factor", "1");
        // Few internal partitions: each one is a coordinator to load, and one node gains nothing from many.
        properties.put("offsets.topic.num.partitions", "1");
        properties.put("transaction.state.log.replication.factor", "1");
        properties.put("transaction.state.log.min.isr", "1");
        properties.put("transaction.state.log.num.partitions", "1");
        properties.put("share.coordinator.state.topic.replication.factor", "1");
        properties.put("share.coordinator.state.topic.min.isr", "1");
        properties.put("share.coordinator.state.topic.num.partitions", "1");
        // A newcomer's first Streams app should not wait three seconds for a rebalance that will not come.
        properties.put("group.initial.rebalance.delay.ms", "0");
        properties.put("num.network.threads", "2");
        properties.put("num.io.threads", "2");
        properties.put("num.recovery.threads.per.data.dir", "1");
        properties.put("background.threads", "2");
        // The default cleaner buffer is 128 MiB; a laptop demo compacts kilobytes.
        properties.put("log.cleaner.dedupe.buffer.size", String.valueOf(8 * 1024 * 1024));
        properties.put("log.cleaner.threads", "1");
        return properties;
    }

    private Properties adminProperties() {
        final Properties properties = new Properties();
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapAddress());
        properties.put(AdminClientConfig.CLIENT_ID_CONFIG, "embedded-kafka-broker-admin");
        properties.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) READY_ATTEMPT_TIMEOUT.toMillis());
        properties.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) startupTimeout.toMillis());
        return properties;
    }

    /** Waits until the broker answers a client and lists itself as alive, which it does once unfenced. */
    private void awaitReady() {
        final long deadline = System.nanoTime() + startupTimeout.toNanos();
        Exception lastFailure = null;
        while (System.nanoTime() < deadline) {
            try {
                final var nodes = admin.describeCluster().nodes()
                    .get(READY_ATTEMPT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                if (!nodes.isEmpty()) {
                    return;
                }
                Thread.sleep(READY_RETRY_PAUSE.toMillis());
            } catch (final ExecutionException | TimeoutException e) {
                lastFailure = e;
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for the embedded Kafka broker", e);
            }
        }
        throw new IllegalStateException("The embedded Kafka broker on '" + bootstrapAddress()
            + "' did not accept clients within " + startupTimeout.toMillis() + " ms", lastFailure);
    }

    private RuntimeException startupFailure(final RuntimeException cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof BindException) {
                return new IllegalStateException("The embedded Kafka broker cannot bind its ports on '" + host
                    + "' (broker port " + port + "): " + t.getMessage()
                    + "; stop the process using it or choose another port (0 picks a free one)", cause);
            }
        }
        return new IllegalStateException("The embedded Kafka broker failed to start on '" + bootstrapAddress()
            + "' with data in '" + dataDirectory + "': " + cause.getMessage(), cause);
    }

    /** Sets the broker port and returns the controller port, both checked free or picked free just now. */
    private int reservePorts() {
        // Both sockets stay bound until both ports are known, so two free-port picks cannot collide.
        try (ServerSocket brokerSocket = bindPort(requestedPort, "broker port", "port");
             ServerSocket controllerSocket = bindPort(requestedControllerPort, "controller port", "controllerPort")) {
            port = brokerSocket.getLocalPort();
            return controllerSocket.getLocalPort();
        } catch (final IOException e) {
            throw new UncheckedIOException("Cannot release the ports probed on '" + host + "'", e);
        }
    }

    /**
     * Binds the requested port to check it is free, or any free port if zero was requested; a clear message here
     * beats the broker's own failure deep inside its startup.
     */
    private ServerSocket bindPort(final int requested, final String role, final String builderOption) {
        try {
            final ServerSocket socket = new ServerSocket();
            try {
                socket.setReuseAddress(true);
                socket.bind(new InetSocketAddress(InetAddress.getByName(host), requested));
                return socket;
            } catch (final IOException e) {
                socket.close();
                throw e;
            }
        } catch (final BindException e) {
            throw new IllegalStateException("Port " + requested + " on '" + host + "' (" + role
                + " of the embedded Kafka broker) is already in use; stop the process using it or choose another "
                + "port with " + builderOption + "(...) (0 picks a free one)", e);
        } catch (final IOException e) {
            throw new UncheckedIOException("Cannot open a socket on '" + host + "' for the " + role, e);
        }
    }

    private enum State {
        NEW("not started"),
        STARTING("starting"),
        RUNNING("running"),
        CLOSED("closed");

        private final String description;

        State(final String description) {
            this.description = description;
        }
    }

    /** Options of an {@link EmbeddedKafkaBroker}; every option has a default suitable for a local run. */
    public static final class Builder {

        private String host = "127.0.0.1";
        private int port;
        private int controllerPort;
        private Path dataDirectory;
        private int defaultPartitions = 3;
        private Duration startupTimeout = Duration.ofSeconds(60);
        private final Map<String, String> brokerProperties = new LinkedHashMap<>();

        private Builder() {
        }

        /**
         * Sets the host the broker binds to and advertises to clients.
         *
         * @param host a host name or address reachable by the clients; default {@code 127.0.0.1}
         * @return this builder
         */
        public Builder host(final String host) {
            this.host = requireText(host, "host");
            return this;
        }

        /**
         * Sets the port clients connect to.
         *
         * @param port a port, or 0 (the default) for any free port
         * @return this builder
         */
        public Builder port(final int port) {
            this.port = requirePort(port, "port");
            return this;
        }

        /**
         * Sets the port of the KRaft controller listener, which only the broker itself uses.
         *
         * @param controllerPort a port, or 0 (the default) for any free port
         * @return this builder
         */
        public Builder controllerPort(final int controllerPort) {
            this.controllerPort = requirePort(controllerPort, "controllerPort");
            return this;
        }

        /**
         * Keeps the broker's data in the given directory across runs instead of a temporary one: it is formatted
         * on first use and reused, with its topics, records and cluster id, afterwards.
         *
         * @param dataDirectory the directory, created if missing; never deleted
         * @return this builder
         */
        public Builder dataDirectory(final Path dataDirectory) {
            this.dataDirectory = Objects.requireNonNull(dataDirectory, "dataDirectory");
            return this;
        }

        /**
         * Sets the partition count of topics created without one, including automatically created topics.
         *
         * @param defaultPartitions at least 1; default 3
         * @return this builder
         */
        public Builder defaultPartitions(final int defaultPartitions) {
            if (defaultPartitions < 1) {
                throw new IllegalArgumentException("defaultPartitions must be at least 1, was " + defaultPartitions);
            }
            this.defaultPartitions = defaultPartitions;
            return this;
        }

        /**
         * Sets how long {@link EmbeddedKafkaBroker#start()} waits for the broker to accept clients.
         *
         * @param startupTimeout a positive duration; default 60 seconds
         * @return this builder
         */
        public Builder startupTimeout(final Duration startupTimeout) {
            if (startupTimeout.isNegative() || startupTimeout.isZero()) {
                throw new IllegalArgumentException("startupTimeout must be positive, was " + startupTimeout);
            }
            this.startupTimeout = startupTimeout;
            return this;
        }

        /**
         * Adds a broker property, overriding the embedded defaults; for example {@code log.retention.ms}.
         *
         * @param name  a Kafka broker property name
         * @param value its value
         * @return this builder
         */
        public Builder brokerProperty(final String name, final String value) {
            brokerProperties.put(requireText(name, "broker property name"), Objects.requireNonNull(value, name));
            return this;
        }

        /**
         * Adds broker properties, overriding the embedded defaults.
         *
         * @param properties Kafka broker properties by name
         * @return this builder
         */
        public Builder brokerProperties(final Map<String, String> properties) {
            properties.forEach(this::brokerProperty);
            return this;
        }

        /**
         * Creates the broker without starting it.
         *
         * @return a broker to {@link EmbeddedKafkaBroker#start() start}
         */
        public EmbeddedKafkaBroker build() {
            return new EmbeddedKafkaBroker(this);
        }

        private static String requireText(final String value, final String name) {
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException(name + " must not be blank");
            }
            return value;
        }

        private static int requirePort(final int port, final String name) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException(name + " must be between 0 and 65535, was " + port);
            }
            return port;
        }
    }
}
