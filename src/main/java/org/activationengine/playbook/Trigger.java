package org.activationengine.playbook;

/** A playbook rule that emits an intervention: on an action, or on inaction for a duration. */
public sealed interface Trigger permits ActionTrigger, InactivityTrigger, NotDoneTrigger {

    /** @return the trigger id, unique within its persona */
    String id();

    /** @return the message the trigger sends */
    Message message();
}
