package org.activationengine.runtime.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.activationengine.engine.ActivationTopology;
import org.activationengine.engine.EngineOptions;
import org.activationengine.engine.EngineStreamsConfig;
import org.activationengine.engine.EngineTopics;
import org.activationengine.engine.InternalAvroSerde;
import org.activationengine.engine.InternalEngineSerdes;
import org.activationengine.engine.TopologyNames;
import org.activationengine.playbook.Playbook;
import org.activationengine.runtime.kafka.EmbeddedKafkaBroker;
import org.activationengine.runtime.kafka.SharedKafkaBroker;
import org.activationengine.runtime.metrics.EngineMetrics;
import org.activationengine.schema.ProductEvent;
import org.activationengine.schema.SignupAnswer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(SharedKafkaBroker.class)
class UserLookupIT {

    private static final Duration PATIENCE = Duration.ofSeconds(120);
    private static final int PARTITIONS = 4;
    private static final int USERS = 40;
    private static final String APPLICATION_ID = "user-lookup-it";
    private static final EngineTopics TOPICS = new EngineTopics("lookup-signup-answers", "lookup-product-events",
            "lookup-commands-email", "lookup-commands-in-app", "lookup-persona-counts", "lookup-user-status",
            "lookup-dlq");
    private static final String TOKEN = "lookup-it-token";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client = HttpClient.newHttpClient();
    private final Playbook playbook = ApiPlaybooks.twoPersonas();
    private final List<Instance> instances = new ArrayList<>();

    @AfterEach
    void stop() {
        instances.forEach(Instance::close);
    }

    @Test
    void shouldAnswerUsersAndPersonaCountsFromAnyInstance(final EmbeddedKafkaBroker broker,
            @TempDir final Path stateDirs) throws Exception {
        createTopics(broker);
        final Instance first = Instance.start(broker, playbook, stateDirs.resolve("first"));
        instances.add(first);
        final Instance second = Instance.start(broker, playbook, stateDirs.resolve("second"));
        instances.add(second);
        await().atMost(PATIENCE).until(() -> first.streams.state() == KafkaStreams.State.RUNNING
                && second.streams.state() == KafkaStreams.State.RUNNING);

        final Map<String, String> personaByUser = produceSignups(broker);
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(500))
                .until(() -> totalSignups(get(first, "/personas")) == USERS);

        final List<String> ownedBySecond = personaByUser.keySet().stream()
                .filter(userId -> second.address.equals(first.streams.queryMetadataForKey(TopologyNames.USER_STORE,
                        userId, Serdes.String().serializer()).activeHost()))
                .toList();
        assertThat(ownedBySecond).as("users whose partition the second instance owns").isNotEmpty()
                .hasSizeLessThan(USERS);
        for (final String userId : ownedBySecond) {
            final HttpResponse<String> answer = get(first, "/users/" + userId);
            assertThat(answer.statusCode()).as("status of %s", userId).isEqualTo(200);
            final JsonNode status = JSON.readTree(answer.body());
            assertThat(status.get("userId").asText()).isEqualTo(userId);
            assertThat(status.get("persona").asText()).isEqualTo(personaByUser.get(userId));
            assertThat(status.get("group").asText()).isEqualTo("TREATMENT");
            assertThat(status.get("signedUpAt").asText()).endsWith("Z");
        }

