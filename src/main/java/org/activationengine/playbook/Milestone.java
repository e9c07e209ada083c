package org.activationengine.playbook;

/**
 * Part of an activation moment: the named event happened at least {@code atLeast} times.
 *
 * @param event   the product event name
 * @param atLeast how many times it must happen (1 or more)
 */
public record Milestone(String event, int atLeast) {

    /**
     * Tells whether the milestone holds for a count of its event.
     *
     * @param count how many times the event happened
     * @return true when the count reaches {@link #atLeast()}
     */
    public boolean reachedBy(final int count) {
        return count >= atLeast;
    }
}
