package org.activationengine.playbook;

/** The delivery channel a playbook message is sent on; each has its own command topic. */
public enum Channel {
    EMAIL,
    IN_APP
}
