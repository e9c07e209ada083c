package org.activationengine.runtime.avro;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.activationengine.schema.ProductEvent;
import org.activationengine.schema.SignupAnswer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RestSchemaRegistryClientTest {

    private static final String SUBJECT = "product-events-value";
    private static final String ID_5 = "{\"id\":5}";

    private final StubHttpServer stub;

    RestSchemaRegistryClientTest() throws IOException {
        stub = new StubHttpServer();
    }

    @AfterEach
    void stop() {
        stub.close();
    }

    @Test
    void shouldAskTheRegistryOnlyOncePerSchemaAndId() {
        stub.then(200, ID_5).then(200, schemaAnswer(SignupAnswer.getClassSchema().toString()));
        final RestSchemaRegistryClient client = client().build();

        for (int i = 0; i < 3; i++) {
            assertThat(client.register(SUBJECT, ProductEvent.getClassSchema())).isEqualTo(5);
            assertThat(client.idOf(SUBJECT, ProductEvent.getClassSchema())).isEqualTo(5);
            assertThat(client.schemaById(5)).isEqualTo(ProductEvent.getClassSchema());
            assertThat(client.schemaById(6)).isEqualTo(SignupAnswer.getClassSchema());
        }

        assertThat(stub.requests()).extracting(StubHttpServer.Request::method, StubHttpServer.Request::path)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("POST", "/subjects/product-events-value/versions"),
                        org.assertj.core.groups.Tuple.tuple("GET", "/schemas/ids/6"));
    }

    @Test
    void shouldSendTheSchemaAsConfluentExpectsIt() throws IOException {
        stub.then(200, ID_5).then(200, ID_5);
        final RestSchemaRegistryClient client = client().build();

        client.register("weird subject/value", ProductEvent.getClassSchema());
        client.idOf(SUBJECT, ProductEvent.getClassSchema());

        assertThat(stub.requests().get(0).path()).isEqualTo("/subjects/weird%20subject%2Fvalue/versions");
        assertThat(stub.requests().get(1).path()).isEqualTo("/subjects/product-events-value");
        assertThat(new ObjectMapper().readTree(stub.requests().get(0).body()).get("schema").asText())
                .isEqualTo(ProductEvent.getClassSchema().toString());
    }

    @Test
    void shouldRetryServerErrorsUntilTheRegistryAnswers() {
        stub.then(503, "{\"error_code\":50301,\"message\":\"busy\"}").then(503, "").then(200, ID_5);

        final int id = client().maxRetries(2).build().register(SUBJECT, ProductEvent.getClassSchema());

        assertThat(id).isEqualTo(5);
        assertThat(stub.requests()).hasSize(3);
    }

    @Test
    void shouldRetryWhenTheRegistryAsksToSlowDown() {
        stub.then(429, "{\"error_code\":42901,\"message\":\"rate limited\"}").then(200, ID_5);

        assertThat(client().build().register(SUBJECT, ProductEvent.getClassSchema())).isEqualTo(5);
        assertThat(stub.requests()).hasSize(2);
    }

    @Test
    void shouldGiveUpAfterTheConfiguredRetriesAndSaySo() {
        stub.always(503, "{\"error_code\":50301,\"message\":\"busy\"}");

        assertThatThrownBy(() -> client().maxRetries(1).build().register(SUBJECT, ProductEvent.getClassSchema()))
                .isInstanceOf(SchemaRegistryException.class)
                .hasMessageContaining(stub.url())
                .hasMessageContaining("after 2 attempts")
                .hasMessageContaining("HTTP 503 (error_code 50301: busy)")
                .hasMessageContaining("'schema.registry.max.retries'");
        assertThat(stub.requests()).hasSize(2);
    }

    @Test
    void shouldRetryARequestThatTimesOut() {
        stub.then(new StubHttpServer.Answer(200, ID_5, 5_000)).then(200, "{\"id\":6}");

        final int id = client().requestTimeout(Duration.ofMillis(300)).build()
                .register(SUBJECT, ProductEvent.getClassSchema());

        assertThat(id).isEqualTo(6);
        assertThat(stub.requests()).hasSize(2);
    }

    @Test
    void shouldSendBasicAuthAndExplainARejectionWithoutRetrying() {
        stub.always(401, "{\"error_code\":40101,\"message\":\"Unauthorized\"}");
        final RestSchemaRegistryClient client = client().basicAuth("alice:s3cret").build();

        assertThatThrownBy(() -> client.register(SUBJECT, ProductEvent.getClassSchema()))
                .isInstanceOfSatisfying(SchemaRegistryException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(40101))
                .hasMessageContaining(stub.url())
                .hasMessageContaining("subject 'product-events-value'")
                .hasMessageContaining("HTTP 401 (error_code 40101: Unauthorized)")
                .hasMessageContaining("'schema.registry.basic.auth.user.info'")
                .hasMessageNotContaining("s3cret");
        assertThat(stub.requests()).singleElement().extracting(StubHttpServer.Request::authorization)
                .isEqualTo("Basic " + Base64.getEncoder().encodeToString("alice:s3cret"
                        .getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void shouldExplainAnUnknownId() {
        stub.always(404, "{\"error_code\":40403,\"message\":\"Schema 7 not found\"}");

        assertThatThrownBy(() -> client().build().schemaById(7))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> assertThat(e.isNotFound()).isTrue())
                .hasMessageContaining("fetching schema id 7")
                .hasMessageContaining("error_code 40403: Schema 7 not found")
                .hasMessageContaining("register it first");
        assertThat(stub.requests()).hasSize(1);
    }

    @Test
    void shouldRejectAnAnswerThatIsNotFromARegistry() {
        stub.always(200, "<html>hello</html>");

        assertThatThrownBy(() -> client().build().register(SUBJECT, ProductEvent.getClassSchema()))
                .isInstanceOf(SchemaRegistryException.class)
                .hasMessageContaining("not JSON")
                .hasMessageContaining("Confluent-compatible registry");
    }

    @Test
    void shouldMoveOnToTheNextUrlWhenOneCannotBeReached() throws IOException {
        stub.then(200, ID_5);
        final int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }

        final int id = RestSchemaRegistryClient.builder("http://127.0.0.1:" + closedPort + "," + stub.url())
                .maxRetries(1).retryBackoff(Duration.ofMillis(1)).build()
                .register(SUBJECT, ProductEvent.getClassSchema());

        assertThat(id).isEqualTo(5);
        assertThat(stub.requests()).hasSize(1);
    }

    @Test
    void shouldTakeItsOptionsFromTheSettings() {
        stub.then(503, "").then(503, "").then(200, ID_5);

        final SchemaRegistryClient client = SchemaRegistryClients.fromSettings(Map.of(
                SchemaRegistrySettings.URL, stub.url(),
                SchemaRegistrySettings.BASIC_AUTH_USER_INFO, "bob:pw",
                SchemaRegistrySettings.MAX_RETRIES, "2",
                SchemaRegistrySettings.RETRY_BACKOFF_MS, 1,
                SchemaRegistrySettings.REQUEST_TIMEOUT_MS, "2000"));

        assertThat(client.register(SUBJECT, ProductEvent.getClassSchema())).isEqualTo(5);
        assertThat(stub.requests()).hasSize(3).allSatisfy(request -> assertThat(request.authorization())
                .isEqualTo("Basic " + Base64.getEncoder().encodeToString("bob:pw".getBytes(StandardCharsets.UTF_8))));
    }

    @Test
    void shouldNameAMissingTruststoreAndTheSettingThatPointsAtIt() {
        assertThatThrownBy(() -> SchemaRegistryClients.fromSettings(Map.of(
                SchemaRegistrySettings.URL, "https://registry.example:8081",
                SchemaRegistrySettings.TRUSTSTORE_LOCATION, "/no/such/truststore.p12",
                SchemaRegistrySettings.TRUSTSTORE_PASSWORD, "changeit")))
                .isInstanceOf(SchemaRegistryException.class)
                .hasMessageContaining("'/no/such/truststore.p12'")
                .hasMessageContaining("'schema.registry.ssl.truststore.location'");
    }

    @Test
    void shouldRejectASettingThatIsNotANumber() {
        assertThatThrownBy(() -> SchemaRegistryClients.fromSettings(Map.of(
                SchemaRegistrySettings.URL, stub.url(),
                SchemaRegistrySettings.MAX_RETRIES, "three")))
                .isInstanceOf(SchemaRegistryException.class)
                .hasMessage("Setting 'schema.registry.max.retries' must be a whole number, not 'three'");
    }

    private RestSchemaRegistryClient.Builder client() {
        return RestSchemaRegistryClient.builder(stub.url()).retryBackoff(Duration.ofMillis(1));
    }

    private static String schemaAnswer(final String schema) {
        return new ObjectMapper().createObjectNode().put("schema", schema).toString();
    }
}
