package org.activationengine.runtime.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.activationengine.runtime.cli.InputFileException;
import org.activationengine.schema.ProductEvent;
import org.activationengine.schema.SignupAnswer;
import org.apache.avro.specific.SpecificRecord;

/**
 * Reads a JSON-lines history of signups and product events and sorts it by event time (stable, so records of the
 * same millisecond keep their file order). Line formats:
 * <pre>
 * {"type":"signup","userId":"u1","signedUpAt":"2026-03-02T09:00:00Z","questionId":"primary-goal",
 *  "answer":"Bill my clients","attributes":{"plan":"pro"}}
 * {"type":"event","eventId":"e1","userId":"u1","name":"client_added","occurredAt":"2026-03-02T09:05:00Z",
 *  "properties":{"source":"web"}}
 * </pre>
 * Times are ISO-8601 instants or epoch milliseconds; {@code answer}, {@code attributes} and {@code properties}
 * are optional.
 */
public final class ReplayInput {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * One input record.
     *
     * @param time  its event time in epoch milliseconds
     * @param key   the user id
     * @param value a {@link SignupAnswer} or a {@link ProductEvent}
     */
    public record Line(long time, String key, SpecificRecord value) {
    }

    private ReplayInput() {
    }

    /**
     * @param file the JSON-lines file
     * @return its records sorted by event time
     * @throws InputFileException naming the file, the line and the problem
     */
    public static List<Line> read(final Path file) {
        final List<Line> lines = new ArrayList<>();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String text;
            int number = 0;
            while ((text = reader.readLine()) != null) {
                number++;
                if (!text.isBlank()) {
                    lines.add(parse(file, number, text));
                }
            }
        } catch (final IOException e) {
            throw new InputFileException("Cannot read '" + file + "': " + e.getMessage());
        }
        lines.sort(Comparator.comparingLong(Line::time));
        return lines;
    }

    private static Line parse(final Path file, final int number, final String text) {
        final String where = file + ":" + number;
        final JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (final IOException e) {
            final String firstLine = e.getMessage().lines().findFirst().orElse("");
            throw new InputFileException(where + ": not valid JSON (" + firstLine + ").");
        }
        final String type = text(node, "type", where);
        if ("signup".equals(type)) {
            final Instant signedUpAt = time(node, "signedUpAt", where);
            final SignupAnswer answer = SignupAnswer.newBuilder()
                    .setUserId(text(node, "userId", where))
                    .setSignedUpAt(signedUpAt)
                    .setQuestionId(node.hasNonNull("questionId") ? node.get("questionId").asText() : "")
                    .setAnswer(node.hasNonNull("answer") ? node.get("answer").asText() : null)
                    .setAttributes(strings(node.get("attributes")))
                    .build();
            return new Line(signedUpAt.toEpochMilli(), answer.getUserId(), answer);
        }
        if ("event".equals(type)) {
            final Instant occurredAt = time(node, "occurredAt", where);
            final ProductEvent event = ProductEvent.newBuilder()
                    .setEventId(text(node, "eventId", where))
                    .setUserId(text(node, "userId", where))
                    .setName(text(node, "name", where))
                    .setOccurredAt(occurredAt)
                    .setProperties(strings(node.get("properties")))
                    .build();
            return new Line(occurredAt.toEpochMilli(), event.getUserId(), event);
        }
        throw new InputFileException(where + ": \"type\" is '" + type + "'; use \"signup\" or \"event\".");
    }

    private static String text(final JsonNode node, final String field, final String where) {
        final JsonNode value = node.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw new InputFileException(where + ": \"" + field + "\" is missing or not a non-empty string.");
        }
        return value.asText();
    }

    private static Instant time(final JsonNode node, final String field, final String where) {
        final JsonNode value = node.get(field);
        if (value != null && value.isIntegralNumber()) {
            return Instant.ofEpochMilli(value.asLong());
        }
        if (value != null && value.isTextual()) {
            try {
                return Instant.parse(value.asText());
            } catch (final DateTimeParseException e) {
                throw new InputFileException(where + ": \"" + field + "\" is '" + value.asText()
                        + "'; write an ISO-8601 instant such as 2026-03-02T09:00:00Z, or epoch milliseconds.");
            }
        }
        throw new InputFileException(where + ": \"" + field + "\" is missing; write an ISO-8601 instant such as "
                + "2026-03-02T09:00:00Z, or epoch milliseconds.");
    }

    private static Map<String, String> strings(final JsonNode node) {
        if (node == null || !node.isObject()) {
            return null;
        }
        final Map<String, String> map = new LinkedHashMap<>();
        final Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            final Map.Entry<String, JsonNode> field = fields.next();
            map.put(field.getKey(), field.getValue().asText());
        }
        return map;
    }
}