        final HttpResponse<String> unknown = get(first, "/users/never-signed-up");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(unknown.body()).get("error").asText()).contains("never-signed-up");

        final JsonNode totals = JSON.readTree(get(second, "/personas").body()).get("totals");
        final Map<String, Long> signupsByPersona = new LinkedHashMap<>();
        totals.forEach(total -> signupsByPersona.merge(total.get("persona").asText(),
                total.get("signups").asLong(), Long::sum));
        assertThat(signupsByPersona).containsOnly(Map.entry("team-lead", (long) USERS / 2),
                Map.entry("explorer", (long) USERS / 2));
    }

    private static void createTopics(final EmbeddedKafkaBroker broker) {
        for (final String input : List.of(TOPICS.signups(), TOPICS.events())) {
            broker.createTopic(input, PARTITIONS, Map.of());
        }
        for (final String output : List.of(TOPICS.emailCommands(), TOPICS.inAppCommands(), TOPICS.personaCounts(),
                TOPICS.userStatus(), TOPICS.deadLetters())) {
            broker.createTopic(output, 1, Map.of());
        }
    }

    private static Map<String, String> produceSignups(final EmbeddedKafkaBroker broker) {
        final Map<String, String> personaByUser = new LinkedHashMap<>();
        final Instant signedUpAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        final Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, SignupAnswer> producer = new KafkaProducer<>(config, new StringSerializer(),
                new InternalAvroSerde<>(SignupAnswer.class))) {
            for (int i = 0; i < USERS; i++) {
                final String userId = String.format("user-%02d", i);
                final boolean teamLead = i % 2 == 0;
                personaByUser.put(userId, teamLead ? "team-lead" : "explorer");
                final SignupAnswer answer = SignupAnswer.newBuilder().setUserId(userId).setSignedUpAt(signedUpAt)
                        .setQuestionId("primary-goal")
                        .setAnswer(teamLead ? ApiPlaybooks.TEAM_LEAD_ANSWER : ApiPlaybooks.EXPLORER_ANSWER)
                        .build();
                producer.send(new ProducerRecord<>(TOPICS.signups(), null, signedUpAt.toEpochMilli(), userId, answer));
            }
            producer.flush();
        }
        return personaByUser;
    }

    private long totalSignups(final HttpResponse<String> personas) throws IOException {
        if (personas.statusCode() != 200) {
            return -1;
        }
        long signups = 0;
        for (final JsonNode total : JSON.readTree(personas.body()).get("totals")) {
            signups += total.get("signups").asLong();
        }
        return signups;
    }

    private HttpResponse<String> get(final Instance instance, final String path)
            throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + instance.address.port() + path))
                .header("Authorization", "Bearer " + TOKEN).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** One engine instance: Streams client, its metrics and its HTTP API, as the runtime would wire them. */
    private static final class Instance implements AutoCloseable {
        private final HostInfo address;
        private final KafkaStreams streams;
        private final EngineMetrics metrics;
        private final EngineHttpServer server;

        private Instance(final HostInfo address, final KafkaStreams streams, final EngineMetrics metrics,
                final EngineHttpServer server) {
            this.address = address;
            this.streams = streams;
            this.metrics = metrics;
            this.server = server;
        }

        static Instance start(final EmbeddedKafkaBroker broker, final Playbook playbook, final Path stateDir) {
            // application.server must be known before the Streams client exists, so the port is chosen up front.
            final HostInfo address = new HostInfo("127.0.0.1", freePort());
            final EngineMetrics metrics = new EngineMetrics();
            final Properties props = EngineStreamsConfig.properties(APPLICATION_ID, TOPICS, metrics.observer());
            props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
            props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
            props.put(StreamsConfig.APPLICATION_SERVER_CONFIG, address.host() + ':' + address.port());
            props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 1);
            props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
            final KafkaStreams streams = new KafkaStreams(new ActivationTopology(playbook, TOPICS,
                    EngineOptions.defaults(), new InternalEngineSerdes(), metrics.observer()).build(), props);
            metrics.bindStreams(streams);
            final EngineHttpServer server = new EngineHttpServer(new HttpApiSettings(address.host(), address.port(),
                    Optional.of(TOKEN), Optional.of(address)), QueryableStreams.of(streams), metrics, playbook).start();
            streams.start();
            return new Instance(address, streams, metrics, server);
        }

        private static int freePort() {
            try (ServerSocket socket = new ServerSocket(0)) {
                return socket.getLocalPort();
            } catch (final IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() {
            server.close();
            streams.close(Duration.ofSeconds(30));
            metrics.close();
        }
    }

}
