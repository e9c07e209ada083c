package org.activationengine.runtime.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import org.activationengine.engine.EngineOptions;
import org.activationengine.engine.EngineTopics;
import org.activationengine.engine.MisroutedRecords;
import org.activationengine.playbook.Durations;

/**
 * The engine's configuration: engine settings ({@link EngineSetting}) and Kafka properties, read from an optional
 * file (YAML with {@code engine:} and {@code kafka:} maps, or properties with {@code engine.} and {@code kafka.}
 * prefixes) and overridden by the environment: {@code KAFKA_X_Y} sets the Kafka property {@code x.y} and
 * {@code ACTIVATION_ENGINE_X_Y} the engine setting {@code x.y}.
 */
public final class EngineConfig {

    /** Environment variables of Kafka's own scripts, which are not client properties. */
    private static final Set<String> KAFKA_SCRIPT_VARIABLES = Set.of("KAFKA_HEAP_OPTS", "KAFKA_OPTS",
            "KAFKA_JVM_PERFORMANCE_OPTS", "KAFKA_LOG4J_OPTS", "KAFKA_JMX_OPTS", "KAFKA_GC_LOG_OPTS", "KAFKA_DEBUG",
            "KAFKA_HOME");
    private static final String ENGINE_PREFIX = "ACTIVATION_ENGINE_";
    private static final String KAFKA_PREFIX = "KAFKA_";

    private final Map<EngineSetting, String> engine = new LinkedHashMap<>();
    private final Map<EngineSetting, String> engineOrigins = new LinkedHashMap<>();
    private final Map<String, String> kafka = new TreeMap<>();
    private final Map<String, String> kafkaOrigins = new TreeMap<>();

    private EngineConfig() {
    }

    /**
     * Reads the configuration.
     *
     * @param file        the config file, or null for none
     * @param environment the environment variables
     * @return the configuration
     * @throws ConfigException when the file cannot be read or holds an unknown key or a bad value
     */
    public static EngineConfig load(final Path file, final Map<String, String> environment) {
        final EngineConfig config = new EngineConfig();
        if (file != null) {
            config.readFile(file);
        }
        config.readEnvironment(environment);
        config.validate();
        return config;
    }

    /**
     * Sets an engine setting programmatically (command-line options win over file and environment).
     *
     * @param setting the setting
     * @param value   its value
     * @param origin  where it came from, for messages
     */
    public void override(final EngineSetting setting, final String value, final String origin) {
        engine.put(setting, value);
        engineOrigins.put(setting, origin);
        validate();
    }

    /**
     * Sets a Kafka property programmatically.
     *
     * @param key    the property
     * @param value  its value
     * @param origin where it came from, for messages
     */
    public void overrideKafka(final String key, final String value, final String origin) {
        kafka.put(key, value);
        kafkaOrigins.put(key, origin);
    }

    /**
     * @param setting a setting
     * @return its value, or its default; null when neither exists
     */
    public String get(final EngineSetting setting) {
        return engine.getOrDefault(setting, setting.defaultValue());
    }

    /**
     * @param setting a setting
     * @return true when the file, the environment or an override set it (a default does not count)
     */
    public boolean isConfigured(final EngineSetting setting) {
        return engine.containsKey(setting);
    }

    /**
     * @param setting a setting
     * @return its value when one was configured or it has a default
     */
    public Optional<String> optional(final EngineSetting setting) {
        return Optional.ofNullable(get(setting)).filter(value -> !value.isBlank());
    }

    /**
     * @param setting a setting that must be set
     * @return its value
     * @throws ConfigException naming the setting, its environment variable and its meaning
     */
    public String required(final EngineSetting setting) {
        return optional(setting).orElseThrow(() -> new ConfigException("Setting '" + setting.key()
                + "' is required: " + setting.description() + " Set it under 'engine:' in the config file or with "
                + "the environment variable " + setting.environmentVariable() + "."));
    }

    /**
     * @param setting a duration setting
     * @return its value as a positive duration
     */
    public Duration duration(final EngineSetting setting) {
        final String value = get(setting);
        try {
            final Duration duration = Durations.parse(value);
            if (duration.isZero() || duration.isNegative()) {
                throw new IllegalArgumentException("it must be positive");
            }
            return duration;
        } catch (final IllegalArgumentException e) {
            throw bad(setting, "'" + value + "' is not a positive duration (" + e.getMessage() + ")");
        }
    }

