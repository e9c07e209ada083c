package org.activationengine.runtime.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.activationengine.runtime.metrics.EngineMetrics;
import org.activationengine.schema.UserState;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EngineHttpServerTest {

    private static final String TOKEN = "s3cret-token";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client = HttpClient.newHttpClient();
    private final FakeStreams streams = new FakeStreams();
    private final EngineMetrics metrics = new EngineMetrics();
    private EngineHttpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        metrics.close();
    }

    @Test
    void shouldRefuseRequestsWithoutTheBearerTokenButKeepHealthOpen() throws Exception {
        start(Optional.of(TOKEN));

        final HttpResponse<String> anonymous = get("/metrics", null);
        final HttpResponse<String> wrongToken = get("/metrics", "Bearer not-the-token");
        final HttpResponse<String> withToken = get("/metrics", "Bearer " + TOKEN);
        final HttpResponse<String> health = get("/health/live", null);

        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(json(anonymous).get("error").asText()).contains("Authorization: Bearer");
        assertThat(wrongToken.statusCode()).isEqualTo(401);
        assertThat(withToken.statusCode()).isEqualTo(200);
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(json(health).get("status").asText()).isEqualTo("UP");
    }

    @Test
    void shouldServeAllEndpointsWithoutAuthorizationWhenNoTokenIsSet() throws Exception {
        start(Optional.empty());

        assertThat(get("/metrics", null).statusCode()).isEqualTo(200);
    }

    @Test
    void shouldReportNotReadyWithTheStreamsStateUntilRunning() throws Exception {
        start(Optional.empty());
        streams.state(KafkaStreams.State.REBALANCING);

        final HttpResponse<String> rebalancing = get("/health/ready", null);
        final HttpResponse<String> live = get("/health/live", null);
        streams.state(KafkaStreams.State.RUNNING);
        final HttpResponse<String> running = get("/health/ready", null);

        assertThat(rebalancing.statusCode()).isEqualTo(503);
        assertThat(json(rebalancing).get("ready").asBoolean()).isFalse();
        assertThat(json(rebalancing).get("state").asText()).isEqualTo("REBALANCING");
        assertThat(live.statusCode()).isEqualTo(200);
        assertThat(running.statusCode()).isEqualTo(200);
        assertThat(json(running).get("ready").asBoolean()).isTrue();
    }

    @Test
    void shouldReportNotLiveOnceStreamsFailed() throws Exception {
        start(Optional.empty());
        streams.state(KafkaStreams.State.ERROR);

        final HttpResponse<String> live = get("/health/live", null);

        assertThat(live.statusCode()).isEqualTo(503);
        assertThat(json(live).get("status").asText()).isEqualTo("DOWN");
        assertThat(json(live).get("state").asText()).isEqualTo("ERROR");
    }

    @Test
    void shouldServeEngineMetricsAsPrometheusText() throws Exception {
        start(Optional.empty());
        metrics.observer().duplicateEvent();

        final HttpResponse<String> scrape = get("/metrics", null);

        assertThat(scrape.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/plain; version=0.0.4"));
        assertThat(scrape.body()).contains("activation_duplicate_events_total 1");
    }

    @Test
    void shouldAnswerAUsersOnboardingStatus() throws Exception {
        start(Optional.empty());
        streams.user("user-1", UserState.newBuilder()
                .setPersona("team-lead")
                .setSignedUpAt(Instant.parse("2026-03-02T09:00:00Z"))
                .setFirstSeenAt(Instant.parse("2026-03-02T09:00:00Z"))
                .setLastActivityAt(Instant.parse("2026-03-02T10:30:00Z"))
                .setEventCounts(Map.of("project_created", 1))
                .build());

        final HttpResponse<String> response = get("/users/user-1", null);

        assertThat(response.statusCode()).isEqualTo(200);
        final JsonNode status = json(response);
        assertThat(status.get("userId").asText()).isEqualTo("user-1");
        assertThat(status.get("persona").asText()).isEqualTo("team-lead");
        assertThat(status.get("group").asText()).isEqualTo("TREATMENT");
        assertThat(status.get("signedUpAt").asText()).isEqualTo("2026-03-02T09:00:00Z");
        assertThat(status.get("lastActivityAt").asText()).isEqualTo("2026-03-02T10:30:00Z");
        assertThat(status.get("activatedAt").isNull()).isTrue();
        assertThat(status.get("completedSteps")).extracting(JsonNode::asText).containsExactly("create-project");
        assertThat(status.get("nextStep").asText()).isEqualTo("invite-teammate");
    }

    @Test
    void shouldAnswerNotFoundForAnUnknownUser() throws Exception {
        start(Optional.empty());

        final HttpResponse<String> response = get("/users/nobody", null);

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(json(response).get("error").asText()).contains("nobody");
    }

    @Test
    void shouldAnswerServiceUnavailableWhileUsersCannotBeLocated() throws Exception {
        start(Optional.empty());
        streams.state(KafkaStreams.State.REBALANCING);
        streams.metadataAvailable(false);

        final HttpResponse<String> response = get("/users/user-1", null);

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(json(response).get("error").asText()).contains("REBALANCING");
    }

    @Test
    void shouldAnswerServiceUnavailableForPersonaCountsWhileRebalancing() throws Exception {
        start(Optional.empty());
        streams.state(KafkaStreams.State.REBALANCING);

        final HttpResponse<String> response = get("/personas", null);

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(json(response).get("error").asText()).contains("REBALANCING");
    }

    @Test
    void shouldAnswerJsonForAnUnknownPath() throws Exception {
        start(Optional.empty());

        final HttpResponse<String> response = get("/nowhere", null);

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(json(response).has("error")).isTrue();
    }

    private void start(final Optional<String> token) {
        server = new EngineHttpServer(new HttpApiSettings("127.0.0.1", 0, token, Optional.of(FakeStreams.SELF)),
                streams, metrics, ApiPlaybooks.twoPersonas()).start();
    }

    private HttpResponse<String> get(final String path, final String authorization)
            throws IOException, InterruptedException {
        final HttpRequest.Builder request = HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + server.port() + path)).GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(final HttpResponse<String> response) throws IOException {
        return JSON.readTree(response.body());
    }
}
