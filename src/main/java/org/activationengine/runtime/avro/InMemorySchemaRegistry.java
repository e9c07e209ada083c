package org.activationengine.runtime.avro;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.avro.Schema;

/**
 * A schema registry held in memory, for tests, offline replay and the embedded mode. It assigns ids the way
 * Confluent's registry does: ids start at 1, are global, and the same schema gets the same id under every subject.
 *
 * <p>Two schemas are the same when their full JSON forms ({@link Schema#toString()}) are equal, so a change of a
 * default or a doc makes a new version, as in Confluent's registry. Compatibility is not checked: every new schema
 * becomes the next version of its subject whatever the subject's compatibility level.
 */
public final class InMemorySchemaRegistry implements SchemaRegistryClient {

    private final String name;
    private final Map<String, Integer> idsBySchema = new HashMap<>();
    private final Map<Integer, Schema> schemasById = new HashMap<>();
    private final Map<String, List<Integer>> versionsBySubject = new TreeMap<>();

    /** Creates an empty registry named {@code in-memory} in messages. */
    public InMemorySchemaRegistry() {
        this("in-memory");
    }

    /**
     * @param name how messages name this registry, such as {@code mock://engine}
     */
    public InMemorySchemaRegistry(final String name) {
        this.name = name;
    }

    @Override
    public synchronized int register(final String subject, final Schema schema) {
        final String json = schema.toString();
        final int id = idsBySchema.computeIfAbsent(json, key -> {
            final int next = idsBySchema.size() + 1;
            schemasById.put(next, schema);
            return next;
        });

        final List<Integer> versions = versionsBySubject.computeIfAbsent(subject, key -> new ArrayList<>());
        if (!versions.contains(id)) {
            versions.add(id);
        }
        return id;
    }

    @Override
    public synchronized int idOf(final String subject, final Schema schema) {
        return lookup(subject, schema).id();
    }

    /**
     * Finds a schema under a subject, with its version.
     *
     * @param subject the subject
     * @param schema the schema
     * @return the registered version
     * @throws SchemaRegistryException with {@link SchemaRegistryException#SUBJECT_NOT_FOUND} or
     *     {@link SchemaRegistryException#SCHEMA_NOT_FOUND} when absent
     */
    public synchronized RegisteredSchema lookup(final String subject, final Schema schema) {
        final List<Integer> versions = subjectVersions(subject);
        final Integer id = idsBySchema.get(schema.toString());
        final int index = id == null ? -1 : versions.indexOf(id);
        if (index < 0) {
            throw new SchemaRegistryException("Schema '" + schema.getFullName() + "' is not registered under subject '"
                    + subject + "' in schema registry '" + name + "': register it first or enable auto-registration",
                    SchemaRegistryException.SCHEMA_NOT_FOUND);
        }
        return new RegisteredSchema(subject, index + 1, id, schemasById.get(id));
    }

    @Override
    public synchronized Schema schemaById(final int id) {
        final Schema schema = schemasById.get(id);
        if (schema == null) {
            throw new SchemaRegistryException("Schema id " + id + " is unknown to schema registry '" + name
                    + "': the record was written against another registry, or this one lost its state",
                    SchemaRegistryException.SCHEMA_NOT_FOUND);
        }
        return schema;
    }

    /**
     * @return the subjects, in name order
     */
    public synchronized List<String> subjects() {
        return List.copyOf(versionsBySubject.keySet());
    }

    /**
     * @param subject the subject
     * @return its versions, 1 to the latest
     * @throws SchemaRegistryException with {@link SchemaRegistryException#SUBJECT_NOT_FOUND} when absent
     */
    public synchronized List<Integer> versions(final String subject) {
        final int count = subjectVersions(subject).size();
        final List<Integer> versions = new ArrayList<>(count);
        for (int version = 1; version <= count; version++) {
            versions.add(version);
        }
        return versions;
    }

    /**
     * @param subject the subject
     * @param version the version, from 1, or -1 for the latest
     * @return the schema registered as that version
     * @throws SchemaRegistryException with {@link SchemaRegistryException#SUBJECT_NOT_FOUND} or
     *     {@link SchemaRegistryException#VERSION_NOT_FOUND} when absent
     */
    public synchronized RegisteredSchema version(final String subject, final int version) {
        final List<Integer> versions = subjectVersions(subject);
        final int resolved = version == -1 ? versions.size() : version;
        if (resolved < 1 || resolved > versions.size()) {
            throw new SchemaRegistryException("Subject '" + subject + "' in schema registry '" + name
                    + "' has no version " + version + ": it has versions 1 to " + versions.size(),
                    SchemaRegistryException.VERSION_NOT_FOUND);
        }
        final int id = versions.get(resolved - 1);
        return new RegisteredSchema(subject, resolved, id, schemasById.get(id));
    }

    /**
     * @return how messages name this registry
     */
    public String name() {
        return name;
    }

    private List<Integer> subjectVersions(final String subject) {
        final List<Integer> versions = versionsBySubject.get(subject);
        if (versions == null) {
            throw new SchemaRegistryException("Subject '" + subject + "' does not exist in schema registry '" + name
                    + "': register a schema under it first", SchemaRegistryException.SUBJECT_NOT_FOUND);
        }
        return versions;
    }
}
