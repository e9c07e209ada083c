package org.activationengine.runtime;

import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.activationengine.engine.EngineTopics;
import org.activationengine.runtime.avro.ConfluentAvroSerde;
import org.activationengine.runtime.avro.SchemaRegistryClient;
import org.activationengine.schema.ExperimentGroup;
import org.activationengine.schema.InterventionCommand;
import org.activationengine.schema.PersonaActivationCounts;
import org.activationengine.schema.UserActivationStatus;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads everything the engine wrote, as downstream senders and dashboards do: a {@code read_committed} consumer
 * from the beginning of the command, status, count and dead-letter topics, values read with the same Confluent
 * serdes. Not thread-safe; poll it from the test thread.
 */
final class OutputRecords implements AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(200);

    private final EngineTopics topics;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Deserializer<InterventionCommand> commandReader;
    private final Deserializer<UserActivationStatus> statusReader;
    private final Deserializer<PersonaActivationCounts> countsReader;
    private final List<InterventionCommand> commands = new ArrayList<>();
    private final Map<String, Optional<UserActivationStatus>> statuses = new HashMap<>();
    private final Map<String, PersonaActivationCounts> counts = new HashMap<>();
    private final List<ConsumerRecord<byte[], byte[]>> deadLetters = new ArrayList<>();

    OutputRecords(final String bootstrapServers, final EngineTopics topics, final SchemaRegistryClient registry) {
        this.topics = topics;
        this.consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.commandReader = ConfluentAvroSerde.forValue(InterventionCommand.class, registry).deserializer();
        this.statusReader = ConfluentAvroSerde.forOptionalValue(UserActivationStatus.class, registry).deserializer();
        this.countsReader = ConfluentAvroSerde.forValue(PersonaActivationCounts.class, registry).deserializer();
        assignFromBeginning();
    }

    private void assignFromBeginning() {
        final List<TopicPartition> partitions = new ArrayList<>();
        for (final String topic : List.of(topics.emailCommands(), topics.inAppCommands(), topics.userStatus(),
                topics.personaCounts(), topics.deadLetters())) {
            final List<PartitionInfo> infos = await().atMost(EngineTestbed.PATIENCE)
                    .until(() -> consumer.partitionsFor(topic), found -> found != null && !found.isEmpty());
            infos.forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /**
     * Fetches what arrived since the last call.
     *
     * @return this reader
     */
    OutputRecords poll() {
        for (final ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
            take(record);
        }
        return this;
    }

    /**
     * Polls until the assertion holds, failing with its last error after {@link EngineTestbed#PATIENCE}.
     *
     * @param assertion assertions on what was read so far
     */
    void eventually(final Consumer<OutputRecords> assertion) {
        await().atMost(EngineTestbed.PATIENCE).pollInSameThread().pollInterval(POLL)
                .untilAsserted(() -> assertion.accept(poll()));
    }

    /**
     * Reads up to the last committed record of every topic, so that a record missing afterwards was not written
     * by anything the engine has committed so far.
     *
     * @return this reader
     */
    OutputRecords drain() {
        final Map<TopicPartition, Long> ends = consumer.endOffsets(consumer.assignment());
        await().atMost(EngineTestbed.PATIENCE).pollInSameThread().until(() -> {
            poll();
            return ends.entrySet().stream().allMatch(end -> consumer.position(end.getKey()) >= end.getValue());
        });
        return this;
    }

    private void take(final ConsumerRecord<byte[], byte[]> record) {
        final String topic = record.topic();
        final String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
        if (topic.equals(topics.emailCommands()) || topic.equals(topics.inAppCommands())) {
            commands.add(commandReader.deserialize(topic, record.value()));
        } else if (topic.equals(topics.userStatus())) {
            statuses.put(key, Optional.ofNullable(statusReader.deserialize(topic, record.value())));
        } else if (topic.equals(topics.personaCounts())) {
            counts.put(key, countsReader.deserialize(topic, record.value()));
        } else {
            deadLetters.add(record);
        }
    }

    /** @return every command read so far, email and in-app, each topic in its order */
    List<InterventionCommand> commands() {
        return List.copyOf(commands);
    }

    /**
     * @param userId a user
     * @return the user's commands read so far
     */
    List<InterventionCommand> commandsFor(final String userId) {
        return commands.stream().filter(command -> command.getUserId().equals(userId)).toList();
    }

    /**
     * @param userId  a user
     * @param trigger a trigger id (or {@code welcome}, {@code step:<id>})
     * @return the user's commands of that trigger read so far
     */
    List<InterventionCommand> commandsFor(final String userId, final String trigger) {
        return commandsFor(userId).stream().filter(command -> command.getTriggerId().equals(trigger)).toList();
    }

    /**
     * @param userId a user
     * @return the user's latest status; empty when none was read or the latest is a tombstone
     */
    Optional<UserActivationStatus> status(final String userId) {
        return statuses.getOrDefault(userId, Optional.empty());
    }

    /**
     * @param persona a persona id
     * @param group   treatment or holdout
     * @param day     the signup day (UTC)
     * @return the latest counts of that cohort, if any were read
     */
    Optional<PersonaActivationCounts> counts(final String persona, final ExperimentGroup group, final LocalDate day) {
        return Optional.ofNullable(counts.get(persona + '|' + group + '|' + day));
    }

    /** @return the dead-lettered records read so far, raw */
    List<ConsumerRecord<byte[], byte[]>> deadLetters() {
        return List.copyOf(deadLetters);
    }

    @Override
    public void close() {
        consumer.close();
    }
}
