package org.activationengine.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.activationengine.playbook.HoldoutAssigner;
import org.activationengine.playbook.PlaybookReader;
import org.activationengine.schema.Channel;
import org.activationengine.schema.CommandKind;
import org.activationengine.schema.ExperimentGroup;
import org.activationengine.schema.InterventionCommand;
import org.activationengine.schema.PersonaActivationCounts;
import org.activationengine.schema.UserActivationStatus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Proves that the engine, run with the example playbook against a real broker, turns Confluent-Avro signups and
 * product events into the commands, user statuses and persona counts downstream consumers read, including an
 * inactivity nudge driven by event time, the frequency cap and a silent holdout group.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EngineEndToEndIT {

    private static final String TEAM_LEAD_ANSWER = "Coordinate my team";

    private final Instant start = InputProducer.startOfStory();
    private final HoldoutAssigner holdout = new HoldoutAssigner(
            PlaybookReader.read(EngineTestbed.EXAMPLE_PLAYBOOK).holdout());
    private final String lead = user("lead", false);
    private final String quiet = user("quiet", false);
    private final String held = user("held", true);
    private final String wanderer = user("wanderer", false);

    private EngineTestbed testbed;
    private OutputRecords outputs;

    @BeforeAll
    void runTheStory(@TempDir final Path stateDir) {
        testbed = EngineTestbed.create("end-to-end", EngineTestbed.EXAMPLE_PLAYBOOK, stateDir);
        testbed.start();
        outputs = testbed.outputs();
        try (InputProducer inputs = testbed.inputs()) {
            inputs.signup(lead, TEAM_LEAD_ANSWER, start);
            inputs.signup(quiet, TEAM_LEAD_ANSWER, start);
            inputs.signup(held, TEAM_LEAD_ANSWER, start);
            inputs.signup(wanderer, "Something nobody listed", start);
            // Events follow once the signups are in, so each user's persona is known when their events arrive.
            outputs.eventually(read -> assertThat(read.status(held)).isPresent());

            inputs.event(held, "project_created", start.plus(Duration.ofHours(1)));
            inputs.event(lead, "project_created", start.plus(Duration.ofHours(1)));
            inputs.event(lead, "project_created", start.plus(Duration.ofHours(2)));
            inputs.event(lead, "project_created", start.plus(Duration.ofHours(3)));
            inputs.event(lead, "teammate_invited", start.plus(Duration.ofHours(4)));
            // The last event moves stream time 50 hours past the signups: the quiet user's deadlines have passed.
            inputs.event(wanderer, "project_created", start.plus(Duration.ofHours(50)));
        }
    }

    @AfterAll
    void stop() {
        if (outputs != null) {
            outputs.close();
        }
        if (testbed != null) {
            testbed.close();
        }
    }

    @Test
    void shouldWelcomeANewUserWithTheTemplateAndFirstStepOfTheirPersona() {
        outputs.eventually(read -> {
            assertThat(read.commandsFor(lead, "welcome")).singleElement().satisfies(welcome -> {
                assertThat(welcome.getChannel()).isEqualTo(Channel.EMAIL);
                assertThat(welcome.getTemplate()).isEqualTo("team-lead-welcome");
                assertThat(welcome.getPersona()).isEqualTo("team-lead");
                assertThat(welcome.getKind()).isEqualTo(CommandKind.WELCOME);
                assertThat(welcome.getNextStep()).isEqualTo("create-project");
                assertThat(welcome.getCausedAt()).isEqualTo(start);
            });
            assertThat(read.commandsFor(lead, "step:create-project")).singleElement()
                    .satisfies(tip -> assertThat(tip.getChannel()).isEqualTo(Channel.IN_APP))
                    .satisfies(tip -> assertThat(tip.getTemplate()).isEqualTo("tip-create-project"));
            assertThat(read.commandsFor(wanderer, "welcome")).singleElement()
                    .satisfies(welcome -> assertThat(welcome.getPersona()).isEqualTo("explorer"))
                    .satisfies(welcome -> assertThat(welcome.getTemplate()).isEqualTo("explorer-welcome"));
        });
    }

    @Test
    void shouldShowAnActivationInTheUserStatusAndThePersonaCounts() {
        final LocalDate cohort = LocalDate.ofInstant(start, ZoneOffset.UTC);
        outputs.eventually(read -> {
            final UserActivationStatus status = read.status(lead).orElseThrow();
            assertThat(status.getActivatedAt()).isEqualTo(start.plus(Duration.ofHours(4)));
            assertThat(status.getCompletedSteps()).containsExactly("create-project", "invite-teammate");
            assertThat(status.getNextStep()).isEqualTo("assign-task");
            assertThat(status.getGroup()).isEqualTo(ExperimentGroup.TREATMENT);

            final PersonaActivationCounts treatment = read.counts("team-lead", ExperimentGroup.TREATMENT, cohort)
                    .orElseThrow();
            assertThat(treatment.getSignups()).isEqualTo(2);
            assertThat(treatment.getActivated()).isEqualTo(1);
            assertThat(treatment.getActivationRate()).isEqualTo(0.5);
            final PersonaActivationCounts control = read.counts("team-lead", ExperimentGroup.HOLDOUT, cohort)
                    .orElseThrow();
            assertThat(control.getSignups()).isEqualTo(1);
            assertThat(control.getActivated()).isZero();
        });
    }

    @Test
    void shouldNudgeAUserWhoStaysQuietFor48HoursOfEventTime() {
        outputs.eventually(read -> assertThat(read.commandsFor(quiet, "quiet-48h")).singleElement()
                .satisfies(nudge -> {
                    assertThat(nudge.getChannel()).isEqualTo(Channel.EMAIL);
                    assertThat(nudge.getTemplate()).isEqualTo("team-lead-need-a-hand");
                    assertThat(nudge.getKind()).isEqualTo(CommandKind.INACTIVITY);
                    assertThat(nudge.getCausedAt()).isEqualTo(start.plus(Duration.ofHours(48)));
                    assertThat(nudge.getNextStep()).isEqualTo("create-project");
                }));
        assertThat(outputs.drain().commandsFor(quiet)).extracting(InterventionCommand::getTriggerId)
                .containsExactlyInAnyOrder("welcome", "step:create-project", "no-invite-yet", "quiet-48h");
    }

    @Test
    void shouldSendNothingToAHeldOutUser() {
        // The quiet user's nudge comes from the last record of the story, so once it is read the whole story is.
        outputs.eventually(read -> assertThat(read.commandsFor(quiet, "quiet-48h")).isNotEmpty());

        outputs.drain();
        assertThat(outputs.commandsFor(held)).isEmpty();
        assertThat(outputs.status(held)).get().satisfies(status -> {
            assertThat(status.getGroup()).isEqualTo(ExperimentGroup.HOLDOUT);
            assertThat(status.getCompletedSteps()).containsExactly("create-project");
        });
    }

    @Test
    void shouldHoldBackCommandsBeyondTheDailyCap() {
        outputs.eventually(read -> assertThat(read.status(lead).map(UserActivationStatus::getActivatedAt))
                .isPresent());

        // Two projects within a day earn 'early-momentum', but it would be the lead's fourth command that day.
        assertThat(outputs.drain().commandsFor(lead)).extracting(InterventionCommand::getTriggerId)
                .containsExactlyInAnyOrder("welcome", "step:create-project", "step:invite-teammate");
    }

    private String user(final String prefix, final boolean heldOut) {
        for (int i = 1; ; i++) {
            final String candidate = prefix + "-" + i;
            if (holdout.isHeldOut(candidate) == heldOut) {
                return candidate;
            }
        }
    }
}
