package org.activationengine.runtime.avro;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Chooses the schema registry client for a URL: {@code mock://NAME} selects an in-process registry shared by
 * everything in the JVM that names the same scope (Confluent's convention for tests), any other URL a REST client.
 */
public final class SchemaRegistryClients {

    private static final String MOCK_PREFIX = "mock://";
    private static final Map<String, InMemorySchemaRegistry> SCOPES = new ConcurrentHashMap<>();

    private SchemaRegistryClients() {
    }

    /**
     * @param url {@code mock://NAME} or one or more comma-separated {@code http(s)://} URLs
     * @param settings the other {@code schema.registry.*} settings, used by the REST client only
     * @return the in-process registry of scope NAME, or a new REST client
     * @throws SchemaRegistryException when the URL or a setting is invalid
     */
    public static SchemaRegistryClient forUrl(final String url, final Map<String, ?> settings) {
        if (url == null || url.isBlank()) {
            throw new SchemaRegistryException("No schema registry URL: set '" + SchemaRegistrySettings.URL
                    + "' to http(s)://host:port, or to mock://NAME for an in-process registry");
        }
        final String trimmed = url.trim();
        if (trimmed.startsWith(MOCK_PREFIX)) {
            return inMemory(trimmed.substring(MOCK_PREFIX.length()));
        }
        return RestSchemaRegistryClient.fromSettings(trimmed, settings);
    }

    /**
     * @param settings settings holding {@link SchemaRegistrySettings#URL} and the other registry settings
     * @return the client for the configured URL, as {@link #forUrl(String, Map)}
     */
    public static SchemaRegistryClient fromSettings(final Map<String, ?> settings) {
        return forUrl(SchemaRegistrySettings.text(settings, SchemaRegistrySettings.URL), settings);
    }

    /**
     * @param scope the scope name, as in {@code mock://NAME}
     * @return the in-process registry of that scope, created on first use
     */
    public static InMemorySchemaRegistry inMemory(final String scope) {
        return SCOPES.computeIfAbsent(scope, name -> new InMemorySchemaRegistry(MOCK_PREFIX + name));
    }

    /**
     * Forgets a scope, so the next use of {@code mock://NAME} starts from an empty registry.
     *
     * @param scope the scope name
     */
    public static void dropScope(final String scope) {
        SCOPES.remove(scope);
    }
}
