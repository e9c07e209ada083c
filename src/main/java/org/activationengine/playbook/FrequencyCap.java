package org.activationengine.playbook;

import java.time.Duration;

/**
 * At most {@code maxCommands} commands per user in any {@code per} period; commands over it are dropped.
 *
 * @param maxCommands the most commands allowed in a period
 * @param per         the length of the sliding period
 */
public record FrequencyCap(int maxCommands, Duration per) {

    /** No cap: practically unlimited. */
    public static final FrequencyCap NONE = new FrequencyCap(Integer.MAX_VALUE, Duration.ofMillis(1));
}
