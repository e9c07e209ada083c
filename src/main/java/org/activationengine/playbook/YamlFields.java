package org.activationengine.playbook;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

/**
 * Typed access to the keys of a YAML mapping that reports every wrong, missing or unknown value with its path
 * and returns null instead of failing, so one pass over a playbook finds all of its problems.
 */
final class YamlFields {

    private final PlaybookProblems problems;

    YamlFields(final PlaybookProblems problems) {
        this.problems = problems;
    }

    static String child(final String path, final String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    static String element(final String path, final int index) {
        return path + "[" + index + "]";
    }

    /**
     * @return true when the node is a mapping; otherwise reports it with an example of what belongs there
     */
    boolean isMapping(final JsonNode node, final String path, final String example) {
        if (node.isObject()) {
            return true;
        }
        problems.error(path, "Expected a mapping of keys but found " + describe(node) + ". Write e.g. " + example
                + ".");
        return false;
    }

    /** Reports each key of the mapping that the format does not allow at this place. */
    void onlyKeys(final JsonNode mapping, final String path, final List<String> allowed) {
        final Iterator<String> names = mapping.fieldNames();
        while (names.hasNext()) {
            final String key = names.next();
            if (!allowed.contains(key)) {
                final String guess = PlaybookKeys.closest(key, allowed);
                final String fix = guess == null ? "Remove it" : "Did you mean '" + guess + "'? Otherwise remove it";
                problems.error(child(path, key), "Unknown key '" + key + "'. " + fix + "; allowed here: "
                        + String.join(", ", allowed) + ".");
            }
        }
    }

    /** @return true when the key is present with a value (an empty value counts as absent) */
    static boolean has(final JsonNode mapping, final String key) {
        final JsonNode value = mapping.get(key);
        return value != null && !value.isNull();
    }

    /** @return the value, or null when absent; reports it when required */
    JsonNode value(final JsonNode mapping, final String path, final String key, final boolean required) {
        if (has(mapping, key)) {
            return mapping.get(key);
        }
        if (required) {
            final String problem = mapping.has(key) ? "'" + key + "' has no value" : "Missing required key '" + key
                    + "'";
            problems.error(child(path, key), problem + ". Add it, e.g. '" + PlaybookKeys.example(key) + "'.");
        }
        return null;
    }

    /** @return the non-blank text, or null when absent or not usable (reported) */
    String text(final JsonNode mapping, final String path, final String key, final boolean required) {
        final JsonNode value = value(mapping, path, key, required);
        if (value == null) {
            return null;
        }
        final String where = child(path, key);
        if (!value.isValueNode()) {
            problems.error(where, "Expected text but found " + describe(value) + ". Write a single value, e.g. '"
                    + PlaybookKeys.example(key) + "'.");
            return null;
        }
        if (value.asText().isBlank()) {
            problems.error(where, "'" + key + "' is empty. Write a value, e.g. '" + PlaybookKeys.example(key)
                    + "'.");
            return null;
        }
        return value.asText().strip();
    }

    /** @return the whole number, {@code fallback} when absent and optional, or null when invalid (reported) */
    Integer whole(final JsonNode mapping, final String path, final String key, final Integer fallback,
            final int minimum) {
        final JsonNode value = value(mapping, path, key, fallback == null);
        if (value == null) {
            return fallback;
        }
        final String where = child(path, key);
        if (!value.canConvertToInt() || !value.isIntegralNumber()) {
            problems.error(where, "Expected a whole number but found " + describe(value) + ". Write e.g. '"
                    + PlaybookKeys.example(key) + "'.");
            return null;
        }
        if (value.intValue() < minimum) {
            problems.error(where, "'" + key + "' is " + value.intValue() + " but must be at least " + minimum
                    + ". Use " + minimum + " or more.");
            return null;
        }
        return value.intValue();
    }

    /** @return the number, or null when absent or invalid (reported when required or wrong) */
    Double number(final JsonNode mapping, final String path, final String key, final boolean required) {
        final JsonNode value = value(mapping, path, key, required);
        if (value == null) {
            return null;
        }
        if (!value.isNumber()) {
            problems.error(child(path, key), "Expected a number but found " + describe(value) + ". Write e.g. '"
                    + PlaybookKeys.example(key) + "'.");
            return null;
        }
        return value.doubleValue();
    }

    /** @return the true/false value, {@code fallback} when absent, or null when invalid (reported) */
    Boolean flag(final JsonNode mapping, final String path, final String key, final boolean fallback) {
        final JsonNode value = value(mapping, path, key, false);
        if (value == null) {
            return fallback;
        }
        if (!value.isBoolean()) {
            problems.error(child(path, key), "Expected true or false but found " + describe(value) + ". Write '"
                    + key + ": true' or '" + key + ": false'.");
            return null;
        }
        return value.booleanValue();
    }

    /** @return the positive duration, {@code fallback} when absent and optional, or null when invalid (reported) */
    Duration duration(final JsonNode mapping, final String path, final String key, final Duration fallback) {
        final JsonNode value = value(mapping, path, key, fallback == null);
        if (value == null) {
            return fallback;
        }
        final String where = child(path, key);
        if (value.isNumber()) {
            problems.error(where, "'" + value.asText() + "' has no unit. " + Durations.EXPECTED_FORMAT + ".");
            return null;
        }
        if (!value.isTextual()) {
            problems.error(where, "Expected a duration but found " + describe(value) + ". "
                    + Durations.EXPECTED_FORMAT + ".");
            return null;
        }
        final Duration duration;
        try {
            duration = Durations.parse(value.asText());
        } catch (final IllegalArgumentException e) {
            problems.error(where, e.getMessage() + ".");
            return null;
        }
        if (duration.isNegative() || duration.isZero()) {
            problems.error(where, "Duration '" + value.asText() + "' is not positive. Write a duration longer than "
                    + "zero, e.g. 48h.");
            return null;
        }
        return duration;
    }

    /** @return the channel, or null when invalid (reported); accepts any case and '-' for '_' */
    Channel channel(final JsonNode mapping, final String path, final String key) {
        final String text = text(mapping, path, key, true);
        if (text == null) {
            return null;
        }
        final String name = text.toUpperCase(Locale.ROOT).replace('-', '_');
        for (final Channel channel : Channel.values()) {
            if (channel.name().equals(name)) {
                return channel;
            }
        }
        problems.error(child(path, key), "Unknown channel '" + text + "'. Use one of: " + channelNames() + ".");
        return null;
    }

    /**
     * @return the elements of the list, an empty list when absent and optional, or null when absent and
     *         required or not a list (reported)
     */
    List<JsonNode> list(final JsonNode mapping, final String path, final String key, final boolean required) {
        final JsonNode value = value(mapping, path, key, required);
        if (value == null) {
            return required ? null : List.of();
        }
        if (!value.isArray()) {
            problems.error(child(path, key), "Expected a list but found " + describe(value) + ". Write each entry "
                    + "on its own line starting with '- ', or as [a, b].");
            return null;
        }
        final List<JsonNode> elements = new ArrayList<>();
        value.forEach(elements::add);
        return elements;
    }

    static String describe(final JsonNode node) {
        if (node.isObject()) {
            return "a mapping";
        }
        if (node.isArray()) {
            return "a list";
        }
        if (node.isNull()) {
            return "an empty value";
        }
        if (node.isBoolean()) {
            return node.asText();
        }
        if (node.isNumber()) {
            return "the number " + node.asText();
        }
        return "'" + node.asText() + "'";
    }

    private static String channelNames() {
        final List<String> names = new ArrayList<>();
        for (final Channel channel : Channel.values()) {
            names.add(channel.name());
        }
        return String.join(", ", names);
    }
}
