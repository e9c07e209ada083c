package org.activationengine.playbook;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A segment of users with its own onboarding path: the answers that select it, its activation moment,
 * ordered onboarding steps, welcome message and triggers.
 *
 * @param id         the persona id
 * @param answers    the qualifying answers that map to it (matched ignoring case and surrounding space)
 * @param isDefault  true for the one persona that catches missing or unknown answers
 * @param activation the activation moment
 * @param steps      the onboarding steps in order
 * @param welcome    the welcome message, sent when the persona is assigned; may be null
 * @param triggers   the triggers
 */
public record Persona(String id, List<String> answers, boolean isDefault, ActivationMoment activation,
        List<OnboardingStep> steps, Message welcome, List<Trigger> triggers) {

    /** Copies the lists so a persona is immutable. */
    public Persona {
        answers = List.copyOf(answers);
        steps = List.copyOf(steps);
        triggers = List.copyOf(triggers);
    }

    /** @return the welcome message, when the persona has one */
    public Optional<Message> welcomeMessage() {
        return Optional.ofNullable(welcome);
    }

    /**
     * Counts the distinct messages this persona makes a team write: welcome, step prompts and triggers.
     *
     * @return the number of experiences
     */
    public int experienceCount() {
        int count = welcome == null ? 0 : 1;
        for (final OnboardingStep step : steps) {
            count += step.prompt() == null ? 0 : 1;
        }
        return count + triggers.size();
    }

    /**
     * Lists the event names this persona's rules react to.
     *
     * @return activation, step and trigger events, without duplicates, in playbook order
     */
    public List<String> eventNames() {
        final List<String> names = new ArrayList<>();
        activation.milestones().forEach(milestone -> addOnce(names, milestone.event()));
        steps.forEach(step -> addOnce(names, step.event()));
        for (final Trigger trigger : triggers) {
            if (trigger instanceof ActionTrigger action) {
                addOnce(names, action.event());
            } else if (trigger instanceof NotDoneTrigger notDone) {
                addOnce(names, notDone.event());
            }
        }
        return names;
    }

    private static void addOnce(final List<String> names, final String name) {
        if (!names.contains(name)) {
            names.add(name);
        }
    }
}
