package org.activationengine.runtime;

import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.activationengine.engine.EngineTopics;
import org.activationengine.runtime.avro.SchemaRegistryClient;
import org.activationengine.runtime.avro.SchemaRegistryClients;
import org.activationengine.runtime.config.EngineConfig;
import org.activationengine.runtime.config.EngineSetting;
import org.activationengine.runtime.kafka.EmbeddedKafkaBroker;
import org.activationengine.runtime.kafka.SharedKafkaBroker;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;

/**
 * One engine under test on the shared broker, with its own topics, application id, schema registry scope and
 * state directory, so broker tests never see each other's records. It can be stopped and started again on the
 * same state, as an operator restarts a pod.
 */
final class EngineTestbed implements AutoCloseable {

    /** How long any broker test waits for an outcome: generous, because CI shares two cores. */
    static final Duration PATIENCE = Duration.ofSeconds(120);
    /** The playbook of the broker tests: no holdout, no cap. */
    static final Path TEST_PLAYBOOK = Path.of("src/test/resources/playbooks/integration.yaml");
    /** The playbook shipped as the example, with holdout and frequency cap. */
    static final Path EXAMPLE_PLAYBOOK = Path.of("examples/playbook.yaml");

    private static final String ORIGIN = "test";

    private final EmbeddedKafkaBroker broker = SharedKafkaBroker.broker();
    private final String id;
    private final EngineTopics topics;
    private final Path playbook;
    private final Path stateDir;
    private EngineRunner runner;

    private EngineTestbed(final String name, final Path playbook, final Path stateDir) {
        this.id = name + "-" + UUID.randomUUID().toString().substring(0, 8);
        this.topics = new EngineTopics(id + "-signups", id + "-events", id + "-email", id + "-in-app",
                id + "-counts", id + "-status", id + "-dlq");
        this.playbook = playbook;
        this.stateDir = stateDir;
    }

    /**
     * Creates the input topics, one partition each, so a single task sees every record and stream time is the
     * latest event time of the whole test.
     *
     * @param name     a readable prefix of every name the test uses
     * @param playbook the playbook file
     * @param stateDir the Kafka Streams state directory, kept across restarts
     * @return a testbed whose engine is not started yet
     */
    static EngineTestbed create(final String name, final Path playbook, final Path stateDir) {
        final EngineTestbed testbed = new EngineTestbed(name, playbook, stateDir);
        testbed.createInputs(1, 1);
        return testbed;
    }

    /**
     * Like {@link #create} but with the given input partition counts, and nothing else prepared.
     *
     * @param name              a readable prefix of every name the test uses
     * @param signupPartitions  partitions of the signups topic
     * @param eventPartitions   partitions of the events topic
     * @param stateDir          the Kafka Streams state directory
     * @return a testbed whose engine is not started yet
     */
    static EngineTestbed withInputs(final String name, final int signupPartitions, final int eventPartitions,
            final Path stateDir) {
        final EngineTestbed testbed = new EngineTestbed(name, TEST_PLAYBOOK, stateDir);
        testbed.createInputs(signupPartitions, eventPartitions);
        return testbed;
    }

    private void createInputs(final int signupPartitions, final int eventPartitions) {
        broker.createTopic(topics.signups(), signupPartitions, Map.of());
        broker.createTopic(topics.events(), eventPartitions, Map.of());
    }

    /** @return a fresh configuration of this testbed's engine, as an operator would write it */
    EngineConfig config() {
        final EngineConfig config = EngineConfig.load(null, Map.of());
        config.override(EngineSetting.PLAYBOOK, playbook.toString(), ORIGIN);
        config.override(EngineSetting.SCHEMA_REGISTRY_URL, "mock://" + id, ORIGIN);
        config.override(EngineSetting.HTTP_HOST, "127.0.0.1", ORIGIN);
        config.override(EngineSetting.HTTP_PORT, "0", ORIGIN);
        config.override(EngineSetting.TOPIC_SIGNUPS, topics.signups(), ORIGIN);
        config.override(EngineSetting.TOPIC_EVENTS, topics.events(), ORIGIN);
        config.override(EngineSetting.TOPIC_EMAIL, topics.emailCommands(), ORIGIN);
        config.override(EngineSetting.TOPIC_IN_APP, topics.inAppCommands(), ORIGIN);
        config.override(EngineSetting.TOPIC_COUNTS, topics.personaCounts(), ORIGIN);
        config.override(EngineSetting.TOPIC_STATUS, topics.userStatus(), ORIGIN);
        config.override(EngineSetting.TOPIC_DEAD_LETTER, topics.deadLetters(), ORIGIN);
        config.override(EngineSetting.TOPIC_PARTITIONS, "1", ORIGIN);
        // Timers must follow event time only: the wall-clock fallback would make the output depend on test speed.
        config.override(EngineSetting.TIMER_IDLE_PERIOD, "1h", ORIGIN);
        config.overrideKafka(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(), ORIGIN);
        config.overrideKafka(StreamsConfig.APPLICATION_ID_CONFIG, applicationId(), ORIGIN);
        config.overrideKafka(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString(), ORIGIN);
        config.overrideKafka(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, "100", ORIGIN);
        // Static membership, as the Helm chart sets it from the pod name: a restarted engine takes its partitions
        // back at once instead of waiting for the session of its previous incarnation to time out.
        config.overrideKafka(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, id + "-instance", ORIGIN);
        return config;
    }

    /**
     * Starts the engine and waits until Kafka Streams runs.
     *
     * @return the running engine
     */
    EngineRunner start() {
        if (runner != null) {
            throw new IllegalStateException("The engine of '" + id + "' is already running");
        }
        final EngineRunner started = EngineRunner.start(config());
        runner = started;
        await().atMost(PATIENCE).until(() -> started.streams().state() == KafkaStreams.State.RUNNING);
        return started;
    }

    /** Stops the engine cleanly, keeping its state directory and committed offsets. */
    void stop() {
        if (runner != null) {
            runner.close();
            runner = null;
        }
    }

    /** @return a producer of this testbed's inputs */
    InputProducer inputs() {
        return new InputProducer(broker.bootstrapServers(), topics, registry());
    }

    /** @return a read-committed reader of this testbed's outputs, from the beginning */
    OutputRecords outputs() {
        return new OutputRecords(broker.bootstrapServers(), topics, registry());
    }

    /** @return the in-process schema registry the engine and the test share */
    SchemaRegistryClient registry() {
        return SchemaRegistryClients.inMemory(id);
    }

    /** @return the topic names */
    EngineTopics topics() {
        return topics;
    }

    /** @return the application id, which is also the consumer group of the engine */
    String applicationId() {
        return id + "-app";
    }

    @Override
    public void close() {
        stop();
        SchemaRegistryClients.dropScope(id);
    }
}
