package org.activationengine.runtime.avro;

/**
 * Raised when a schema registry, remote or in-process, cannot answer a request: unreachable, rejected the
 * credentials, does not know a subject or id, or refused a schema. The message names the registry, the subject
 * or id, and what to do.
 */
public class SchemaRegistryException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Confluent error code of a subject that does not exist. */
    public static final int SUBJECT_NOT_FOUND = 40401;
    /** Confluent error code of a version that does not exist under a subject. */
    public static final int VERSION_NOT_FOUND = 40402;
    /** Confluent error code of a schema (by id, or by content under a subject) that does not exist. */
    public static final int SCHEMA_NOT_FOUND = 40403;
    /** Confluent error code of a schema the registry cannot parse. */
    public static final int INVALID_SCHEMA = 42201;
    /** Confluent error code of a version that is neither a positive number nor {@code latest}. */
    public static final int INVALID_VERSION = 42202;

    private final int errorCode;

    /**
     * @param message what failed, naming the registry, subject or id, and what to do
     */
    public SchemaRegistryException(final String message) {
        this(message, 0, null);
    }

    /**
     * @param message what failed, naming the registry, subject or id, and what to do
     * @param cause the underlying failure
     */
    public SchemaRegistryException(final String message, final Throwable cause) {
        this(message, 0, cause);
    }

    /**
     * @param message what failed, naming the registry, subject or id, and what to do
     * @param errorCode the Confluent error code (such as {@link #SCHEMA_NOT_FOUND}), 0 when there is none
     */
    public SchemaRegistryException(final String message, final int errorCode) {
        this(message, errorCode, null);
    }

    /**
     * @param message what failed, naming the registry, subject or id, and what to do
     * @param errorCode the Confluent error code, 0 when there is none
     * @param cause the underlying failure, or null
     */
    public SchemaRegistryException(final String message, final int errorCode, final Throwable cause) {
        super(message, cause);
        this.errorCode = errorCode;
    }

    /**
     * @return the Confluent error code ({@code 40403} for an unknown schema and so on), 0 when there is none
     */
    public int errorCode() {
        return errorCode;
    }

    /**
     * @return true when the registry answered that the subject, version or schema does not exist
     */
    public boolean isNotFound() {
        return errorCode / 100 == 404;
    }
}
