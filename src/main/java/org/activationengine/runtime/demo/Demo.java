package org.activationengine.runtime.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.activationengine.playbook.Playbook;
import org.activationengine.playbook.PlaybookReader;
import org.activationengine.runtime.EngineRunner;
import org.activationengine.runtime.ScratchDirectory;
import org.activationengine.runtime.avro.AvroSerdes;
import org.activationengine.runtime.avro.SchemaRegistryClients;
import org.activationengine.runtime.config.EngineConfig;
import org.activationengine.runtime.config.EngineSetting;
import org.activationengine.runtime.report.ActivationReport;
import org.activationengine.runtime.report.AvroJson;
import org.activationengine.schema.InterventionCommand;
import org.activationengine.schema.PersonaActivationCounts;
import org.activationengine.schema.ProductEvent;
import org.activationengine.schema.SignupAnswer;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The README's one-command tour: an embedded broker and registry, the engine, a generator of synthetic users
 * producing through the real Confluent-wire serializers, and a consumer of the outputs that ends with the
 * per-persona table a growth team would read.
 */
public final class Demo {

    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(3);
    private static final Duration QUIET_BEFORE_END = Duration.ofSeconds(4);
    private static final Duration MAX_WAIT = Duration.ofMinutes(10);

    private final EngineConfig config;
    private final Path playbookFile;
    private final int users;
    private final long seed;
    private final PrintWriter out;

    /**
     * @param config   the configuration (the demo forces embedded mode on a fresh data directory)
     * @param playbook the playbook
     * @param users    how many synthetic users
     * @param seed     random seed of the traffic
     * @param out      where progress and the summary go
     */
    public Demo(final EngineConfig config, final Path playbook, final int users, final long seed,
            final PrintWriter out) {
        this.config = config;
        this.playbookFile = playbook;
        this.users = users;
        this.seed = seed;
        this.out = out;
    }

    /**
     * Runs the demo to its summary.
     *
     * @return the exit status
     */
    public int run() throws InterruptedException {
        final Playbook playbook = PlaybookReader.read(playbookFile);
        final Path dataDir = ScratchDirectory.create(Path.of("activation-engine-data"), "demo-");
        prepareConfig(dataDir);
        out.printf("Generating %d synthetic users over four simulated days...%n", users);
        out.flush();
        final List<SyntheticTraffic.TrafficRecord> traffic = new SyntheticTraffic(playbook, seed,
                Instant.parse("2026-03-02T08:00:00Z")).generate(users);
        try (EngineRunner engine = EngineRunner.start(config)) {
            final String bootstrap = engine.bootstrapServers();
            out.printf("Engine running on embedded Kafka '%s', schema registry '%s', HTTP API http://localhost:%d%n",
                    bootstrap, engine.registryUrl(), engine.services().httpPort());
            final long started = System.nanoTime();
            produce(bootstrap, engine.registryUrl(), traffic);
            out.printf("Produced %d records in %.1f s; waiting for the engine...%n", traffic.size(),
                    (System.nanoTime() - started) / 1e9);
            final ActivationReport report = consumeUntilCaughtUp(bootstrap, engine.registryUrl(), started);
            engine.services().metrics().suppressedByReason().forEach((reason, count) ->
                    report.suppressed(reason.replace('_', ' '), count));
            out.printf("%nDone in %.1f s: %d users, %d commands.%n%n", (System.nanoTime() - started) / 1e9,
                    report.totalSignups(), report.commandCount());
            out.print(report.render());
            out.println("Synthetic users do not react to commands, so treatment and holdout differ only by chance "
                    + "here; with real users the difference is the effect of the playbook.");
            out.flush();
            return report.totalSignups() == users ? 0 : 1;
        } finally {
            ScratchDirectory.delete(dataDir);
        }
    }

    private void prepareConfig(final Path dataDir) {
        config.overrideKafka(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "", "demo (embedded)");
        config.override(EngineSetting.EMBEDDED_DATA_DIR, dataDir.toString(), "demo");
        config.override(EngineSetting.PLAYBOOK, playbookFile.toString(), "demo");
        for (final EngineSetting port : List.of(EngineSetting.EMBEDDED_KAFKA_PORT,
                EngineSetting.EMBEDDED_REGISTRY_PORT, EngineSetting.HTTP_PORT)) {
            if (!config.isConfigured(port)) {
                config.override(port, "0", "demo (free port)");
            }
        }
        config.overrideKafka(StreamsConfig.NUM_STREAM_THREADS_CONFIG, "2", "demo");
    }

