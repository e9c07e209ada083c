package org.activationengine.runtime.avro;

import org.apache.avro.Schema;

/**
 * One version of a subject in the in-process registry: which schema, under which global id.
 *
 * @param subject the subject
 * @param version the version under the subject, from 1
 * @param id the global schema id
 * @param schema the schema
 */
public record RegisteredSchema(String subject, int version, int id, Schema schema) {
}
