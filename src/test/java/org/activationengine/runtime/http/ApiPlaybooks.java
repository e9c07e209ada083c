package org.activationengine.runtime.http;

import java.time.Duration;
import java.util.List;
import org.activationengine.playbook.ActivationMoment;
import org.activationengine.playbook.Channel;
import org.activationengine.playbook.FrequencyCap;
import org.activationengine.playbook.Holdout;
import org.activationengine.playbook.Message;
import org.activationengine.playbook.Milestone;
import org.activationengine.playbook.OnboardingStep;
import org.activationengine.playbook.Persona;
import org.activationengine.playbook.Playbook;

/** A small playbook built in code for the HTTP API tests: a team lead with two steps and a default explorer. */
final class ApiPlaybooks {

    static final String TEAM_LEAD_ANSWER = "Coordinate my team";
    static final String EXPLORER_ANSWER = "Just looking";

    private ApiPlaybooks() {
    }

    static Playbook twoPersonas() {
        final Persona teamLead = new Persona("team-lead", List.of(TEAM_LEAD_ANSWER), false,
                new ActivationMoment(List.of(new Milestone("project_created", 3))),
                List.of(new OnboardingStep("create-project", "project_created", null),
                        new OnboardingStep("invite-teammate", "teammate_invited", null)),
                new Message(Channel.EMAIL, "team-lead-welcome"), List.of());
        final Persona explorer = new Persona("explorer", List.of(EXPLORER_ANSWER), true,
                new ActivationMoment(List.of(new Milestone("project_created", 1))),
                List.of(), new Message(Channel.EMAIL, "explorer-welcome"), List.of());
        return new Playbook("api-test-playbook.yaml", "primary-goal", Duration.ofHours(72), Duration.ofHours(1),
                Holdout.NONE, FrequencyCap.NONE, 30, List.of(teamLead, explorer));
    }
}
