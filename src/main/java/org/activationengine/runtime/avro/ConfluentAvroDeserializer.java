package org.activationengine.runtime.avro;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.avro.Schema;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads Confluent wire-format records into a generated Avro class, resolving the writer schema (fetched by the id
 * in the header) against the class's schema, so records written with an older or newer compatible schema still
 * read. Every failure, including a payload that is corrupt or in another format, is a {@link SerializationException}
 * naming the topic.
 *
 * <p>A corrupt length prefix inside a payload can make Avro allocate up to that length before it notices the
 * payload is too short; the JVM's {@code org.apache.avro.limits.*} system properties cap such allocations.
 *
 * @param <T> the generated record type
 */
public class ConfluentAvroDeserializer<T extends SpecificRecord> implements Deserializer<T> {

    private final Class<T> type;
    private SchemaRegistryClient registry;
    private boolean isKey;
    private boolean nullRequired;
    private final GeneratedClassModel model;
    private final Map<Integer, DatumReader<T>> readers = new ConcurrentHashMap<>();

    /**
     * For Kafka clients that create the deserializer by class name; {@link #configure(Map, boolean)} must follow.
     * The class to read is found from the writer schema's full name, which must match a generated class on the
     * classpath.
     */
    public ConfluentAvroDeserializer() {
        this(null, null, false, true);
    }

    /**
     * @param type the generated class to read into, or null to pick it from the writer schema's full name
     * @param registry where writer schemas are fetched by id
     * @param isKey whether this deserializer reads record keys (only changes messages)
     * @param nullRequired whether null data is an error (true) or reads as null (false, for tombstones)
     */
    public ConfluentAvroDeserializer(final Class<T> type, final SchemaRegistryClient registry, final boolean isKey,
            final boolean nullRequired) {
        this.type = type;
        this.registry = registry;
        this.isKey = isKey;
        this.nullRequired = nullRequired;
        this.model = type == null ? GeneratedClassModel.forLoader(Thread.currentThread().getContextClassLoader())
                : GeneratedClassModel.forClass(type);
    }

    /**
     * Reads {@code schema.registry.*} when this deserializer was created without a registry; keys may then be null,
     * values may not. A deserializer built with a registry keeps its constructor's choices.
     */
    @Override
    public void configure(final Map<String, ?> configs, final boolean key) {
        if (registry != null) {
            return;
        }
        this.isKey = key;
        this.nullRequired = !key;
        this.registry = SchemaRegistryClients.fromSettings(configs);
    }

    @Override
    public T deserialize(final String topic, final byte[] data) {
        if (data == null) {
            if (nullRequired) {
                throw new SerializationException("Null " + part() + " where a " + typeName() + " is required on topic '"
                        + topic + "'");
            }
            return null;
        }
        if (data.length < ConfluentWireFormat.HEADER_LENGTH) {
            throw new SerializationException("The " + part() + " on topic '" + topic + "' is " + data.length
                    + " bytes long, shorter than the 5-byte Confluent header: it is truncated or not in the "
                    + "Confluent wire format");
        }
        if (data[0] != ConfluentWireFormat.MAGIC_BYTE) {
            throw new SerializationException(String.format("Unknown magic byte 0x%02x in the %s on topic '%s': the %s"
                    + " is not in the Confluent wire format (it must start with 0x00 and a 4-byte schema id)",
                    data[0], part(), topic, part()));
        }

        final int id = ByteBuffer.wrap(data, 1, 4).getInt();
        final DatumReader<T> reader = reader(topic, id);
        try {
            final BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(data, ConfluentWireFormat.HEADER_LENGTH,
                    data.length - ConfluentWireFormat.HEADER_LENGTH, null);
            final T record = reader.read(null, decoder);
            if (!decoder.isEnd()) {
                throw new SerializationException("The " + part() + " on topic '" + topic + "' has bytes left after "
                        + "the record written with schema id " + id + ": the payload is corrupt or was written with "
                        + "a schema other than the one its header names");
            }
            return record;
        } catch (final SerializationException e) {
            throw e;
        } catch (final IOException | RuntimeException e) {
            // Corrupt or truncated payloads surface as EOF, Avro runtime or index exceptions: all are bad data.
            throw new SerializationException("Cannot read the " + part() + " on topic '" + topic + "' as "
                    + typeName() + " with schema id " + id + ": " + e
                    + "; the payload is truncated, corrupt, or its schema cannot be resolved to the reader's", e);
        }
    }

    private DatumReader<T> reader(final String topic, final int id) {
        final DatumReader<T> cached = readers.get(id);
        if (cached != null) {
            return cached;
        }

        if (registry == null) {
            throw new SerializationException("Deserializer for the " + part() + " of topic '" + topic
                    + "' has no schema registry: configure '" + SchemaRegistrySettings.URL
                    + "' or pass a registry client");
        }
        final Schema writer;
        try {
            writer = registry.schemaById(id);
        } catch (final SchemaRegistryException e) {
            throw new SerializationException("Cannot read the " + part() + " on topic '" + topic + "': schema id "
                    + id + " " + (e.isNotFound() ? "is unknown" : "could not be fetched") + " (" + e.getMessage()
                    + ")", e);
        }
        final DatumReader<T> reader = newReader(topic, id, writer);
        readers.putIfAbsent(id, reader);
        return reader;
    }

    private DatumReader<T> newReader(final String topic, final int id, final Schema writer) {
        if (type != null) {
            return new SpecificDatumReader<>(writer, model.getSchema(type), model);
        }
        final Class<?> generated = model.getClass(writer);
        if (generated == null || writer.getType() != Schema.Type.RECORD) {
            throw new SerializationException("Cannot read the " + part() + " on topic '" + topic + "': schema id "
                    + id + " names '" + writer.getFullName() + "', which is not a generated Avro class on the "
                    + "classpath");
        }
        return new SpecificDatumReader<>(writer, model.getSchema(generated), model);
    }

    private String part() {
        return ConfluentWireFormat.part(isKey);
    }

    private String typeName() {
        return type == null ? "record" : type.getSimpleName();
    }
}
