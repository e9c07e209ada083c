package org.activationengine.runtime.avro;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;

/**
 * Makes the Confluent wire-format serdes of generated Avro classes, all bound to one schema registry, so the
 * topology names a serde by its class only.
 */
public final class AvroSerdes {

    private final SchemaRegistryClient registry;

    /**
     * @param registry the schema registry every serde uses
     */
    public AvroSerdes(final SchemaRegistryClient registry) {
        this.registry = registry;
    }

    /**
     * @param type the generated class
     * @param <T> the generated record type
     * @return a value serde that rejects null values
     */
    public <T extends SpecificRecord> Serde<T> value(final Class<T> type) {
        return ConfluentAvroSerde.forValue(type, registry);
    }

    /**
     * @param type the generated class
     * @param <T> the generated record type
     * @return a value serde that reads null values (tombstones) as null
     */
    public <T extends SpecificRecord> Serde<T> optionalValue(final Class<T> type) {
        return ConfluentAvroSerde.forOptionalValue(type, registry);
    }

    /**
     * @param type the generated class
     * @param <T> the generated record type
     * @return a key serde
     */
    public <T extends SpecificRecord> Serde<T> key(final Class<T> type) {
        return ConfluentAvroSerde.forKey(type, registry);
    }

    /**
     * @return the schema registry of these serdes
     */
    public SchemaRegistryClient registry() {
        return registry;
    }
}
