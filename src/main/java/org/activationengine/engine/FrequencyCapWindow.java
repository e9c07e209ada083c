package org.activationengine.engine;

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
        final List<Long> recent = state.getRecentCommandsAt();
        final long periodStart = at - cap.per().toMillis();
        recent.removeIf(sentAt -> sentAt <= periodStart);
        if (recent.size() >= cap.maxCommands()) {
            return false;
        }
        if (cap.maxCommands() != Integer.MAX_VALUE) {
            recent.add(at);
        }
        return true;
    }
}