    /**
     * @param setting an integer setting
     * @return its value
     */
    public int integer(final EngineSetting setting) {
        final String value = get(setting);
        try {
            return Integer.parseInt(value.strip());
        } catch (final NumberFormatException e) {
            throw bad(setting, "'" + value + "' is not a whole number");
        }
    }

    /** @return the Kafka properties as configured (no defaults added) */
    public Map<String, String> kafkaProperties() {
        return Map.copyOf(kafka);
    }

    /** @return true when no bootstrap servers are configured: the engine starts its own broker */
    public boolean isEmbedded() {
        final String servers = kafka.get("bootstrap.servers");
        return servers == null || servers.isBlank();
    }

    /** @return the topic names */
    public EngineTopics topics() {
        return new EngineTopics(get(EngineSetting.TOPIC_SIGNUPS), get(EngineSetting.TOPIC_EVENTS),
                get(EngineSetting.TOPIC_EMAIL), get(EngineSetting.TOPIC_IN_APP), get(EngineSetting.TOPIC_COUNTS),
                get(EngineSetting.TOPIC_STATUS), get(EngineSetting.TOPIC_DEAD_LETTER));
    }

    /** @return the engine options */
    public EngineOptions options() {
        final String misrouted = get(EngineSetting.MISROUTED_RECORDS).strip().toUpperCase(Locale.ROOT);
        final MisroutedRecords mode;
        try {
            mode = MisroutedRecords.valueOf(misrouted);
        } catch (final IllegalArgumentException e) {
            throw bad(EngineSetting.MISROUTED_RECORDS, "'" + get(EngineSetting.MISROUTED_RECORDS)
                    + "' is neither 'repartition' nor 'reject'");
        }
        final int maxPerPass = integer(EngineSetting.TIMER_MAX_PER_PASS);
        if (maxPerPass < 1) {
            throw bad(EngineSetting.TIMER_MAX_PER_PASS, "it must be at least 1");
        }
        return new EngineOptions(duration(EngineSetting.TIMER_IDLE_PERIOD), duration(EngineSetting.TIMER_RESOLUTION),
                maxPerPass, duration(EngineSetting.STATE_RETENTION), duration(EngineSetting.DEDUPE_RETENTION), mode);
    }

    /** @return settings for the schema registry client, keyed as the client expects */
    public Map<String, String> schemaRegistrySettings() {
        final Map<String, String> settings = new LinkedHashMap<>();
        for (final EngineSetting setting : EngineSetting.values()) {
            if (setting.key().startsWith("schema.registry.") && optional(setting).isPresent()) {
                settings.put(setting.key(), get(setting));
            }
        }
        return settings;
    }

    /**
     * A summary for the startup log: every setting that differs from its default and every Kafka property, with
     * its origin; secrets are masked.
     *
     * @return one line per setting
     */
    public String summary() {
        final StringBuilder text = new StringBuilder();
        for (final Map.Entry<EngineSetting, String> entry : engine.entrySet()) {
            final String value = entry.getKey().isSecret() ? "******" : entry.getValue();
            text.append(String.format("  engine.%s = %s (%s)%n", entry.getKey().key(), value,
                    engineOrigins.get(entry.getKey())));
        }
        for (final Map.Entry<String, String> entry : kafka.entrySet()) {
            final String value = isSecretKafkaProperty(entry.getKey()) ? "******" : entry.getValue();
            text.append(String.format("  kafka.%s = %s (%s)%n", entry.getKey(), value,
                    kafkaOrigins.get(entry.getKey())));
        }
        return text.length() == 0 ? "  (all defaults)" : text.toString().stripTrailing();
    }

    static boolean isSecretKafkaProperty(final String key) {
        final String lower = key.toLowerCase(Locale.ROOT);
        return lower.contains("password") || lower.contains("jaas") || lower.contains("secret")
                || lower.contains("token") || lower.endsWith(".key") || lower.contains("credentials");
    }

