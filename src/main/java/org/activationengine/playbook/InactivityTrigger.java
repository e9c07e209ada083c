package org.activationengine.playbook;

import java.time.Duration;

/**
 * Fires when a user has done nothing for {@code inactiveFor} since their last activity (or since signup when
 * they never acted). Activity moves the deadline; it fires at most once per user.
 *
 * @param id          the trigger id
 * @param inactiveFor how long without activity
 * @param message     what to send
 */
public record InactivityTrigger(String id, Duration inactiveFor, Message message) implements Trigger {
}
