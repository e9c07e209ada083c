package org.activationengine.engine;

import java.util.ArrayList;
import java.util.List;
import org.activationengine.playbook.FrequencyCap;
import org.activationengine.schema.UserState;

/**
 * Applies the playbook's frequency cap as a sliding window over the times of the user's recent commands, kept in
 * the user's state (at most {@code maxCommands} entries).
 */
final class FrequencyCapWindow {

    private FrequencyCapWindow() {
    }

    /**
     * Admits a command at {@code at} if the cap allows it, and records it.
     *
     * @param state the user's state
     * @param cap   the playbook's cap
     * @param at    the command's event time
     * @return true when the command may be sent
     */
    static boolean admit(final UserState state, final FrequencyCap cap, final long at) {
        if (cap.maxCommands() == Integer.MAX_VALUE) {
            return true;
        }
        final long periodStart = at - cap.per().toMillis();
        // A copy, not removeIf: lists read back from the store are Avro arrays, whose iterators cannot remove.
        final List<Long> recent = new ArrayList<>(state.getRecentCommandsAt().size() + 1);
        for (final Long sentAt : state.getRecentCommandsAt()) {
            if (sentAt > periodStart) {
                recent.add(sentAt);
            }
        }
        final boolean admitted = recent.size() < cap.maxCommands();
        if (admitted) {
            recent.add(at);
        }
        state.setRecentCommandsAt(recent);
        return admitted;
    }
}
