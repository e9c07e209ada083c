package org.activationengine.runtime.avro;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Talks to a Confluent-compatible schema registry over its REST API and caches every answer, so a schema id or a
 * schema is fetched at most once per client.
 *
 * <p>Requests are retried, with a doubling wait, after a 5xx or 429 answer or an I/O failure (refused connection,
 * time-out); when several URLs are given, an I/O failure moves on to the next one. Other answers fail at once with
 * the registry's {@code error_code} and message. Only Avro schemas without references are supported.
 */
public final class RestSchemaRegistryClient implements SchemaRegistryClient {

    /** The media type of the Confluent REST API. */
    public static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";

    private static final Logger LOG = LoggerFactory.getLogger(RestSchemaRegistryClient.class);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(10);

    private final List<URI> urls;
    private final AtomicInteger currentUrl = new AtomicInteger();
    private final HttpClient http;
    private final String authorization;
    private final Duration requestTimeout;
    private final int maxRetries;
    private final Duration retryBackoff;
    private final ObjectMapper json = new ObjectMapper();
    private final Map<Integer, Schema> schemasById = new ConcurrentHashMap<>();
    private final Map<SubjectSchema, Integer> idsBySubjectSchema = new ConcurrentHashMap<>();

    private RestSchemaRegistryClient(final Builder builder) {
        this.urls = parseUrls(builder.urls);
        this.authorization = builder.basicAuthUserInfo == null ? null : "Basic " + Base64.getEncoder()
                .encodeToString(builder.basicAuthUserInfo.getBytes(StandardCharsets.UTF_8));
        this.requestTimeout = builder.requestTimeout;
        this.maxRetries = builder.maxRetries;
        this.retryBackoff = builder.retryBackoff;

        final HttpClient.Builder httpBuilder = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(requestTimeout);
        if (builder.sslContext != null) {
            httpBuilder.sslContext(builder.sslContext);
        }
        this.http = httpBuilder.build();
    }

    /**
     * @param urls one registry URL, or several separated by commas
     * @return a builder with a 10 s request time-out, 2 retries and a 100 ms first backoff
     */
    public static Builder builder(final String urls) {
        return new Builder(urls);
    }

    /**
     * Builds a client from the {@code schema.registry.*} settings named in {@link SchemaRegistrySettings}.
     *
     * @param urls one registry URL, or several separated by commas
     * @param settings the other settings
     * @return the client
     * @throws SchemaRegistryException when a setting is invalid or a key or trust store cannot be loaded
     */
    public static RestSchemaRegistryClient fromSettings(final String urls, final Map<String, ?> settings) {
        final Builder builder = builder(urls)
                .basicAuth(SchemaRegistrySettings.text(settings, SchemaRegistrySettings.BASIC_AUTH_USER_INFO))
                .sslContext(sslContext(settings));

        final long timeoutMs = SchemaRegistrySettings.number(settings, SchemaRegistrySettings.REQUEST_TIMEOUT_MS, -1);
        if (timeoutMs > 0) {
            builder.requestTimeout(Duration.ofMillis(timeoutMs));
        }
        final long retries = SchemaRegistrySettings.number(settings, SchemaRegistrySettings.MAX_RETRIES, -1);
        if (retries >= 0) {
            builder.maxRetries((int) retries);
        }
        final long backoffMs = SchemaRegistrySettings.number(settings, SchemaRegistrySettings.RETRY_BACKOFF_MS, -1);
        if (backoffMs >= 0) {
            builder.retryBackoff(Duration.ofMillis(backoffMs));
        }
        return builder.build();
    }

    @Override
    public int register(final String subject, final Schema schema) {
        final SubjectSchema key = new SubjectSchema(subject, schema);
        final Integer cached = idsBySubjectSchema.get(key);
        if (cached != null) {
            return cached;
        }

        final String what = "registering schema '" + schema.getFullName() + "' under subject '" + subject + "'";
        final JsonNode answer = send("POST", "/subjects/" + encode(subject) + "/versions", schemaBody(schema), what);
        final int id = requireId(answer, what);
        idsBySubjectSchema.put(key, id);
        schemasById.putIfAbsent(id, schema);
        return id;
    }

