package org.activationengine.runtime.avro;

import java.util.Map;

import org.apache.kafka.common.config.types.Password;

/**
 * The names of the schema registry settings, shared by the engine's configuration and by plain Kafka clients that
 * configure the serdes through {@code configure(Map, boolean)}, and the reading of their values.
 */
public final class SchemaRegistrySettings {

    /** Registry URL, or several separated by commas; {@code mock://NAME} selects an in-process registry. */
    public static final String URL = "schema.registry.url";
    /** Basic authentication as {@code user:password}. */
    public static final String BASIC_AUTH_USER_INFO = "schema.registry.basic.auth.user.info";
    /** Truststore (PKCS12 or JKS) that holds the registry's certificate authority. */
    public static final String TRUSTSTORE_LOCATION = "schema.registry.ssl.truststore.location";
    /** Password of the truststore. */
    public static final String TRUSTSTORE_PASSWORD = "schema.registry.ssl.truststore.password";
    /** Keystore (PKCS12 or JKS) with the client certificate, for mutual TLS. */
    public static final String KEYSTORE_LOCATION = "schema.registry.ssl.keystore.location";
    /** Password of the keystore, also used for the key inside it. */
    public static final String KEYSTORE_PASSWORD = "schema.registry.ssl.keystore.password";
    /** Time limit of one HTTP request to the registry, in milliseconds; also the connect time limit. */
    public static final String REQUEST_TIMEOUT_MS = "schema.registry.request.timeout.ms";
    /** How many times a request is retried after a 5xx, a 429 or an I/O failure. */
    public static final String MAX_RETRIES = "schema.registry.max.retries";
    /** Wait before the first retry, in milliseconds; it doubles on each further retry. */
    public static final String RETRY_BACKOFF_MS = "schema.registry.retry.backoff.ms";
    /** Whether the serializer registers a writer schema that is not yet registered (Confluent's name). */
    public static final String AUTO_REGISTER_SCHEMAS = "auto.register.schemas";

    private SchemaRegistrySettings() {
    }

    /**
     * Reads a setting as text; Kafka's {@link Password} values give their real value.
     *
     * @param settings the settings
     * @param key the setting name
     * @return the value, or null when absent or blank
     */
    public static String text(final Map<String, ?> settings, final String key) {
        final Object value = settings.get(key);
        if (value == null) {
            return null;
        }
        final String text = value instanceof Password password ? password.value() : String.valueOf(value);
        return text.isBlank() ? null : text.trim();
    }

    /**
     * Reads a whole-number setting.
     *
     * @param settings the settings
     * @param key the setting name
     * @param fallback the value when absent
     * @return the value
     * @throws SchemaRegistryException when the value is not a whole number
     */
    public static long number(final Map<String, ?> settings, final String key, final long fallback) {
        final String text = text(settings, key);
        if (text == null) {
            return fallback;
        }
        try {
            return Long.parseLong(text);
        } catch (final NumberFormatException e) {
            throw new SchemaRegistryException("Setting '" + key + "' must be a whole number, not '" + text + "'", e);
        }
    }

    /**
     * Reads a true/false setting.
     *
     * @param settings the settings
     * @param key the setting name
     * @param fallback the value when absent
     * @return the value
     * @throws SchemaRegistryException when the value is neither {@code true} nor {@code false}
     */
    public static boolean flag(final Map<String, ?> settings, final String key, final boolean fallback) {
        final String text = text(settings, key);
        if (text == null) {
            return fallback;
        }
        if (!"true".equalsIgnoreCase(text) && !"false".equalsIgnoreCase(text)) {
            throw new SchemaRegistryException("Setting '" + key + "' must be true or false, not '" + text + "'");
        }
        return Boolean.parseBoolean(text);
    }
}
