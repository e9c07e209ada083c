package org.activationengine.playbook;

import java.time.Duration;

/**
 * Fires when a user has not done {@code event} within {@code within} of signup.
 *
 * @param id      the trigger id
 * @param event   the product event that should have happened
 * @param within  the time since signup allowed for it
 * @param message what to send
 */
public record NotDoneTrigger(String id, String event, Duration within, Message message) implements Trigger {
}
