package org.activationengine.engine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.activationengine.playbook.ActionTrigger;
import org.activationengine.playbook.Durations;
import org.activationengine.playbook.InactivityTrigger;
import org.activationengine.playbook.NotDoneTrigger;
import org.activationengine.playbook.OnboardingStep;
import org.activationengine.playbook.Persona;
import org.activationengine.playbook.Playbook;
import org.activationengine.playbook.PlaybookLinter;
import org.activationengine.playbook.Trigger;
import org.activationengine.schema.CommandKind;
import org.activationengine.schema.UserState;

/**
 * The playbook's rules applied to one user's state: what counts, what is done, what is due and when the user's
 * next deadline is. Pure functions of the state and the time, so the processor stays about stores and outputs.
 *
 * <p>The window rule: the activation window opens at the anchor (the signup time from the answer, or the first
 * record seen when no answer came) and lasts the playbook's {@code activationWindow}. Events inside it count
 * toward activation, steps and action triggers; no intervention is sent after it closes.
 */
final class ActivationRules {

    static final String WELCOME = PlaybookLinter.WELCOME_ID;
    static final String STEP_PREFIX = PlaybookLinter.STEP_MARKER_PREFIX;

    private final Playbook playbook;
    private final EngineOptions options;
    private final Map<String, Persona> personasById = new HashMap<>();
    private final Set<String> eventNames;

    ActivationRules(final Playbook playbook, final EngineOptions options) {
        this.playbook = playbook;
        this.options = options;
        playbook.personas().forEach(persona -> personasById.put(persona.id(), persona));
        this.eventNames = playbook.eventNames();
    }

    Playbook playbook() {
        return playbook;
    }

    long anchor(final UserState state) {
        return state.getSignedUpAt() != null ? state.getSignedUpAt().toEpochMilli()
                : state.getFirstSeenAt().toEpochMilli();
    }

    long windowEnd(final UserState state) {
        return anchor(state) + playbook.activationWindow().toMillis();
    }

    Optional<Persona> persona(final UserState state) {
        return state.getPersona() == null ? Optional.empty()
                : Optional.ofNullable(personasById.get(state.getPersona()));
    }

    boolean isLate(final long occurredAt, final long streamTime) {
        return streamTime != Long.MIN_VALUE && occurredAt < streamTime - playbook.activationWindow().toMillis();
    }

    boolean countsToward(final UserState state, final String event, final long occurredAt) {
        return eventNames.contains(event) && occurredAt <= windowEnd(state);
    }

    int count(final UserState state, final String event) {
        final Integer count = state.getEventCounts().get(event);
        return count == null ? 0 : count;
    }

    List<String> completedSteps(final UserState state, final Persona persona) {
        final List<String> done = new ArrayList<>();
        for (final OnboardingStep step : persona.steps()) {
            if (count(state, step.event()) > 0) {
                done.add(step.id());
            }
        }
        return done;
    }

    Optional<OnboardingStep> nextStep(final UserState state, final Persona persona) {
        return persona.steps().stream().filter(step -> count(state, step.event()) == 0).findFirst();
    }

    boolean reachedActivation(final UserState state, final Persona persona) {
        return persona.activation().reachedBy(event -> count(state, event));
    }

    int fired(final UserState state, final String markerId) {
        final Integer fired = state.getFired().get(markerId);
        return fired == null ? 0 : fired;
    }

    /** The prompt of the current next step, when it has one that was not sent yet. */
    Optional<Intervention> stepPrompt(final UserState state, final Persona persona, final long at) {
        return nextStep(state, persona)
                .filter(step -> step.prompt() != null && fired(state, STEP_PREFIX + step.id()) == 0)
                .map(step -> new Intervention(STEP_PREFIX + step.id(), STEP_PREFIX + step.id(),
                        CommandKind.ONBOARDING_STEP, step.prompt(), at,
                        "onboarding step '" + step.id() + "' is next"));
    }

