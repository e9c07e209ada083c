package org.activationengine.runtime.avro;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.activationengine.schema.ProductEvent;
import org.activationengine.schema.SignupAnswer;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SchemaRegistryHttpServerTest {

    private static final String JSON_TYPE = RestSchemaRegistryClient.CONTENT_TYPE;

    private final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private SchemaRegistryHttpServer server;
    private RestSchemaRegistryClient client;

    @BeforeEach
    void start() {
        server = new SchemaRegistryHttpServer(registry, "127.0.0.1", 0).start();
        client = RestSchemaRegistryClient.builder(server.url()).maxRetries(0).build();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void shouldRegisterFetchAndLookUpSchemasThroughTheRestClient() {
        final int id = client.register("product-events-value", ProductEvent.getClassSchema());

        final RestSchemaRegistryClient fresh = RestSchemaRegistryClient.builder(server.url()).build();

        assertThat(server.port()).isPositive();
        assertThat(registry.schemaById(id)).isEqualTo(ProductEvent.getClassSchema());
        assertThat(fresh.schemaById(id)).isEqualTo(ProductEvent.getClassSchema());
        assertThat(fresh.idOf("product-events-value", ProductEvent.getClassSchema())).isEqualTo(id);
        assertThat(fresh.register("other-value", ProductEvent.getClassSchema())).isEqualTo(id);
    }

    @Test
    void shouldKeepSubjectNamesThatNeedEscaping() {
        final int id = client.register("events of team-a", ProductEvent.getClassSchema());

        assertThat(registry.subjects()).containsExactly("events of team-a");
        assertThat(registry.idOf("events of team-a", ProductEvent.getClassSchema())).isEqualTo(id);
    }

    @Test
    void shouldCarryRecordsBetweenSerdesThatOnlyShareTheServer() {
        final Serde<ProductEvent> writer = ConfluentAvroSerde.forValue(ProductEvent.class, client);
        final Serde<ProductEvent> reader = ConfluentAvroSerde.forValue(ProductEvent.class,
                SchemaRegistryClients.forUrl(server.url(), Map.of()));
        final ProductEvent event = new ProductEvent("e1", "u1", "project_created",
                Instant.parse("2024-05-01T10:15:30.123Z"), Map.of("plan", "pro"));

        final ProductEvent read = reader.deserializer().deserialize("product-events",
                writer.serializer().serialize("product-events", event));

        assertThat(read).isEqualTo(event);
    }

    @Test
    void shouldReportAnUnknownIdAndAnUnregisteredSchemaAsNotFound() {
        client.register("product-events-value", ProductEvent.getClassSchema());

        assertThatThrownBy(() -> client.schemaById(99))
                .isInstanceOfSatisfying(SchemaRegistryException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(SchemaRegistryException.SCHEMA_NOT_FOUND))
                .hasMessageContaining(server.url())
                .hasMessageContaining("fetching schema id 99")
                .hasMessageContaining("HTTP 404");
        assertThatThrownBy(() -> client.idOf("product-events-value", SignupAnswer.getClassSchema()))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> assertThat(e.isNotFound()).isTrue())
                .hasMessageContaining("subject 'product-events-value'")
                .hasMessageContaining("error_code 40403");
    }

    @Test
    void shouldAnswerTheConfluentReadEndpoints() throws Exception {
        final int id = registry.register("product-events-value", ProductEvent.getClassSchema());
        registry.register("signup-answers-value", SignupAnswer.getClassSchema());

        assertThat(get("/subjects").body()).isEqualTo("[\"product-events-value\",\"signup-answers-value\"]");
        assertThat(get("/subjects/product-events-value/versions").body()).isEqualTo("[1]");
        assertThat(get("/config").body()).isEqualTo("{\"compatibilityLevel\":\"BACKWARD\"}");

        final HttpResponse<String> latest = get("/subjects/product-events-value/versions/latest");
        assertThat(latest.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith(JSON_TYPE));
        final JsonNode body = json.readTree(latest.body());
        assertThat(body.get("id").asInt()).isEqualTo(id);
        assertThat(body.get("version").asInt()).isEqualTo(1);
        assertThat(body.get("schema").asText()).isEqualTo(ProductEvent.getClassSchema().toString());
        assertThat(json.readTree(get("/subjects/product-events-value/versions/1").body())).isEqualTo(body);
    }

    @Test
    void shouldAnswerErrorsInTheConfluentShape() throws Exception {
        registry.register("product-events-value", ProductEvent.getClassSchema());

        assertError(get("/schemas/ids/7"), 404, 40403);
        assertError(get("/subjects/missing-value/versions"), 404, 40401);
        assertError(get("/subjects/product-events-value/versions/5"), 404, 40402);
        assertError(get("/subjects/product-events-value/versions/first"), 422, 42202);
        assertError(post("/subjects/x-value/versions", "{\"schema\": \"{not avro\"}"), 422, 42201);
        assertError(post("/subjects/x-value/versions", "not json"), 422, 42201);
        assertError(post("/subjects/x-value/versions", "{\"schema\": \"{}\", \"schemaType\": \"PROTOBUF\"}"),
                422, 42201);
        assertError(get("/no/such/endpoint"), 404, 404);
    }

    @Test
    void shouldAcceptTheRequestShapeOfConfluentClients() throws Exception {
        final String body = json.createObjectNode()
                .put("schemaType", "AVRO")
                .put("schema", ProductEvent.getClassSchema().toString())
                .set("references", json.createArrayNode()).toString();

        final HttpResponse<String> registered = post("/subjects/product-events-value/versions?normalize=false", body);
        final HttpResponse<String> fetched = get("/schemas/ids/1?fetchMaxId=false&subject=product-events-value");

        assertThat(registered.statusCode()).isEqualTo(200);
        assertThat(registered.body()).isEqualTo("{\"id\":1}");
        assertThat(json.readTree(fetched.body()).get("schema").asText())
                .isEqualTo(ProductEvent.getClassSchema().toString());
    }

    private void assertError(final HttpResponse<String> response, final int status, final int errorCode)
            throws IOException {
        assertThat(response.statusCode()).as(response.uri().toString()).isEqualTo(status);
        final JsonNode body = json.readTree(response.body());
        assertThat(body.get("error_code").asInt()).as(response.uri().toString()).isEqualTo(errorCode);
        assertThat(body.get("message").asText()).isNotBlank();
    }

    private HttpResponse<String> get(final String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(server.url() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(final String path, final String body) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(server.url() + path))
                .header("Content-Type", JSON_TYPE)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
