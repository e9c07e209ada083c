package org.activationengine.playbook;

import java.util.List;
import java.util.function.ToIntFunction;

/**
 * A persona's definition of first value: every milestone must be reached inside the activation window.
 *
 * @param milestones the milestones, all required
 */
public record ActivationMoment(List<Milestone> milestones) {

    /** Copies the list so the moment is immutable. */
    public ActivationMoment {
        milestones = List.copyOf(milestones);
    }

    /**
     * Tells whether a user with these event counts has reached the moment.
     *
     * @param countOfEvent how many times the user did a named event
     * @return true when every milestone is reached
     */
    public boolean reachedBy(final ToIntFunction<String> countOfEvent) {
        for (final Milestone milestone : milestones) {
            if (!milestone.reachedBy(countOfEvent.applyAsInt(milestone.event()))) {
                return false;
            }
        }
        return true;
    }
}
