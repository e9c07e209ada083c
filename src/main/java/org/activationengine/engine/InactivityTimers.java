package org.activationengine.engine;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Per-user timers in a key-value store ordered by due time: the key is the due time (8 bytes, big-endian, sign
 * flipped so byte order is numeric order) followed by the user id. Finding what is due is a range scan from the
 * resume point to "now", so a pass reads only due entries, however many users are waiting.
 *
 * <p>The resume point skips the entries a previous pass already deleted: RocksDB keeps deleted keys as tombstones
 * until compaction, and scanning from the start every time would walk over them again.
 */
public final class InactivityTimers {

    private static final byte[] NO_VALUE = new byte[0];

    private final KeyValueStore<Bytes, byte[]> store;
    private long resumeFrom = Long.MIN_VALUE;
    /**
     * No entry is due before this time (a lower bound; MIN_VALUE when unknown, e.g. after a restart), so calls
     * that cannot find anything new skip the store.
     */
    private long earliestDue = Long.MIN_VALUE;

    /**
     * A timer that is due.
     *
     * @param dueAt  when it was due
     * @param userId whose timer it is
     */
    public record Due(long dueAt, String userId) {
    }

    /**
     * @param store the timer store
     */
    public InactivityTimers(final KeyValueStore<Bytes, byte[]> store) {
        this.store = store;
    }

    /**
     * Moves a user's timer: deletes the entry at the old due time and adds one at the new due time.
     *
     * @param userId   the user id
     * @param oldDueAt the due time of the current entry, or null when there is none
     * @param newDueAt the new due time, or null to leave none
     */
    public void reschedule(final String userId, final Long oldDueAt, final Long newDueAt) {
        if (oldDueAt != null && oldDueAt.equals(newDueAt)) {
            return;
        }
        if (oldDueAt != null) {
            store.delete(key(oldDueAt, userId));
        }
        if (newDueAt != null) {
            store.put(key(newDueAt, userId), NO_VALUE);
            resumeFrom = Math.min(resumeFrom, newDueAt);
            earliestDue = Math.min(earliestDue, newDueAt);
        }
    }

    /**
     * Takes up to {@code max} timers due at or before {@code now}, deleting their entries. The caller schedules
     * again whatever must still happen later.
     *
     * @param now the engine time
     * @param max the most entries to take
     * @return the due timers, earliest first
     */
    public List<Due> takeDue(final long now, final int max) {
        if (now < earliestDue) {
            return List.of();
        }
        final List<Due> due = new ArrayList<>();
        try (KeyValueIterator<Bytes, byte[]> entries = store.range(bound(resumeFrom), bound(now + 1))) {
            while (due.size() < max && entries.hasNext()) {
                final KeyValue<Bytes, byte[]> entry = entries.next();
                due.add(decode(entry.key.get()));
            }
        }
        for (final Due timer : due) {
            store.delete(key(timer.dueAt(), timer.userId()));
        }
        if (due.size() < max) {
            resumeFrom = now + 1;
            earliestDue = now + 1;
        } else {
            resumeFrom = due.get(due.size() - 1).dueAt();
            earliestDue = resumeFrom;
        }
        return due;
    }

    static Bytes key(final long dueAt, final String userId) {
        final byte[] user = userId.getBytes(StandardCharsets.UTF_8);
        return Bytes.wrap(ByteBuffer.allocate(Long.BYTES + user.length).putLong(dueAt ^ Long.MIN_VALUE).put(user)
                .array());
    }

    private static Bytes bound(final long time) {
        return Bytes.wrap(ByteBuffer.allocate(Long.BYTES).putLong(time ^ Long.MIN_VALUE).array());
    }

    private static Due decode(final byte[] key) {
        final long dueAt = ByteBuffer.wrap(key, 0, Long.BYTES).getLong() ^ Long.MIN_VALUE;
        return new Due(dueAt, new String(key, Long.BYTES, key.length - Long.BYTES, StandardCharsets.UTF_8));
    }
}