    @Override
    public int idOf(final String subject, final Schema schema) {
        final SubjectSchema key = new SubjectSchema(subject, schema);
        final Integer cached = idsBySubjectSchema.get(key);
        if (cached != null) {
            return cached;
        }

        final String what = "looking up schema '" + schema.getFullName() + "' under subject '" + subject + "'";
        final JsonNode answer = send("POST", "/subjects/" + encode(subject), schemaBody(schema), what);
        final int id = requireId(answer, what);
        idsBySubjectSchema.put(key, id);
        schemasById.putIfAbsent(id, schema);
        return id;
    }

    @Override
    public Schema schemaById(final int id) {
        final Schema cached = schemasById.get(id);
        if (cached != null) {
            return cached;
        }

        final String what = "fetching schema id " + id;
        final JsonNode answer = send("GET", "/schemas/ids/" + id, null, what);
        final JsonNode type = answer.get("schemaType");
        if (type != null && !"AVRO".equals(type.asText())) {
            throw new SchemaRegistryException("Schema id " + id + " in schema registry '" + currentUrl()
                    + "' is a " + type.asText() + " schema; only Avro is supported on this topic");
        }
        final JsonNode text = answer.get("schema");
        if (text == null || !text.isTextual()) {
            throw new SchemaRegistryException("Schema registry '" + currentUrl() + "' answered " + what
                    + " without a 'schema' field; check that the URL points at a Confluent-compatible registry");
        }
        try {
            final Schema schema = new Schema.Parser().parse(text.asText());
            schemasById.putIfAbsent(id, schema);
            return schemasById.get(id);
        } catch (final SchemaParseException e) {
            throw new SchemaRegistryException("Schema id " + id + " in schema registry '" + currentUrl()
                    + "' is not a valid Avro schema: " + e.getMessage(), e);
        }
    }

    /**
     * @return the URLs this client uses, in order
     */
    public List<URI> urls() {
        return urls;
    }

    private String schemaBody(final Schema schema) {
        final ObjectNode body = json.createObjectNode();
        body.put("schema", schema.toString());
        return body.toString();
    }

    private int requireId(final JsonNode answer, final String what) {
        final JsonNode id = answer.get("id");
        if (id == null || !id.canConvertToInt()) {
            throw new SchemaRegistryException("Schema registry '" + currentUrl() + "' answered " + what
                    + " without an 'id' field; check that the URL points at a Confluent-compatible registry");
        }
        return id.asInt();
    }

