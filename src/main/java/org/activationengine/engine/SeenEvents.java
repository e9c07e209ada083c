package org.activationengine.engine;

import java.time.Duration;
import java.time.Instant;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * Remembers event ids for at least the dedupe retention, in a window store whose old segments are dropped whole,
 * so dedupe costs a bounded lookup per event and no cleanup pass.
 */
public final class SeenEvents {

    /**
     * Ids are filed under the day of their event, so a lookup visits a handful of day slots (retention / 1 day,
     * twice) whatever the store's segment layout, instead of every millisecond in the retention.
     */
    private static final long DAY = 86_400_000L;

    private final WindowStore<String, Long> store;
    private final Duration retention;

    /**
     * @param store     the window store, retention at least {@code retention}
     * @param retention how long an event id is remembered
     */
    public SeenEvents(final WindowStore<String, Long> store, final Duration retention) {
        this.store = store;
        this.retention = retention;
    }

    /**
     * Records an event id and tells whether it is new.
     *
     * @param userId     the user id (event ids are only compared within one user)
     * @param eventId    the event id
     * @param occurredAt the event time
     * @return true the first time the id is seen within the retention, false for a repeat
     */
    public boolean firstTime(final String userId, final String eventId, final long occurredAt) {
        final String key = userId + '\u0000' + eventId;
        final long day = Math.floorDiv(occurredAt, DAY) * DAY;
        final Instant from = Instant.ofEpochMilli(day).minus(retention);
        final Instant to = Instant.ofEpochMilli(day).plus(retention);
        try (WindowStoreIterator<Long> seen = store.fetch(key, from, to)) {
            if (seen.hasNext()) {
                return false;
            }
        }
        store.put(key, occurredAt, day);
        return true;
    }
}
