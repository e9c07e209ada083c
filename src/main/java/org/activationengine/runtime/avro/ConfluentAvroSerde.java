package org.activationengine.runtime.avro;

import java.util.Map;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The serde of a generated Avro class in Confluent's wire format, pairing {@link ConfluentAvroSerializer} and
 * {@link ConfluentAvroDeserializer}. Build it with {@link #forValue}, {@link #forOptionalValue} or {@link #forKey};
 * the no-argument constructor is for Kafka's {@code configure}.
 *
 * @param <T> the generated record type
 */
public class ConfluentAvroSerde<T extends SpecificRecord> implements Serde<T> {

    private final ConfluentAvroSerializer<T> serializer;
    private final ConfluentAvroDeserializer<T> deserializer;

    /**
     * For Kafka clients that create the serde by class name; {@link #configure(Map, boolean)} must follow. The
     * class to read is found from the writer schema's full name.
     */
    public ConfluentAvroSerde() {
        this(new ConfluentAvroSerializer<>(), new ConfluentAvroDeserializer<>());
    }

    /**
     * @param type the generated class
     * @param registry the schema registry
     * @param isKey whether this serde is for record keys (subject {@code <topic>-key})
     * @param autoRegister whether the serializer registers a schema that is not yet registered
     * @param nullRequired whether the deserializer rejects null data (true) or reads it as null (false)
     */
    public ConfluentAvroSerde(final Class<T> type, final SchemaRegistryClient registry, final boolean isKey,
            final boolean autoRegister, final boolean nullRequired) {
        this(new ConfluentAvroSerializer<>(registry, isKey, autoRegister),
                new ConfluentAvroDeserializer<>(type, registry, isKey, nullRequired));
    }

    private ConfluentAvroSerde(final ConfluentAvroSerializer<T> serializer,
            final ConfluentAvroDeserializer<T> deserializer) {
        this.serializer = serializer;
        this.deserializer = deserializer;
    }

    /**
     * @param type the generated class
     * @param registry the schema registry
     * @param <T> the generated record type
     * @return a value serde that registers its schema under {@code <topic>-value} and rejects null values
     */
    public static <T extends SpecificRecord> ConfluentAvroSerde<T> forValue(final Class<T> type,
            final SchemaRegistryClient registry) {
        return new ConfluentAvroSerde<>(type, registry, false, true, true);
    }

    /**
     * @param type the generated class
     * @param registry the schema registry
     * @param <T> the generated record type
     * @return a value serde that reads null values (tombstones of compacted topics) as null
     */
    public static <T extends SpecificRecord> ConfluentAvroSerde<T> forOptionalValue(final Class<T> type,
            final SchemaRegistryClient registry) {
        return new ConfluentAvroSerde<>(type, registry, false, true, false);
    }

    /**
     * @param type the generated class
     * @param registry the schema registry
     * @param <T> the generated record type
     * @return a key serde that registers its schema under {@code <topic>-key} and reads null keys as null
     */
    public static <T extends SpecificRecord> ConfluentAvroSerde<T> forKey(final Class<T> type,
            final SchemaRegistryClient registry) {
        return new ConfluentAvroSerde<>(type, registry, true, true, false);
    }

    @Override
    public void configure(final Map<String, ?> configs, final boolean isKey) {
        serializer.configure(configs, isKey);
        deserializer.configure(configs, isKey);
    }

    @Override
    public Serializer<T> serializer() {
        return serializer;
    }

    @Override
    public Deserializer<T> deserializer() {
        return deserializer;
    }
}