    private JsonNode send(final String method, final String path, final String body, final String what) {
        String lastProblem = "no attempt";
        for (int attempt = 0; attempt <= maxRetries; attempt++) {
            if (attempt > 0) {
                pause(attempt, what);
            }
            final URI base = currentUrl();
            try {
                final HttpResponse<String> response = http.send(request(base, method, path, body),
                        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                final int status = response.statusCode();
                LOG.debug("Schema registry '{}' answered {} {} with HTTP {}", base, method, path, status);
                if (status / 100 == 2) {
                    return parse(base, response.body(), what);
                }
                if (status / 100 != 5 && status != 429) {
                    throw refused(base, response, what);
                }
                lastProblem = "HTTP " + status + describeError(response.body());
            } catch (final IOException e) {
                LOG.debug("Schema registry '{}' could not be reached for {} {}", base, method, path, e);
                lastProblem = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
                moveToNextUrl(base);
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SchemaRegistryException("Interrupted while " + what + " at schema registry '" + base + "'",
                        e);
            }
            if (attempt < maxRetries) {
                LOG.warn("Schema registry '{}' failed {} ({}); retrying", base, what, lastProblem);
            }
        }
        throw new SchemaRegistryException("Schema registry '" + String.join(",", urls.stream().map(URI::toString)
                .toList()) + "' failed " + what + " after " + (maxRetries + 1) + " attempts, last: " + lastProblem
                + "; check that the registry is up and reachable, or raise '" + SchemaRegistrySettings.MAX_RETRIES
                + "'");
    }

    private HttpRequest request(final URI base, final String method, final String path, final String body) {
        final HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(requestTimeout)
                .header("Accept", CONTENT_TYPE + ", application/json");
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        if (body == null) {
            return request.GET().build();
        }
        return request.header("Content-Type", CONTENT_TYPE)
                .method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
    }

    private JsonNode parse(final URI base, final String body, final String what) {
        try {
            return json.readTree(body);
        } catch (final JsonProcessingException e) {
            throw new SchemaRegistryException("Schema registry '" + base + "' answered " + what
                    + " with a body that is not JSON; check that the URL points at a Confluent-compatible registry",
                    e);
        }
    }

    private SchemaRegistryException refused(final URI base, final HttpResponse<String> response, final String what) {
        final int status = response.statusCode();
        final int errorCode = errorCode(response.body(), status);
        final String hint = switch (status) {
            case 401, 403 -> "check '" + SchemaRegistrySettings.BASIC_AUTH_USER_INFO
                    + "' and the user's permissions on the subject";
            case 404 -> "the subject, version or schema does not exist there; register it first, or check that "
                    + "producer and consumer use the same registry";
            case 409 -> "the schema is incompatible with the subject's earlier versions; make the change "
                    + "compatible (add fields with defaults) or change the subject's compatibility level";
            case 422 -> "the registry rejected the schema or the request as invalid";
            default -> "check the registry URL and its logs";
        };
        return new SchemaRegistryException("Schema registry '" + base + "' refused " + what + " with HTTP " + status
                + describeError(response.body()) + ": " + hint, errorCode);
    }

    private int errorCode(final String body, final int status) {
        try {
            final JsonNode code = json.readTree(body).get("error_code");
            if (code != null && code.canConvertToInt()) {
                return code.asInt();
            }
        } catch (final JsonProcessingException | RuntimeException e) {
            LOG.debug("Schema registry error body is not JSON", e);
        }
        return status * 100;
    }

    private String describeError(final String body) {
        try {
            final JsonNode error = json.readTree(body);
            if (error != null && error.has("error_code")) {
                return " (error_code " + error.get("error_code").asText() + ": "
                        + error.path("message").asText("no message") + ")";
            }
        } catch (final JsonProcessingException | RuntimeException e) {
            LOG.debug("Schema registry error body is not JSON", e);
        }
        return "";
    }

    private void pause(final int attempt, final String what) {
        final long factor = 1L << Math.min(attempt - 1, 20);
        final long millis = Math.min(retryBackoff.toMillis() * factor, MAX_BACKOFF.toMillis());
        try {
            Thread.sleep(millis);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SchemaRegistryException("Interrupted while waiting to retry " + what, e);
        }
    }

    private URI currentUrl() {
        return urls.get(Math.floorMod(currentUrl.get(), urls.size()));
    }

    private void moveToNextUrl(final URI failed) {
        if (urls.size() > 1 && currentUrl().equals(failed)) {
            currentUrl.incrementAndGet();
        }
    }

    private static String encode(final String subject) {
        return URLEncoder.encode(subject, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static List<URI> parseUrls(final String urls) {
        if (urls == null || urls.isBlank()) {
            throw new SchemaRegistryException("No schema registry URL: set '" + SchemaRegistrySettings.URL
                    + "' to http(s)://host:port");
        }
        final List<URI> parsed = new ArrayList<>();
        for (final String url : urls.split(",")) {
            final String trimmed = url.trim().replaceAll("/+$", "");
            if (trimmed.isEmpty()) {
                continue;
            }
            final URI uri;
            try {
                uri = URI.create(trimmed);
            } catch (final IllegalArgumentException e) {
                throw new SchemaRegistryException("Schema registry URL '" + trimmed + "' in '"
                        + SchemaRegistrySettings.URL + "' is not a valid URL: " + e.getMessage(), e);
            }
            if (!"http".equalsIgnoreCase(uri.getScheme()) && !"https".equalsIgnoreCase(uri.getScheme())
                    || uri.getHost() == null) {
                throw new SchemaRegistryException("Schema registry URL '" + trimmed + "' in '"
                        + SchemaRegistrySettings.URL + "' must look like http(s)://host:port (or mock://NAME)");
            }
            parsed.add(uri);
        }
        if (parsed.isEmpty()) {
            throw new SchemaRegistryException("No schema registry URL in '" + urls + "': set '"
                    + SchemaRegistrySettings.URL + "' to http(s)://host:port");
        }
        return List.copyOf(parsed);
    }

    private static SSLContext sslContext(final Map<String, ?> settings) {
        final String truststore = SchemaRegistrySettings.text(settings, SchemaRegistrySettings.TRUSTSTORE_LOCATION);
        final String keystore = SchemaRegistrySettings.text(settings, SchemaRegistrySettings.KEYSTORE_LOCATION);
        if (truststore == null && keystore == null) {
            return null;
        }

        TrustManagerFactory trust = null;
        KeyManagerFactory keys = null;
        try {
            if (truststore != null) {
                trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                trust.init(loadStore(settings, SchemaRegistrySettings.TRUSTSTORE_LOCATION,
                        SchemaRegistrySettings.TRUSTSTORE_PASSWORD));
            }
            if (keystore != null) {
                keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                keys.init(loadStore(settings, SchemaRegistrySettings.KEYSTORE_LOCATION,
                        SchemaRegistrySettings.KEYSTORE_PASSWORD), password(settings,
                        SchemaRegistrySettings.KEYSTORE_PASSWORD));
            }
            final SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys == null ? null : keys.getKeyManagers(), trust == null ? null : trust.getTrustManagers(),
                    null);
            return context;
        } catch (final GeneralSecurityException e) {
            throw new SchemaRegistryException("Cannot set up TLS for the schema registry from '"
                    + SchemaRegistrySettings.TRUSTSTORE_LOCATION + "' / '" + SchemaRegistrySettings.KEYSTORE_LOCATION
                    + "': " + e.getMessage(), e);
        }
    }

    private static KeyStore loadStore(final Map<String, ?> settings, final String locationKey,
            final String passwordKey) {
        final String location = SchemaRegistrySettings.text(settings, locationKey);
        try {
            // The JDK detects PKCS12 and JKS from the file's content.
            return KeyStore.getInstance(new File(location), password(settings, passwordKey));
        } catch (final IOException | GeneralSecurityException | RuntimeException e) {
            throw new SchemaRegistryException("Cannot load '" + location + "' named by '" + locationKey + "': "
                    + e.getMessage() + "; check the path, the password in '" + passwordKey
                    + "' and that the file is PKCS12 or JKS", e);
        }
    }

    private static char[] password(final Map<String, ?> settings, final String key) {
        final String password = SchemaRegistrySettings.text(settings, key);
        return password == null ? new char[0] : password.toCharArray();
    }

    /** The key of the id cache: a schema under a subject. */
    private record SubjectSchema(String subject, Schema schema) {
    }

    /** Collects the options of a {@link RestSchemaRegistryClient}. */
    public static final class Builder {

        private final String urls;
        private String basicAuthUserInfo;
        private SSLContext sslContext;
        private Duration requestTimeout = Duration.ofSeconds(10);
        private int maxRetries = 2;
        private Duration retryBackoff = Duration.ofMillis(100);

        private Builder(final String urls) {
            this.urls = urls;
        }

        /**
         * @param userInfo {@code user:password}, or null for no authentication
         * @return this builder
         */
        public Builder basicAuth(final String userInfo) {
            this.basicAuthUserInfo = userInfo;
            return this;
        }

        /**
         * @param context the TLS context for {@code https} URLs, or null for the JDK's default
         * @return this builder
         */
        public Builder sslContext(final SSLContext context) {
            this.sslContext = context;
            return this;
        }

        /**
         * @param timeout the time limit of connecting and of one request
         * @return this builder
         */
        public Builder requestTimeout(final Duration timeout) {
            this.requestTimeout = timeout;
            return this;
        }

        /**
         * @param retries how many times a request is retried after a 5xx, a 429 or an I/O failure
         * @return this builder
         */
        public Builder maxRetries(final int retries) {
            if (retries < 0) {
                throw new SchemaRegistryException("'" + SchemaRegistrySettings.MAX_RETRIES
                        + "' must be 0 or more, not " + retries);
            }
            this.maxRetries = retries;
            return this;
        }

        /**
         * @param backoff the wait before the first retry; it doubles on each further retry, up to 10 s
         * @return this builder
         */
        public Builder retryBackoff(final Duration backoff) {
            this.retryBackoff = backoff;
            return this;
        }

        /**
         * @return the client
         * @throws SchemaRegistryException when the URL is invalid
         */
        public RestSchemaRegistryClient build() {
            return new RestSchemaRegistryClient(this);
        }
    }
}
