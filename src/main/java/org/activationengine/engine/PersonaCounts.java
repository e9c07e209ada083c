package org.activationengine.engine;

import org.activationengine.schema.ActivationCountDelta;
import org.activationengine.schema.PersonaActivationCounts;

/** Adds count changes to the running counts of one persona, group and cohort day. */
final class PersonaCounts {

    private PersonaCounts() {
    }

    /**
     * @param counts the counts so far, or null for the first change
     * @param delta  the change
     * @return the new counts with the activation rate recomputed
     */
    static PersonaActivationCounts add(final PersonaActivationCounts counts, final ActivationCountDelta delta) {
        final long signups = (counts == null ? 0 : counts.getSignups()) + delta.getSignups();
        final long activated = (counts == null ? 0 : counts.getActivated()) + delta.getActivated();
        final long commands = (counts == null ? 0 : counts.getCommandsSent()) + delta.getCommandsSent();
        return PersonaActivationCounts.newBuilder()
                .setPersona(delta.getPersona())
                .setGroup(delta.getGroup())
                .setCohortDay(delta.getCohortDay())
                .setSignups(signups)
                .setActivated(activated)
                .setActivationRate(signups == 0 ? 0.0 : (double) activated / signups)
                .setCommandsSent(commands)
                .build();
    }
}
