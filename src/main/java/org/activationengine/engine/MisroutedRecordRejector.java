package org.activationengine.engine;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Refuses an input record whose key is missing or differs from its payload's user id. The exception goes to the
 * processing exception handler, which sends the record to the dead-letter topic with the cause.
 *
 * @param <V> the record value type
 */
final class MisroutedRecordRejector<V> implements Processor<String, V, Void, Void> {

    @Override
    public void process(final Record<String, V> record) {
        throw new MisroutedRecordException("The record key '" + record.key() + "' is not the payload's user id. "
                + "Produce with the user id as key, or set 'misrouted.records' to 'repartition'");
    }

    /** The record's key does not route it to its user's partition. */
    static final class MisroutedRecordException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        MisroutedRecordException(final String message) {
            super(message);
        }
    }
}
