package org.activationengine.runtime.avro;

/**
 * The layout of Confluent's wire format: a zero magic byte, the writer schema's id as four big-endian bytes,
 * then the Avro binary encoding of the record.
 */
final class ConfluentWireFormat {

    /** The only magic byte Confluent has defined. */
    static final byte MAGIC_BYTE = 0;
    /** Magic byte and schema id. */
    static final int HEADER_LENGTH = 5;

    private ConfluentWireFormat() {
    }

    /**
     * @param isKey whether the data is a record key
     * @return {@code key} or {@code value}, for messages
     */
    static String part(final boolean isKey) {
        return isKey ? "key" : "value";
    }

    /**
     * @param topic the topic
     * @param isKey whether the subject is for record keys
     * @return the subject of the topic name strategy: {@code <topic>-key} or {@code <topic>-value}
     */
    static String subject(final String topic, final boolean isKey) {
        return topic + "-" + part(isKey);
    }
}
