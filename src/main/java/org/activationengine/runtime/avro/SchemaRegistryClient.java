package org.activationengine.runtime.avro;

import org.apache.avro.Schema;

/**
 * The part of a Confluent-compatible schema registry the Avro serdes need: register a writer schema under a
 * subject, look its id up, and fetch a writer schema by id. Implementations are thread-safe.
 */
public interface SchemaRegistryClient {

    /**
     * Registers a schema under a subject, or returns the id it already has there.
     *
     * @param subject the subject, such as {@code product-events-value}
     * @param schema the Avro schema
     * @return the global schema id
     * @throws SchemaRegistryException when the registry refuses or cannot be reached
     */
    int register(String subject, Schema schema);

    /**
     * Finds the id of a schema already registered under a subject, without registering it.
     *
     * @param subject the subject
     * @param schema the Avro schema
     * @return the global schema id
     * @throws SchemaRegistryException when the schema is not registered under the subject
     *     ({@link SchemaRegistryException#isNotFound()}) or the registry cannot be reached
     */
    int idOf(String subject, Schema schema);

    /**
     * Fetches a schema by its global id.
     *
     * @param id the global schema id, as written in the Confluent wire header
     * @return the schema
     * @throws SchemaRegistryException when the id is unknown ({@link SchemaRegistryException#isNotFound()}) or the
     *     registry cannot be reached
     */
    Schema schemaById(int id);
}
