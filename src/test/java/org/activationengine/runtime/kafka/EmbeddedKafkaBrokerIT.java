package org.activationengine.runtime.kafka;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@ExtendWith(SharedKafkaBroker.class)
class EmbeddedKafkaBrokerIT {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @Test
    void shouldDeliverProducedRecordsToAConsumer(final EmbeddedKafkaBroker broker) {
        broker.createTopics("round-trip");

        produce(broker.bootstrapServers(), "round-trip", List.of("first", "second", "third"));

        assertThat(consumeValues(broker.bootstrapServers(), "round-trip", "read_uncommitted", 3))
            .containsExactlyInAnyOrder("first", "second", "third");
    }

    @Test
    void shouldShowReadCommittedConsumersOnlyCommittedTransactions(final EmbeddedKafkaBroker broker) {
        broker.createTopic("transactions", 1, Map.of());

        try (KafkaProducer<String, String> producer = transactionalProducer(broker.bootstrapServers())) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>("transactions", "user-1", "committed-1"));
            producer.send(new ProducerRecord<>("transactions", "user-1", "committed-2"));
            producer.commitTransaction();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>("transactions", "user-1", "aborted"));
            producer.flush();
            producer.abortTransaction();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>("transactions", "user-1", "committed-3"));
            producer.commitTransaction();
        }

        assertThat(consumeValues(broker.bootstrapServers(), "transactions", "read_committed", 3))
            .containsExactly("committed-1", "committed-2", "committed-3");
    }

    @Test
    void shouldRunAnExactlyOnceStreamsApplication(final EmbeddedKafkaBroker broker,
                                                  @TempDir final Path stateDirectory) {
        broker.createTopics("eos-input", "eos-output");
        final StreamsBuilder builder = new StreamsBuilder();
        builder.stream("eos-input", Consumed.with(Serdes.String(), Serdes.String()))
            .mapValues(value -> value.toUpperCase(Locale.ROOT))
            .to("eos-output", Produced.with(Serdes.String(), Serdes.String()));

        try (KafkaStreams streams = new KafkaStreams(builder.build(), streamsProperties(broker, stateDirectory))) {
            streams.start();
            produce(broker.bootstrapServers(), "eos-input", List.of("signup", "login"));

            assertThat(consumeValues(broker.bootstrapServers(), "eos-output", "read_committed", 2))
                .containsExactlyInAnyOrder("SIGNUP", "LOGIN");
        }
    }

    @Test
    void shouldTreatCreatingAnExistingTopicAsDone(final EmbeddedKafkaBroker broker) throws Exception {
        broker.createTopic("compacted", 2, Map.of("cleanup.policy", "compact"));

        broker.createTopic("compacted", 2, Map.of("cleanup.policy", "compact"));

        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                broker.bootstrapServers()))) {
            final TopicDescription description = admin.describeTopics(Set.of("compacted"))
                .allTopicNames().get().get("compacted");
            final ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, "compacted");
            final Config config = admin.describeConfigs(Set.of(resource)).all().get().get(resource);
            assertThat(description.partitions()).hasSize(2);
            assertThat(config.get("cleanup.policy").value()).isEqualTo("compact");
        }
    }

    @Test
    void shouldKeepRecordsAndClusterIdInAKeptDataDirectoryAcrossRestarts(@TempDir final Path dataDirectory) {
        final String firstClusterId;
        try (EmbeddedKafkaBroker first = EmbeddedKafkaBroker.builder().dataDirectory(dataDirectory).build()) {
            first.start();
            first.createTopics("kept");
            produce(first.bootstrapServers(), "kept", List.of("before-restart"));
            firstClusterId = first.clusterId();
        }

        try (EmbeddedKafkaBroker second = EmbeddedKafkaBroker.builder().dataDirectory(dataDirectory).build()) {
            second.start();

            assertThat(second.clusterId()).isEqualTo(firstClusterId);
            assertThat(consumeValues(second.bootstrapServers(), "kept", "read_uncommitted", 1))
                .containsExactly("before-restart");
        }
        assertThat(dataDirectory.resolve("meta.properties")).exists();
    }

    private static void produce(final String bootstrapServers, final String topic, final List<String> values) {
        final Map<String, Object> config = Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
            ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, String> producer =
                 new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            for (final String value : values) {
                producer.send(new ProducerRecord<>(topic, "user-" + value, value));
            }
            producer.flush();
        }
    }

    private static KafkaProducer<String, String> transactionalProducer(final String bootstrapServers) {
        final Map<String, Object> config = Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
            ProducerConfig.TRANSACTIONAL_ID_CONFIG, "embedded-broker-it");
        return new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
    }

    private static List<String> consumeValues(final String bootstrapServers, final String topic,
                                              final String isolationLevel, final int expected) {
        final Map<String, Object> config = Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
            ConsumerConfig.GROUP_ID_CONFIG, topic + "-reader",
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
            ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolationLevel);
        final List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer =
                 new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            await().atMost(PATIENCE).until(() -> {
                for (final ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    values.add(record.value());
                }
                return values.size() >= expected;
            });
            // One more poll so that records beyond the expected ones, which would be a defect, show up too.
            consumer.poll(Duration.ofMillis(500)).forEach(record -> values.add(record.value()));
        }
        return values;
    }

    private static Properties streamsProperties(final EmbeddedKafkaBroker broker, final Path stateDirectory) {
        final Properties properties = new Properties();
        properties.put(StreamsConfig.APPLICATION_ID_CONFIG, "embedded-broker-eos");
        properties.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        properties.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        properties.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
        properties.put(StreamsConfig.STATE_DIR_CONFIG, stateDirectory.toString());
        return properties;
    }
}