    private void produce(final String bootstrap, final String registryUrl,
            final List<SyntheticTraffic.TrafficRecord> traffic) {
        final AvroSerdes serdes = new AvroSerdes(SchemaRegistryClients.forUrl(registryUrl, Map.of()));
        final Serializer<SignupAnswer> answers = serdes.value(SignupAnswer.class).serializer();
        final Serializer<ProductEvent> events = serdes.value(ProductEvent.class).serializer();
        final Serializer<SpecificRecord> values = (topic, data) -> data instanceof SignupAnswer answer
                ? answers.serialize(topic, answer) : events.serialize(topic, (ProductEvent) data);
        final Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        final String signupTopic = config.topics().signups();
        final String eventTopic = config.topics().events();
        try (KafkaProducer<String, SpecificRecord> producer = new KafkaProducer<>(props, new StringSerializer(),
                values)) {
            for (final SyntheticTraffic.TrafficRecord record : traffic) {
                final String topic = record.value() instanceof SignupAnswer ? signupTopic : eventTopic;
                producer.send(new ProducerRecord<>(topic, null, record.time().toEpochMilli(), record.key(),
                        record.value()));
            }
        }
    }

    private ActivationReport consumeUntilCaughtUp(final String bootstrap, final String registryUrl,
            final long started) throws InterruptedException {
        final ActivationReport report = new ActivationReport();
        final AvroSerdes serdes = new AvroSerdes(SchemaRegistryClients.forUrl(registryUrl, Map.of()));
        final Deserializer<InterventionCommand> commands = serdes.value(InterventionCommand.class).deserializer();
        final Deserializer<PersonaActivationCounts> counts = serdes.value(PersonaActivationCounts.class)
                .deserializer();
        final List<InterventionCommand> samples = new ArrayList<>();
        final Set<String> commandTopics = Set.of(config.topics().emailCommands(), config.topics().inAppCommands());
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(consumerProps(bootstrap),
                new StringDeserializer(), new ByteArrayDeserializer());
                Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            consumer.subscribe(List.of(config.topics().emailCommands(), config.topics().inAppCommands(),
                    config.topics().personaCounts()));
            long lastOutput = System.nanoTime();
            long lastProgress = 0;
            final long deadline = System.nanoTime() + MAX_WAIT.toNanos();
            while (System.nanoTime() < deadline) {
                for (final ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    lastOutput = System.nanoTime();
                    if (commandTopics.contains(record.topic())) {
                        final InterventionCommand command = commands.deserialize(record.topic(), record.value());
                        report.command(command);
                        if (samples.size() < 3 && command.getKind().name().equals("INACTIVITY")
                                || samples.isEmpty()) {
                            samples.add(command);
                        }
                    } else {
                        report.counts(record.key(), counts.deserialize(record.topic(), record.value()));
                    }
                }
                final long lag = inputLag(admin);
                if (System.nanoTime() - lastProgress > PROGRESS_EVERY.toNanos()) {
                    out.printf("  %5.1f s: engine input lag %d records, %d commands seen%n",
                            (System.nanoTime() - started) / 1e9, lag, report.commandCount());
                    out.flush();
                    lastProgress = System.nanoTime();
                }
                if (lag == 0 && System.nanoTime() - lastOutput > QUIET_BEFORE_END.toNanos()) {
                    break;
                }
            }
        }
        printSamples(samples);
        return report;
    }

    private long inputLag(final Admin admin) throws InterruptedException {
        final String group = config.kafkaProperties().getOrDefault(StreamsConfig.APPLICATION_ID_CONFIG,
                "activation-engine");
        try {
            final Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
            final Set<String> inputs = Set.of(config.topics().signups(), config.topics().events());
            final Map<TopicPartition, OffsetSpec> latest = admin.describeTopics(inputs).allTopicNames()
                    .get(10, TimeUnit.SECONDS).values().stream()
                    .flatMap(topic -> topic.partitions().stream()
                            .map(partition -> new TopicPartition(topic.name(), partition.partition())))
                    .collect(Collectors.toMap(partition -> partition, partition -> OffsetSpec.latest()));
            final Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(latest).all()
                    .get(10, TimeUnit.SECONDS);
            long lag = 0;
            for (final Map.Entry<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> end : ends.entrySet()) {
                final OffsetAndMetadata done = committed.get(end.getKey());
                lag += end.getValue().offset() - (done == null ? 0 : done.offset());
            }
            return lag;
        } catch (final ExecutionException | java.util.concurrent.TimeoutException e) {
            return Long.MAX_VALUE;
        }
    }

    private void printSamples(final List<InterventionCommand> samples) {
        final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        out.println();
        out.println("Sample commands:");
        samples.stream().sorted(Comparator.comparing(InterventionCommand::getUserId)).forEach(command -> {
            try {
                out.println(json.writeValueAsString(AvroJson.toMap(command)));
            } catch (final IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private static Properties consumerProps(final String bootstrap) {
        final Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "activation-demo-reader");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        return props;
    }
}
