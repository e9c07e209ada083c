package org.activationengine.runtime;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.activationengine.engine.EngineTopics;
import org.activationengine.runtime.avro.ConfluentAvroSerde;
import org.activationengine.runtime.avro.SchemaRegistryClient;
import org.activationengine.schema.ProductEvent;
import org.activationengine.schema.SignupAnswer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Writes the engine's inputs as upstream services do: Avro in the Confluent wire format, keyed by user id. Each
 * send waits for the broker's acknowledgement, so records land in the order the test writes them.
 */
final class InputProducer implements AutoCloseable {

    /** The question of the test playbooks. */
    static final String QUESTION = "primary-goal";

    private final EngineTopics topics;
    private final KafkaProducer<String, byte[]> producer;
    private final Serializer<SignupAnswer> signups;
    private final Serializer<ProductEvent> events;

    InputProducer(final String bootstrapServers, final EngineTopics topics, final SchemaRegistryClient registry) {
        this.topics = topics;
        this.producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer());
        this.signups = ConfluentAvroSerde.forValue(SignupAnswer.class, registry).serializer();
        this.events = ConfluentAvroSerde.forValue(ProductEvent.class, registry).serializer();
    }

    /**
     * The event time at which the tests' stories begin: far enough in the past that two and a half days of
     * story still end before now (the broker refuses timestamps much ahead of its clock), and recent enough for
     * the topics' seven-day retention.
     *
     * @return 01:00 UTC three days ago
     */
    static Instant startOfStory() {
        return Instant.now().truncatedTo(ChronoUnit.DAYS).minus(3, ChronoUnit.DAYS).plus(1, ChronoUnit.HOURS);
    }

    /**
     * @param userId the user
     * @param answer the answer to the qualifying question
     * @param at     the signup time
     * @return where the record landed
     */
    RecordMetadata signup(final String userId, final String answer, final Instant at) {
        final SignupAnswer value = SignupAnswer.newBuilder().setUserId(userId).setSignedUpAt(at)
                .setQuestionId(QUESTION).setAnswer(answer).build();
        return raw(topics.signups(), userId, signups.serialize(topics.signups(), value));
    }

    /**
     * @param userId the user who acted, also the key
     * @param name   the event name
     * @param at     when the user acted
     * @return where the record landed
     */
    RecordMetadata event(final String userId, final String name, final Instant at) {
        return event(userId, productEvent(userId, name, at));
    }

    /**
     * @param key   the record key, which upstream may have got wrong
     * @param event the event
     * @return where the record landed
     */
    RecordMetadata event(final String key, final ProductEvent event) {
        return raw(topics.events(), key, events.serialize(topics.events(), event));
    }

    /**
     * @param userId the user who acted
     * @param name   the event name
     * @param at     when the user acted
     * @return an event with a fresh id and no properties
     */
    static ProductEvent productEvent(final String userId, final String name, final Instant at) {
        return ProductEvent.newBuilder().setEventId(UUID.randomUUID().toString()).setUserId(userId).setName(name)
                .setOccurredAt(at).build();
    }

    /**
     * @param topic the topic
     * @param key   the key
     * @param value the bytes of the value, or null
     * @return where the record landed
     */
    RecordMetadata raw(final String topic, final String key, final byte[] value) {
        try {
            return producer.send(new ProducerRecord<>(topic, key, value)).get();
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while writing to '" + topic + "'", e);
        } catch (final ExecutionException e) {
            throw new IllegalStateException("Could not write to '" + topic + "'", e.getCause());
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
