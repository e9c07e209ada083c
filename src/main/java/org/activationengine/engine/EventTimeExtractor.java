package org.activationengine.engine;

import org.activationengine.schema.ProductEvent;
import org.activationengine.schema.SignupAnswer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.processor.TimestampExtractor;

/**
 * Takes a record's time from its payload: when the user signed up or acted, not when the record was produced.
 * Stream time, and so every timer, then follows what users did, whatever the producers' clocks and delays.
 */
public final class EventTimeExtractor implements TimestampExtractor {

    @Override
    public long extract(final ConsumerRecord<Object, Object> record, final long partitionTime) {
        if (record.value() instanceof ProductEvent event) {
            return event.getOccurredAt().toEpochMilli();
        }
        if (record.value() instanceof SignupAnswer answer) {
            return answer.getSignedUpAt().toEpochMilli();
        }
        return record.timestamp();
    }
}
