package org.activationengine.runtime.http;

import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.UnauthorizedResponse;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.activationengine.playbook.Playbook;
import org.activationengine.runtime.metrics.EngineMetrics;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's HTTP API: health probes, Prometheus metrics, one user's onboarding status (answered by the instance
 * that owns the user) and activation counts per persona across all instances.
 *
 * <p>Liveness fails only once the Streams client has failed or is shutting down, since a restart cannot help
 * before that; readiness requires {@code RUNNING}, i.e. all state restored and the group settled.
 */
public final class EngineHttpServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EngineHttpServer.class);
    private static final String HEALTH_PATHS = "/health/";
    private static final String JSON = "application/json";
    private static final Set<KafkaStreams.State> DEAD = EnumSet.of(KafkaStreams.State.PENDING_ERROR,
            KafkaStreams.State.ERROR, KafkaStreams.State.PENDING_SHUTDOWN, KafkaStreams.State.NOT_RUNNING);

    private final HttpApiSettings settings;
    private final QueryableStreams streams;
    private final EngineMetrics metrics;
    private final Optional<BearerToken> token;
    private final UserLookup users;
    private final PersonaCountsQuery personas;
    private Javalin server;

    /**
     * @param settings where to listen, the optional bearer token and this instance's {@code application.server}
     * @param streams  the engine's Streams client, e.g. {@link QueryableStreams#of}
     * @param metrics  the metrics to expose on {@code /metrics}
     * @param playbook the playbook the engine runs, for users' onboarding steps
     */
    public EngineHttpServer(final HttpApiSettings settings, final QueryableStreams streams,
            final EngineMetrics metrics, final Playbook playbook) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.streams = Objects.requireNonNull(streams, "streams");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.token = settings.bearerToken().map(BearerToken::new);
        final PeerClient peers = new PeerClient(token);
        this.users = new UserLookup(streams, Objects.requireNonNull(playbook, "playbook"), settings.advertised(),
                peers);
        this.personas = new PersonaCountsQuery(streams, settings.advertised(), peers);
    }

    /**
     * Binds the port and starts serving.
     *
     * @return this server
     */
    public synchronized EngineHttpServer start() {
        if (server != null) {
            throw new IllegalStateException("the HTTP API is already started");
        }
        server = Javalin.create(this::configure).start();
        LOG.info("HTTP API listening on '{}:{}' (bearer token {})", settings.host(), server.port(),
                token.isPresent() ? "required" : "not required");
        return this;
    }

    /** @return the bound port, useful when the settings asked for port 0 */
    public synchronized int port() {
        if (server == null) {
            throw new IllegalStateException("the HTTP API is not started");
        }
        return server.port();
    }

    /** Stops serving; requests in flight are given Jetty's stop timeout to finish. */
    @Override
    public synchronized void close() {
        if (server != null) {
            server.stop();
            server = null;
            LOG.info("HTTP API stopped");
        }
    }

    private void configure(final JavalinConfig config) {
        config.startup.showJavalinBanner = false;
        config.jetty.host = settings.host();
        config.jetty.port = settings.port();
        config.routes.before(this::authorize);
        config.routes.get("/health/live", this::live);
        config.routes.get("/health/ready", this::ready);
        config.routes.get("/metrics", ctx -> ctx.contentType(EngineMetrics.CONTENT_TYPE).result(metrics.scrape()));
        config.routes.get("/users/{userId}", ctx -> respond(ctx, users.find(ctx.pathParam("userId"), forwarded(ctx))));
        config.routes.get("/personas", ctx -> respond(ctx, personas.counts(forwarded(ctx))));
        config.routes.exception(HttpResponseException.class, (e, ctx) -> respond(ctx,
                ApiResponse.error(e.getStatus(), e.getMessage())));
        config.routes.exception(Exception.class, this::failed);
    }

    private void authorize(final Context ctx) {
        if (token.isEmpty() || ctx.path().startsWith(HEALTH_PATHS)) {
            return;
        }
        if (!token.get().accepts(ctx.header("Authorization"))) {
            ctx.header("WWW-Authenticate", "Bearer");
            throw new UnauthorizedResponse("this endpoint requires the header 'Authorization: Bearer <token>' "
                    + "with the engine's HTTP token");
        }
    }

    private void live(final Context ctx) {
        final KafkaStreams.State state = streams.state();
        final boolean up = !DEAD.contains(state);
        respond(ctx, ApiResponse.of(up ? 200 : 503, Map.of("status", up ? "UP" : "DOWN", "state", state.name())));
    }

    private void ready(final Context ctx) {
        final KafkaStreams.State state = streams.state();
        final boolean ready = state == KafkaStreams.State.RUNNING;
        respond(ctx, ApiResponse.of(ready ? 200 : 503, Map.of("ready", ready, "state", state.name())));
    }

    private void failed(final Exception e, final Context ctx) {
        LOG.error("HTTP request '{} {}' failed unexpectedly; stream processing is not affected. If it repeats, "
                + "report it with the stack trace below", ctx.method(), ctx.path(), e);
        respond(ctx, ApiResponse.error(500, "internal error: " + e.getClass().getSimpleName()));
    }

    private static boolean forwarded(final Context ctx) {
        return ctx.header(PeerClient.FORWARDED_HEADER) != null;
    }

    private static void respond(final Context ctx, final ApiResponse response) {
        ctx.status(response.status()).contentType(JSON).result(response.json());
    }
}
