package org.activationengine.engine;

import java.time.Duration;
import org.activationengine.schema.ProductEvent;
import org.activationengine.schema.SignupAnswer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.processor.TimestampExtractor;

/**
 * Takes a record's time from its payload: when the user signed up or acted, not when the record was produced.
 * Stream time, and so every timer, then follows what users did, whatever the producers' clocks and delays.
 *
 * <p>A payload time further ahead of this machine's clock than {@link #MAX_AHEAD} would drag stream time into the
 * future and fire every user's deadlines at once, so such a record keeps the partition's current time here and
 * the activation processor sends it to the dead-letter topic.
 */
public final class EventTimeExtractor implements TimestampExtractor {

    /** How far ahead of the engine's clock an event time may be before it is refused. */
    public static final Duration MAX_AHEAD = Duration.ofDays(1);

    @Override
    public long extract(final ConsumerRecord<Object, Object> record, final long partitionTime) {
        final long payloadTime = payloadTime(record.value(), record.timestamp());
        if (isTooFarAhead(payloadTime)) {
            return partitionTime >= 0 ? partitionTime : Math.min(record.timestamp(), System.currentTimeMillis());
        }
        return payloadTime;
    }

    /**
     * @param eventTime an event time
     * @return true when it is more than {@link #MAX_AHEAD} ahead of this machine's clock
     */
    public static boolean isTooFarAhead(final long eventTime) {
        return eventTime > System.currentTimeMillis() + MAX_AHEAD.toMillis();
    }

    private static long payloadTime(final Object value, final long recordTime) {
        if (value instanceof ProductEvent event) {
            return event.getOccurredAt().toEpochMilli();
        }
        if (value instanceof SignupAnswer answer) {
            return answer.getSignedUpAt().toEpochMilli();
        }
        return recordTime;
    }
}
