package org.activationengine.engine;

import java.util.List;
import java.util.Optional;
import org.activationengine.playbook.OnboardingStep;
import org.activationengine.playbook.Persona;
import org.activationengine.playbook.Playbook;
import org.activationengine.schema.ExperimentGroup;
import org.activationengine.schema.UserActivationStatus;
import org.activationengine.schema.UserState;

/**
 * Derives the status a user sees (persona, group, completed and next onboarding step) from the engine's internal
 * per-user state, so the status topic and the HTTP API answer the same thing.
 */
public final class UserStatuses {

    private UserStatuses() {
    }

    /**
     * @param playbook the playbook the engine runs, for the persona's onboarding steps
     * @param userId   the user id
     * @param state    the user's state from the user store
     * @return the user's status
     */
    public static UserActivationStatus of(final Playbook playbook, final String userId, final UserState state) {
        // Steps and group read only the playbook, never the engine options, so the defaults are as good as any.
        return of(new ActivationRules(playbook, EngineOptions.defaults()), userId, state);
    }

    static UserActivationStatus of(final ActivationRules rules, final String userId, final UserState state) {
        final Optional<Persona> persona = rules.persona(state);
        return UserActivationStatus.newBuilder()
                .setUserId(userId)
                .setPersona(state.getPersona())
                .setGroup(state.getPersona() == null ? null : group(state))
                .setSignedUpAt(state.getSignedUpAt())
                .setActivatedAt(state.getActivatedAt())
                .setCompletedSteps(persona.map(p -> rules.completedSteps(state, p)).orElseGet(List::of))
                .setNextStep(persona.flatMap(p -> rules.nextStep(state, p)).map(OnboardingStep::id).orElse(null))
                .setLastActivityAt(state.getLastActivityAt())
                .build();
    }

    static ExperimentGroup group(final UserState state) {
        return state.getHoldout() ? ExperimentGroup.HOLDOUT : ExperimentGroup.TREATMENT;
    }
}
