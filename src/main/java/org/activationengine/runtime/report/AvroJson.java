package org.activationengine.runtime.report;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;

/**
 * Turns generated Avro records into plain maps for JSON output: times as ISO-8601 strings, dates as
 * {@code yyyy-MM-dd}, enums by name, fields in schema order. Used by replay output and the HTTP API.
 */
public final class AvroJson {

    private AvroJson() {
    }

    /**
     * @param record a generated record, or null
     * @return its fields as a map, or null
     */
    public static Map<String, Object> toMap(final SpecificRecord record) {
        if (record == null) {
            return null;
        }
        final Map<String, Object> map = new LinkedHashMap<>();
        for (final Schema.Field field : record.getSchema().getFields()) {
            map.put(field.name(), plain(record.get(field.pos())));
        }
        return map;
    }

    private static Object plain(final Object value) {
        if (value instanceof Instant || value instanceof LocalDate || value instanceof Enum<?>
                || value instanceof CharSequence) {
            return value.toString();
        }
        if (value instanceof SpecificRecord nested) {
            return toMap(nested);
        }
        if (value instanceof List<?> list) {
            final List<Object> copy = new ArrayList<>(list.size());
            list.forEach(item -> copy.add(plain(item)));
            return copy;
        }
        if (value instanceof Map<?, ?> entries) {
            final Map<String, Object> copy = new LinkedHashMap<>();
            entries.forEach((key, item) -> copy.put(key.toString(), plain(item)));
            return copy;
        }
        return value;
    }
}
