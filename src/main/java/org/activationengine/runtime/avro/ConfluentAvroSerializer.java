package org.activationengine.runtime.avro;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes generated Avro records in Confluent's wire format, byte for byte as Confluent's own serializer does,
 * registering (or only looking up) the writer schema under {@code <topic>-value} or {@code <topic>-key}.
 *
 * @param <T> the generated record type
 */
public class ConfluentAvroSerializer<T extends SpecificRecord> implements Serializer<T> {

    private SchemaRegistryClient registry;
    private boolean isKey;
    private boolean autoRegister;
    private final Map<TopicSchema, Integer> ids = new ConcurrentHashMap<>();
    private final Map<Schema, DatumWriter<T>> writers = new ConcurrentHashMap<>();

    /** For Kafka clients that create the serializer by class name; {@link #configure(Map, boolean)} must follow. */
    public ConfluentAvroSerializer() {
        this.autoRegister = true;
    }

    /**
     * @param registry where writer schemas are registered
     * @param isKey whether this serializer writes record keys (subject {@code <topic>-key})
     * @param autoRegister whether a schema not yet registered is registered (true) or fails serialization (false)
     */
    public ConfluentAvroSerializer(final SchemaRegistryClient registry, final boolean isKey,
            final boolean autoRegister) {
        this.registry = registry;
        this.isKey = isKey;
        this.autoRegister = autoRegister;
    }

    /**
     * Reads {@code schema.registry.*} and {@code auto.register.schemas} when this serializer was created without a
     * registry. A serializer built with a registry keeps its constructor's choices.
     */
    @Override
    public void configure(final Map<String, ?> configs, final boolean key) {
        if (registry != null) {
            return;
        }
        this.isKey = key;
        this.autoRegister = SchemaRegistrySettings.flag(configs, SchemaRegistrySettings.AUTO_REGISTER_SCHEMAS, true);
        this.registry = SchemaRegistryClients.fromSettings(configs);
    }

    @Override
    public byte[] serialize(final String topic, final T record) {
        if (record == null) {
            return null;
        }
        if (registry == null) {
            throw new SerializationException("Serializer for the " + ConfluentWireFormat.part(isKey)
                    + " of topic '" + topic + "' has no schema registry: configure '" + SchemaRegistrySettings.URL
                    + "' or pass a registry client");
        }

        final Schema schema = record.getSchema();
        final int id = schemaId(topic, schema);
        final ByteArrayOutputStream out = new ByteArrayOutputStream(64);
        out.write(ConfluentWireFormat.MAGIC_BYTE);
        out.write(id >>> 24);
        out.write(id >>> 16);
        out.write(id >>> 8);
        out.write(id);

        try {
            final BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
            writer(schema, record.getClass()).write(record, encoder);
            encoder.flush();
        } catch (final IOException | RuntimeException e) {
            // Avro reports a record that breaks its own schema (a null in a required field) as a runtime exception.
            throw new SerializationException("Cannot write the " + ConfluentWireFormat.part(isKey) + " of type '"
                    + schema.getFullName() + "' to topic '" + topic + "': " + e
                    + "; every required field must be set", e);
        }
        return out.toByteArray();
    }

    private int schemaId(final String topic, final Schema schema) {
        final TopicSchema key = new TopicSchema(topic, schema);
        final Integer cached = ids.get(key);
        if (cached != null) {
            return cached;
        }

        final String subject = ConfluentWireFormat.subject(topic, isKey);
        try {
            final int id = autoRegister ? registry.register(subject, schema) : registry.idOf(subject, schema);
            ids.put(key, id);
            return id;
        } catch (final SchemaRegistryException e) {
            throw new SerializationException("Cannot " + (autoRegister ? "register" : "find") + " the schema '"
                    + schema.getFullName() + "' under subject '" + subject + "' for topic '" + topic + "': "
                    + e.getMessage(), e);
        }
    }

    private DatumWriter<T> writer(final Schema schema, final Class<?> type) {
        // The generated class's own model carries its logical-type conversions (Instant, LocalDate).
        return writers.computeIfAbsent(schema, s -> new SpecificDatumWriter<>(s, SpecificData.getForClass(type)));
    }

    /** The key of the id cache: a writer schema on a topic. */
    private record TopicSchema(String topic, Schema schema) {
    }
}