    /** Action triggers whose condition holds now and that have not fired yet. */
    List<Intervention> actionsReady(final UserState state, final Persona persona, final long at) {
        final List<Intervention> ready = new ArrayList<>();
        for (final Trigger trigger : persona.triggers()) {
            if (trigger instanceof ActionTrigger action && fired(state, action.id()) == 0
                    && at <= anchor(state) + action.within().toMillis()
                    && count(state, action.event()) >= action.atLeast()) {
                ready.add(new Intervention(action.id(), action.id(), CommandKind.ACTION, action.message(), at,
                        "'" + action.event() + "' happened " + count(state, action.event()) + " times within "
                                + Durations.format(action.within()) + " of signup"));
            }
        }
        return ready;
    }

    /** Inaction triggers whose deadline has passed at {@code now} and that have not fired yet. */
    List<Intervention> inactionDue(final UserState state, final Persona persona, final long now) {
        final List<Intervention> due = new ArrayList<>();
        for (final Trigger trigger : persona.triggers()) {
            final long deadline = deadline(state, trigger);
            if (deadline <= now && deadline <= windowEnd(state) && fired(state, trigger.id()) == 0) {
                due.add(inaction(state, trigger, deadline));
            }
        }
        return due;
    }

    /**
     * The user's next deadline: answer timeout while the persona is unknown, pending inaction triggers while not
     * activated and the window is open, and always the retention deadline.
     */
    long nextDueAt(final UserState state) {
        long next = retentionDeadline(state);
        if (state.getPersona() == null) {
            return Math.min(next, state.getFirstSeenAt().toEpochMilli() + playbook.answerTimeout().toMillis());
        }
        final Optional<Persona> persona = persona(state);
        if (state.getActivatedAt() != null || persona.isEmpty()) {
            return next;
        }
        for (final Trigger trigger : persona.get().triggers()) {
            final long deadline = deadline(state, trigger);
            if (deadline <= windowEnd(state) && fired(state, trigger.id()) == 0) {
                next = Math.min(next, deadline);
            }
        }
        return next;
    }

    long retentionDeadline(final UserState state) {
        return lastActivityOrAnchor(state) + options.retention().toMillis();
    }

    boolean answerTimedOut(final UserState state, final long now) {
        return state.getPersona() == null
                && state.getFirstSeenAt().toEpochMilli() + playbook.answerTimeout().toMillis() <= now;
    }

    private long deadline(final UserState state, final Trigger trigger) {
        if (trigger instanceof InactivityTrigger inactivity) {
            return lastActivityOrAnchor(state) + inactivity.inactiveFor().toMillis();
        }
        if (trigger instanceof NotDoneTrigger notDone && count(state, notDone.event()) == 0) {
            return anchor(state) + notDone.within().toMillis();
        }
        return Long.MAX_VALUE;
    }

    /** The user's latest activity, or the window's anchor when they have done nothing since. */
    long lastActivityOrAnchor(final UserState state) {
        return state.getLastActivityAt() == null ? anchor(state)
                : Math.max(anchor(state), state.getLastActivityAt().toEpochMilli());
    }

    private Intervention inaction(final UserState state, final Trigger trigger, final long deadline) {
        if (trigger instanceof InactivityTrigger inactivity) {
            return new Intervention(trigger.id(), trigger.id(), CommandKind.INACTIVITY, trigger.message(), deadline,
                    "no activity for " + Durations.format(inactivity.inactiveFor()) + " since "
                            + Instant.ofEpochMilli(lastActivityOrAnchor(state)));
        }
        final NotDoneTrigger notDone = (NotDoneTrigger) trigger;
        return new Intervention(trigger.id(), trigger.id(), CommandKind.NOT_DONE, trigger.message(), deadline,
                "'" + notDone.event() + "' not done within " + Durations.format(notDone.within()) + " of signup");
    }
}
