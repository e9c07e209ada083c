package org.activationengine.playbook;

import java.time.Duration;

/**
 * Fires once per user when the event has happened at least {@code atLeast} times within {@code within} of signup.
 *
 * @param id      the trigger id
 * @param event   the product event name
 * @param atLeast how many times the event must happen
 * @param within  the time since signup in which it must happen
 * @param message what to send
 */
public record ActionTrigger(String id, String event, int atLeast, Duration within, Message message)
        implements Trigger {
}
