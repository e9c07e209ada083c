package org.activationengine.engine;

import org.activationengine.playbook.Message;
import org.activationengine.schema.CommandKind;

/**
 * A rule's decision to reach a user, before holdout and frequency cap are applied.
 *
 * @param markerId  the key under which the user's state counts how often it fired ({@code welcome},
 *                  {@code step:<id>} or the trigger id)
 * @param triggerId the id reported on the command
 * @param kind      the kind of rule
 * @param message   channel and template
 * @param causedAt  event time of the cause: the event, or the deadline that passed
 * @param reason    a human-readable explanation
 */
record Intervention(String markerId, String triggerId, CommandKind kind, Message message, long causedAt,
        String reason) {
}
