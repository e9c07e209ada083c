package org.activationengine.runtime.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Every engine setting, with its default and meaning. In a config file they sit under {@code engine:}; in the
 * environment {@code ACTIVATION_ENGINE_X_Y} sets {@code x.y}. Kafka properties are separate ({@code kafka:} and
 * {@code KAFKA_X_Y}).
 */
public enum EngineSetting {
    PLAYBOOK("playbook", null, "Path of the playbook YAML. Required by run; demo uses the bundled example."),
    SCHEMA_REGISTRY_URL("schema.registry.url", null,
            "Schema registry URL (Confluent-compatible REST API), or mock://NAME for an in-process registry. "
                    + "Embedded mode defaults to a registry served on embedded.registry.port."),
    SCHEMA_REGISTRY_USER_INFO("schema.registry.basic.auth.user.info", null, "user:password for basic auth.", true),
    SCHEMA_REGISTRY_TRUSTSTORE("schema.registry.ssl.truststore.location", null, "Truststore for the registry's TLS."),
    SCHEMA_REGISTRY_TRUSTSTORE_PASSWORD("schema.registry.ssl.truststore.password", null, "Its password.", true),
    SCHEMA_REGISTRY_KEYSTORE("schema.registry.ssl.keystore.location", null, "Keystore for mutual TLS."),
    SCHEMA_REGISTRY_KEYSTORE_PASSWORD("schema.registry.ssl.keystore.password", null, "Its password.", true),
    SCHEMA_REGISTRY_TIMEOUT("schema.registry.request.timeout.ms", "10000", "Registry request timeout (ms)."),
    SCHEMA_REGISTRY_RETRIES("schema.registry.max.retries", "3", "Retries on 5xx, 429 and timeouts."),
    HTTP_HOST("http.host", "0.0.0.0", "Address the HTTP API binds."),
    HTTP_PORT("http.port", "8080", "Port of the HTTP API (health, metrics, user lookup)."),
    HTTP_BEARER_TOKEN("http.bearer.token", null, "When set, the API (except /health) requires this token.", true),
    TOPIC_SIGNUPS("topics.signups", "signup-answers", "Input topic of signup answers."),
    TOPIC_EVENTS("topics.events", "product-events", "Input topic of product events."),
    TOPIC_EMAIL("topics.commands.email", "activation-commands-email", "Output topic of email commands."),
    TOPIC_IN_APP("topics.commands.in.app", "activation-commands-in-app", "Output topic of in-app commands."),
    TOPIC_COUNTS("topics.counts", "activation-persona-counts", "Output topic of per-persona counts."),
    TOPIC_STATUS("topics.status", "activation-user-status", "Output topic (compacted) of user status."),
    TOPIC_DEAD_LETTER("topics.dead.letter", "activation-engine-dlq", "Dead-letter topic."),
    TOPIC_PARTITIONS("topics.partitions", "3", "Partitions of topics the engine creates (outputs, DLQ; inputs "
            + "only in embedded mode)."),
    TOPIC_REPLICATION("topics.replication.factor", "-1", "Replication factor of created topics; -1: broker default."),
    TIMER_IDLE_PERIOD("timers.idle.period", "1m", "Wall-clock time without records after which a task's timers "
            + "advance with the wall clock."),
    TIMER_RESOLUTION("timers.resolution", "1s", "Stream-time interval between two timer passes."),
    TIMER_MAX_PER_PASS("timers.max.per.pass", "10000", "Most timers one pass fires; the rest wait for the next."),
    STATE_RETENTION("state.retention", "30d", "State and timers of a user are deleted this long after their "
            + "last activity."),
    DEDUPE_RETENTION("dedupe.retention", "3d", "How long event ids are remembered (at least the window)."),
    MISROUTED_RECORDS("misrouted.records", "repartition", "Input whose key is not the payload's user id: "
            + "repartition (re-key) or reject (dead-letter)."),
    SHUTDOWN_TIMEOUT("shutdown.timeout", "30s", "How long a clean shutdown may take."),
    EMBEDDED_DATA_DIR("embedded.data.dir", "activation-engine-data", "Embedded mode: data of the broker and state."),
    EMBEDDED_KAFKA_PORT("embedded.kafka.port", "9092", "Embedded mode: broker port."),
    EMBEDDED_REGISTRY_PORT("embedded.registry.port", "8081", "Embedded mode: schema registry port."),
    LOG_LEVEL("log.level", "INFO", "Level of the engine's own loggers (read by the logging configuration).");

    private final String key;
    private final String defaultValue;
    private final String description;
    private final boolean secret;

    EngineSetting(final String key, final String defaultValue, final String description) {
        this(key, defaultValue, description, false);
    }

    EngineSetting(final String key, final String defaultValue, final String description, final boolean secret) {
        this.key = key;
        this.defaultValue = defaultValue;
        this.description = description;
        this.secret = secret;
    }

    /** @return the setting's key, e.g. {@code timers.idle.period} */
    public String key() {
        return key;
    }

    /** @return the default, or null when there is none */
    public String defaultValue() {
        return defaultValue;
    }

    /** @return what the setting does */
    public String description() {
        return description;
    }

    /** @return true when the value must be masked in summaries */
    public boolean isSecret() {
        return secret;
    }

    /** @return the environment variable that sets it, e.g. {@code ACTIVATION_ENGINE_TIMERS_IDLE_PERIOD} */
    public String environmentVariable() {
        return "ACTIVATION_ENGINE_" + key.replace('.', '_').toUpperCase(Locale.ROOT);
    }

    /**
     * @param key a setting key
     * @return the setting, if the key is known
     */
    public static Optional<EngineSetting> byKey(final String key) {
        return Arrays.stream(values()).filter(setting -> setting.key.equals(key)).findFirst();
    }
}
