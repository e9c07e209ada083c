package org.activationengine.engine;

import org.activationengine.schema.ActivationCountDelta;
import org.activationengine.schema.InterventionCommand;
import org.activationengine.schema.UserActivationStatus;

/** What the activation processor emits; the topology routes each kind to its topic. */
public sealed interface EngineOutput {

    /**
     * A command for a downstream sender.
     *
     * @param command the command
     */
    record Command(InterventionCommand command) implements EngineOutput {
    }

    /**
     * A user's new status; a null status deletes it (tombstone).
     *
     * @param status the status, or null
     */
    record Status(UserActivationStatus status) implements EngineOutput {
    }

    /**
     * A change of one persona count, keyed by persona, group and cohort day.
     *
     * @param delta the change
     */
    record Count(ActivationCountDelta delta) implements EngineOutput {
    }
}
