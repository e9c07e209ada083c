package org.activationengine.playbook;

import java.util.Objects;

/**
 * One distinct message a team writes and maintains (an "experience"): where it goes and which template it uses.
 *
 * @param channel  the channel a downstream sender delivers it on
 * @param template the template id the sender renders
 */
public record Message(Channel channel, String template) {

    /** Checks the parts are present; the reader reports user mistakes before this is reached. */
    public Message {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(template, "template");
    }
}
