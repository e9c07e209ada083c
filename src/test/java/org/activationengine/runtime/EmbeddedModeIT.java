package org.activationengine.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.activationengine.playbook.HoldoutAssigner;
import org.activationengine.playbook.PlaybookReader;
import org.activationengine.runtime.avro.SchemaRegistryClient;
import org.activationengine.runtime.avro.SchemaRegistryClients;
import org.activationengine.runtime.config.EngineConfig;
import org.activationengine.runtime.config.EngineSetting;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded default as a newcomer meets it: no bootstrap servers configured, so the engine starts its own broker
 * and a registry served over HTTP; an outside client registers its schemas there, produces Confluent-framed Avro
 * and reads the commands back.
 */
class EmbeddedModeIT {

    @TempDir
    Path dataDir;

    @Test
    void shouldRunOnItsOwnBrokerAndRegistryAndServeOutsideClients() throws Exception {
        final EngineConfig config = EngineConfig.load(null, Map.of());
        config.override(EngineSetting.EMBEDDED_DATA_DIR, dataDir.toString(), "test");
        config.override(EngineSetting.EMBEDDED_KAFKA_PORT, "0", "test");
        config.override(EngineSetting.EMBEDDED_REGISTRY_PORT, "0", "test");
        config.override(EngineSetting.HTTP_PORT, "0", "test");
        final String user = firstTreatmentUser();

        try (EngineRunner engine = EngineRunner.start(config)) {
            assertThat(engine.registryUrl()).startsWith("http://127.0.0.1:");
            final SchemaRegistryClient registry = SchemaRegistryClients.forUrl(engine.registryUrl(), Map.of());
            try (InputProducer inputs = new InputProducer(engine.bootstrapServers(), config.topics(), registry);
                    OutputRecords outputs = new OutputRecords(engine.bootstrapServers(), config.topics(), registry)) {
                inputs.signup(user, "Bill my clients", InputProducer.startOfStory());

                outputs.eventually(read -> assertThat(read.commandsFor(user, "welcome")).singleElement()
                        .satisfies(welcome -> assertThat(welcome.getTemplate()).isEqualTo("freelancer-welcome")));
            }
            final String api = "http://localhost:" + engine.services().httpPort();
            // Kafka Streams may still be settling its assignment (REBALANCING) right after the first output.
            await().atMost(EngineTestbed.PATIENCE).untilAsserted(() -> {
                assertThat(get(api + "/health/ready").statusCode()).isEqualTo(200);
                assertThat(get(api + "/users/" + user).body()).contains("\"persona\":\"freelancer\"");
            });
        }
    }

    /** The example playbook holds out 10% of users; this test needs one who is sent commands. */
    private static String firstTreatmentUser() {
        final HoldoutAssigner holdout = new HoldoutAssigner(
                PlaybookReader.read(Path.of("examples/playbook.yaml")).holdout());
        int i = 0;
        while (holdout.isHeldOut("newcomer-" + i)) {
            i++;
        }
        return "newcomer-" + i;
    }

    private static HttpResponse<String> get(final String url) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
