package org.activationengine.engine;

import java.time.Duration;
import java.util.List;
import org.activationengine.playbook.ActionTrigger;
import org.activationengine.playbook.ActivationMoment;
import org.activationengine.playbook.Channel;
import org.activationengine.playbook.FrequencyCap;
import org.activationengine.playbook.Holdout;
import org.activationengine.playbook.InactivityTrigger;
import org.activationengine.playbook.Message;
import org.activationengine.playbook.Milestone;
import org.activationengine.playbook.NotDoneTrigger;
import org.activationengine.playbook.OnboardingStep;
import org.activationengine.playbook.Persona;
import org.activationengine.playbook.Playbook;

/** Playbooks built in code, so engine tests do not depend on the YAML reader. */
final class TestPlaybooks {

    private TestPlaybooks() {
    }

    /** Team lead (3 projects + an invite), freelancer (an invoice sent), explorer (default). No holdout, no cap. */
    static Playbook standard() {
        return withRules(Holdout.NONE, FrequencyCap.NONE);
    }

    static Playbook withRules(final Holdout holdout, final FrequencyCap cap) {
        final Persona teamLead = new Persona("team-lead", List.of("Coordinate my team", "Plan projects"), false,
                new ActivationMoment(List.of(new Milestone("project_created", 3),
                        new Milestone("teammate_invited", 1))),
                List.of(new OnboardingStep("create-project", "project_created",
                                new Message(Channel.IN_APP, "tip-create-project")),
                        new OnboardingStep("invite-teammate", "teammate_invited",
                                new Message(Channel.IN_APP, "tip-invite"))),
                new Message(Channel.EMAIL, "team-lead-welcome"),
                List.of(new ActionTrigger("early-momentum", "project_created", 2, Duration.ofHours(24),
                                new Message(Channel.IN_APP, "go-deeper")),
                        new InactivityTrigger("quiet-48h", Duration.ofHours(48),
                                new Message(Channel.EMAIL, "need-a-hand")),
                        new NotDoneTrigger("no-invite", "teammate_invited", Duration.ofHours(36),
                                new Message(Channel.EMAIL, "invite-reminder"))));
        final Persona freelancer = new Persona("freelancer", List.of("Bill my clients", "Send invoices"), false,
                new ActivationMoment(List.of(new Milestone("invoice_sent", 1))),
                List.of(new OnboardingStep("add-client", "client_added", null),
                        new OnboardingStep("send-invoice", "invoice_sent",
                                new Message(Channel.IN_APP, "tip-send-invoice"))),
                new Message(Channel.EMAIL, "freelancer-welcome"),
                List.of(new InactivityTrigger("quiet-48h", Duration.ofHours(48),
                        new Message(Channel.EMAIL, "freelancer-need-a-hand"))));
        final Persona explorer = new Persona("explorer", List.of("Just looking"), true,
                new ActivationMoment(List.of(new Milestone("project_created", 1))),
                List.of(), new Message(Channel.EMAIL, "explorer-welcome"), List.of());
        return new Playbook("test-playbook.yaml", "primary-goal", Duration.ofHours(72), Duration.ofHours(1),
                holdout, cap, 30, List.of(teamLead, freelancer, explorer));
    }
}
