package org.activationengine.runtime.avro;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves an {@link InMemorySchemaRegistry} over the subset of Confluent's REST API that serializers and
 * deserializers use, so that in the embedded mode an outside producer with Confluent's own serializer can talk to
 * the engine's in-process registry.
 *
 * <p>Served: {@code POST /subjects/{s}/versions}, {@code POST /subjects/{s}}, {@code GET /schemas/ids/{id}},
 * {@code GET /subjects}, {@code GET /subjects/{s}/versions}, {@code GET /subjects/{s}/versions/{n|latest}} and
 * {@code GET /config}. Only Avro schemas without references are accepted; deletes, modes and compatibility checks
 * are not implemented ({@code GET /config} reports {@code BACKWARD}, which is not enforced). There is no
 * authentication or TLS: bind it to loopback or a trusted network.
 */
public final class SchemaRegistryHttpServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SchemaRegistryHttpServer.class);
    private static final String CONTENT_TYPE = RestSchemaRegistryClient.CONTENT_TYPE;
    private static final String ERROR_WRITTEN = "schema-registry-error-written";

    private final InMemorySchemaRegistry registry;
    private final String host;
    private final int requestedPort;
    private final ObjectMapper json = new ObjectMapper();
    private Javalin app;

    /**
     * @param registry the registry to serve
     * @param host the address to bind, such as {@code 127.0.0.1}
     * @param port the port to bind, 0 for any free port
     */
    public SchemaRegistryHttpServer(final InMemorySchemaRegistry registry, final String host, final int port) {
        this.registry = registry;
        this.host = host;
        this.requestedPort = port;
    }

    /**
     * Binds the port and starts serving.
     *
     * @return this server
     * @throws IllegalStateException when already started
     */
    public synchronized SchemaRegistryHttpServer start() {
        if (app != null) {
            throw new IllegalStateException("Schema registry server is already running on port " + port());
        }
        app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.jetty.host = host;
            config.jetty.port = requestedPort;
            config.routes.post("/subjects/{subject}/versions", this::register);
            config.routes.post("/subjects/{subject}", this::lookup);
            config.routes.get("/schemas/ids/{id}", this::schemaById);
            config.routes.get("/subjects", ctx -> respond(ctx, json.valueToTree(registry.subjects())));
            config.routes.get("/subjects/{subject}/versions",
                    ctx -> respond(ctx, json.valueToTree(registry.versions(ctx.pathParam("subject")))));
            config.routes.get("/subjects/{subject}/versions/{version}", this::version);
            config.routes.get("/config", ctx -> respond(ctx, json.createObjectNode()
                    .put("compatibilityLevel", "BACKWARD")));
            config.routes.exception(SchemaRegistryException.class, this::registryError);
            config.routes.exception(Exception.class, this::serverError);
            config.routes.error(404, this::notFound);
        });
        app.start();
        LOG.info("Schema registry server started on '{}'", url());
        return this;
    }

    /**
     * @return the bound port
     * @throws IllegalStateException when not started
     */
    public synchronized int port() {
        if (app == null) {
            throw new IllegalStateException("Schema registry server is not running");
        }
        return app.port();
    }

    /**
     * @return the URL clients use, {@code http://host:port}
     * @throws IllegalStateException when not started
     */
    public String url() {
        return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port();
    }

    /**
     * @return the registry this server serves
     */
    public InMemorySchemaRegistry registry() {
        return registry;
    }

    /** Stops serving and releases the port; does nothing when not running. */
    public synchronized void stop() {
        if (app != null) {
            final String url = url();
            app.stop();
            app = null;
            LOG.info("Schema registry server on '{}' stopped", url);
        }
    }

    @Override
    public void close() {
        stop();
    }

    private void register(final Context ctx) {
        final String subject = ctx.pathParam("subject");
        final int id = registry.register(subject, schemaOf(ctx));
        LOG.debug("Registered a schema under subject '{}' as id {}", subject, id);
        respond(ctx, json.createObjectNode().put("id", id));
    }

    private void lookup(final Context ctx) {
        respond(ctx, describe(registry.lookup(ctx.pathParam("subject"), schemaOf(ctx))));
    }

    private void schemaById(final Context ctx) {
        final int id = number(ctx.pathParam("id"), "schema id", SchemaRegistryException.SCHEMA_NOT_FOUND);
        respond(ctx, json.createObjectNode().put("schema", registry.schemaById(id).toString()));
    }

    private void version(final Context ctx) {
        final String version = ctx.pathParam("version");
        final int number = "latest".equals(version) ? -1
                : number(version, "version", SchemaRegistryException.INVALID_VERSION);
        if (number == 0 || number < -1) {
            throw new SchemaRegistryException("Version '" + version + "' is invalid: use a number from 1 or 'latest'",
                    SchemaRegistryException.INVALID_VERSION);
        }
        respond(ctx, describe(registry.version(ctx.pathParam("subject"), number)));
    }

    private ObjectNode describe(final RegisteredSchema registered) {
        return json.createObjectNode()
                .put("subject", registered.subject())
                .put("version", registered.version())
                .put("id", registered.id())
                .put("schema", registered.schema().toString());
    }

    private Schema schemaOf(final Context ctx) {
        final JsonNode body;
        try {
            body = json.readTree(ctx.body());
        } catch (final JsonProcessingException e) {
            throw new SchemaRegistryException("The request body is not JSON: send {\"schema\": \"...\"}",
                    SchemaRegistryException.INVALID_SCHEMA, e);
        }
        if (body == null || !body.path("schema").isTextual()) {
            throw new SchemaRegistryException("The request body has no 'schema' string: send {\"schema\": \"...\"}",
                    SchemaRegistryException.INVALID_SCHEMA);
        }
        final String type = body.path("schemaType").asText("AVRO");
        if (!"AVRO".equals(type)) {
            throw new SchemaRegistryException("Schema type '" + type + "' is not supported: this registry serves "
                    + "Avro only", SchemaRegistryException.INVALID_SCHEMA);
        }
        if (body.path("references").size() > 0) {
            throw new SchemaRegistryException("Schema references are not supported: send a self-contained schema",
                    SchemaRegistryException.INVALID_SCHEMA);
        }
        try {
            return new Schema.Parser().parse(body.get("schema").asText());
        } catch (final SchemaParseException e) {
            throw new SchemaRegistryException("Invalid Avro schema: " + e.getMessage(),
                    SchemaRegistryException.INVALID_SCHEMA, e);
        }
    }

    private int number(final String text, final String what, final int errorCode) {
        try {
            return Integer.parseInt(text);
        } catch (final NumberFormatException e) {
            throw new SchemaRegistryException("The " + what + " '" + text + "' is not a number", errorCode, e);
        }
    }

    private void registryError(final SchemaRegistryException e, final Context ctx) {
        final int code = e.errorCode() == 0 ? 50001 : e.errorCode();
        LOG.debug("Schema registry request '{} {}' failed with error code {}", ctx.method(), ctx.path(), code);
        error(ctx, code / 100, code, e.getMessage());
    }

    private void serverError(final Exception e, final Context ctx) {
        LOG.warn("Schema registry request '{} {}' failed; the client sees error 50001", ctx.method(), ctx.path(), e);
        error(ctx, 500, 50001, "Internal error: " + e.getMessage());
    }

    private void notFound(final Context ctx) {
        // Handlers that answer 404 themselves already wrote a Confluent error body; only unmatched paths get here
        // with Javalin's plain-text answer, which Confluent clients cannot parse.
        if (ctx.attribute(ERROR_WRITTEN) == null) {
            error(ctx, 404, 404, "No such endpoint: " + ctx.method() + " " + ctx.path());
        }
    }

    private void error(final Context ctx, final int status, final int code, final String message) {
        ctx.status(status);
        ctx.attribute(ERROR_WRITTEN, Boolean.TRUE);
        respond(ctx, json.createObjectNode().put("error_code", code).put("message", message));
    }

    private void respond(final Context ctx, final JsonNode body) {
        ctx.contentType(CONTENT_TYPE).result(body.toString());
    }
}