    private void readFile(final Path file) {
        if (!Files.isReadable(file)) {
            throw new ConfigException("Config file '" + file + "' cannot be read: check the path given to "
                    + "--config and its permissions.");
        }
        final String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".properties")) {
            readProperties(file);
        } else {
            readYaml(file);
        }
    }

    private void readYaml(final Path file) {
        final JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
        } catch (final IOException e) {
            throw new ConfigException("Config file '" + file + "' is not valid YAML: " + e.getMessage());
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            return;
        }
        if (!root.isObject()) {
            throw new ConfigException("Config file '" + file + "': the top level must be a map with 'engine:' "
                    + "and/or 'kafka:'.");
        }
        final Iterator<Map.Entry<String, JsonNode>> sections = root.fields();
        while (sections.hasNext()) {
            final Map.Entry<String, JsonNode> section = sections.next();
            final Map<String, String> flat = new LinkedHashMap<>();
            flatten(file, section.getKey(), "", section.getValue(), flat);
            putSection(file, section.getKey(), flat);
        }
    }

    private void readProperties(final Path file) {
        final Properties props = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            props.load(reader);
        } catch (final IOException e) {
            throw new ConfigException("Config file '" + file + "' cannot be read: " + e.getMessage());
        }
        for (final String key : new TreeMap<>(props).keySet().stream().map(Object::toString).toList()) {
            final int dot = key.indexOf('.');
            final String section = dot < 0 ? key : key.substring(0, dot);
            putSection(file, section, Map.of(dot < 0 ? "" : key.substring(dot + 1), props.getProperty(key)));
        }
    }

    private void flatten(final Path file, final String section, final String prefix, final JsonNode node,
            final Map<String, String> flat) {
        if (node.isObject()) {
            final Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                final Map.Entry<String, JsonNode> field = fields.next();
                flatten(file, section, prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey(),
                        field.getValue(), flat);
            }
        } else if (node.isArray()) {
            throw new ConfigException("Config file '" + file + "': " + section + "." + prefix
                    + " is a list; write the value as one comma-separated string.");
        } else if (!node.isNull()) {
            flat.put(prefix, node.asText());
        }
    }

    private void putSection(final Path file, final String section, final Map<String, String> values) {
        final String origin = "file " + file.getFileName();
        if ("kafka".equals(section)) {
            values.forEach((key, value) -> overrideKafka(key, value, origin));
        } else if ("engine".equals(section)) {
            values.forEach((key, value) -> putEngine(key, value, origin,
                    "Config file '" + file + "': engine." + key));
        } else {
            throw new ConfigException("Config file '" + file + "': unknown section '" + section
                    + "'. Put engine settings under 'engine' and Kafka properties under 'kafka'.");
        }
    }

    private void readEnvironment(final Map<String, String> environment) {
        for (final Map.Entry<String, String> variable : new TreeMap<>(environment).entrySet()) {
            final String name = variable.getKey();
            if (name.startsWith(ENGINE_PREFIX)) {
                final String key = name.substring(ENGINE_PREFIX.length()).toLowerCase(Locale.ROOT).replace('_', '.');
                putEngine(key, variable.getValue(), "environment " + name, "Environment variable " + name);
            } else if (name.startsWith(KAFKA_PREFIX) && !KAFKA_SCRIPT_VARIABLES.contains(name)) {
                final String key = name.substring(KAFKA_PREFIX.length()).toLowerCase(Locale.ROOT).replace('_', '.');
                overrideKafka(key, variable.getValue(), "environment " + name);
            }
        }
    }

    private void putEngine(final String key, final String value, final String origin, final String place) {
        final EngineSetting setting = EngineSetting.byKey(key).orElseThrow(() -> new ConfigException(place
                + ": unknown engine setting '" + key + "'. Known settings: " + knownKeys() + "."));
        engine.put(setting, value);
        engineOrigins.put(setting, origin);
    }

    private void validate() {
        options();
        topics();
        integer(EngineSetting.HTTP_PORT);
        integer(EngineSetting.TOPIC_PARTITIONS);
        integer(EngineSetting.TOPIC_REPLICATION);
        duration(EngineSetting.SHUTDOWN_TIMEOUT);
    }

    private ConfigException bad(final EngineSetting setting, final String problem) {
        final String origin = engineOrigins.getOrDefault(setting, "default");
        return new ConfigException("Setting '" + setting.key() + "' (" + origin + "): " + problem + ". "
                + setting.description() + " Example: " + setting.key() + "=" + setting.defaultValue());
    }

    private static String knownKeys() {
        final StringBuilder keys = new StringBuilder();
        for (final EngineSetting setting : EngineSetting.values()) {
            keys.append(keys.length() == 0 ? "" : ", ").append(setting.key());
        }
        return keys.toString();
    }
}
