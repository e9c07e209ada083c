package org.activationengine.engine;

import static java.time.Duration.ofHours;
import static java.time.Duration.ofMinutes;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.activationengine.playbook.FrequencyCap;
import org.activationengine.playbook.Holdout;
import org.activationengine.playbook.Playbook;
import org.activationengine.schema.CommandKind;
import org.activationengine.schema.ExperimentGroup;
import org.activationengine.schema.InterventionCommand;
import org.activationengine.schema.PersonaActivationCounts;
import org.activationengine.schema.ProductEvent;
import org.activationengine.schema.UserActivationStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ActivationTopologyTest {

    @TempDir
    Path stateDir;

    private EngineHarness engine;

    private EngineHarness start(final Playbook playbook) {
        engine = new EngineHarness(playbook, stateDir);
        return engine;
    }

    @AfterEach
    void close() {
        if (engine != null) {
            engine.close();
        }
    }

    @Test
    void shouldRouteAKnownAnswerToItsPersonaIgnoringCaseAndSpace() {
        start(TestPlaybooks.standard()).signup("u1", "  bill MY clients ", Duration.ZERO);

        assertThat(engine.statuses().get("u1").getPersona()).isEqualTo("freelancer");
        assertThat(engine.commandsFor("u1")).extracting(InterventionCommand::getTemplate)
                .containsExactly("freelancer-welcome");
    }

    @Test
    void shouldRouteUnknownAndMissingAnswersToTheDefaultPersona() {
        start(TestPlaybooks.standard());
        engine.signup("unknown", "Something else", Duration.ZERO);
        engine.signup("missing", null, Duration.ZERO);

        final Map<String, UserActivationStatus> statuses = engine.statuses();
        assertThat(statuses.get("unknown").getPersona()).isEqualTo("explorer");
        assertThat(statuses.get("missing").getPersona()).isEqualTo("explorer");
    }

    @Test
    void shouldAssignTheDefaultPersonaWhenNoAnswerArrivesWithinTheAnswerTimeout() {
        start(TestPlaybooks.standard());
        engine.event("u1", "page_viewed", Duration.ZERO);
        assertThat(engine.statuses().get("u1").getPersona()).isNull();

        engine.event("other", "page_viewed", ofMinutes(61));

        assertThat(engine.statuses().get("u1").getPersona()).isEqualTo("explorer");
        assertThat(engine.commandsFor("u1")).extracting(InterventionCommand::getKind)
                .containsExactly(CommandKind.WELCOME);
    }

    @Test
    void shouldEvaluateEventsThatArrivedBeforeALateAnswer() {
        start(TestPlaybooks.standard());
        engine.event("u1", "client_added", ofMinutes(1));
        engine.event("u1", "invoice_sent", ofMinutes(2));
        assertThat(engine.commandsFor("u1")).isEmpty();

        engine.signup("u1", "Send invoices", Duration.ZERO);

        final UserActivationStatus status = engine.statuses().get("u1");
        assertThat(status.getPersona()).isEqualTo("freelancer");
        assertThat(status.getActivatedAt()).isNotNull();
        assertThat(status.getCompletedSteps()).containsExactly("add-client", "send-invoice");
        assertThat(engine.commandsFor("u1")).as("an activated user gets no welcome").isEmpty();
    }

    @Test
    void shouldActivateWhenEveryMilestoneIsReachedInsideTheWindow() {
        start(TestPlaybooks.standard()).signup("u1", "Coordinate my team", Duration.ZERO);
        engine.event("u1", "project_created", ofHours(1));
        engine.event("u1", "project_created", ofHours(2));
        engine.event("u1", "project_created", ofHours(3));
        assertThat(engine.statuses().get("u1").getActivatedAt()).isNull();

        engine.event("u1", "teammate_invited", ofHours(4));

        assertThat(engine.statuses().get("u1").getActivatedAt()).isEqualTo(EngineHarness.T0.plus(ofHours(4)));
        final PersonaActivationCounts counts = engine.counts().values().iterator().next();
        assertThat(counts.getActivated()).isEqualTo(1);
        assertThat(counts.getActivationRate()).isEqualTo(1.0);
    }

    @Test
    void shouldNotActivateWhenTheMomentIsReachedAfterTheWindow() {
        start(TestPlaybooks.standard()).signup("u1", "Send invoices", Duration.ZERO);

        engine.event("u1", "invoice_sent", ofHours(73));

        assertThat(engine.statuses().get("u1").getActivatedAt()).isNull();
        assertThat(engine.counts().values()).extracting(PersonaActivationCounts::getActivated).containsOnly(0L);
    }

    @Test
    void shouldCarryTheNextStepNotDoneAndSkipStepsDoneEarly() {
        start(TestPlaybooks.standard());
        engine.event("u1", "teammate_invited", ofMinutes(1));
        engine.signup("u1", "Coordinate my team", Duration.ZERO);

        final List<InterventionCommand> atSignup = engine.commandsFor("u1");
        assertThat(atSignup).extracting(InterventionCommand::getTemplate)
                .containsExactlyInAnyOrder("team-lead-welcome", "tip-create-project");
        assertThat(atSignup).allSatisfy(command -> {
            assertThat(command.getNextStep()).isEqualTo("create-project");
            assertThat(command.getCompletedSteps()).containsExactly("invite-teammate");
        });

        engine.event("u1", "project_created", ofHours(1));

        assertThat(engine.triggersFor("u1")).as("no prompt for the invite step, already done")
                .doesNotContain("step:invite-teammate");
        assertThat(engine.statuses().get("u1").getNextStep()).isNull();
    }

    @Test
    void shouldFireAnActionTriggerOnceWhenItsConditionFirstHolds() {
        start(TestPlaybooks.standard()).signup("u1", "Coordinate my team", Duration.ZERO);
        engine.event("u1", "project_created", ofHours(1));
        assertThat(engine.triggersFor("u1")).doesNotContain("early-momentum");

        engine.event("u1", "project_created", ofHours(2));
        engine.event("u1", "page_viewed", ofHours(3));

        final List<InterventionCommand> fired = engine.commandsFor("u1").stream()
                .filter(command -> command.getTriggerId().equals("early-momentum")).toList();
        assertThat(fired).hasSize(1);
        assertThat(fired.get(0).getKind()).isEqualTo(CommandKind.ACTION);
        assertThat(fired.get(0).getCausedAt()).isEqualTo(EngineHarness.T0.plus(ofHours(2)));
    }

    @Test
    void shouldNotFireAnActionTriggerWhenItsConditionHoldsOnlyAfterItsWithin() {
        start(TestPlaybooks.standard()).signup("u1", "Coordinate my team", Duration.ZERO);
        engine.event("u1", "project_created", ofHours(1));

        engine.event("u1", "project_created", ofHours(25));

        assertThat(engine.triggersFor("u1")).doesNotContain("early-momentum");
    }

    @Test
    void shouldFireTheInactivityTriggerWhenStreamTimePassesTheDeadline() {
        start(TestPlaybooks.standard()).signup("u1", "Send invoices", Duration.ZERO);
        engine.event("u1", "client_added", ofHours(1));
        engine.event("other", "page_viewed", ofHours(48));
        assertThat(engine.triggersFor("u1")).doesNotContain("quiet-48h");

        engine.event("other", "page_viewed", ofHours(49));

        final InterventionCommand nudge = engine.commandsFor("u1").stream()
                .filter(command -> command.getTriggerId().equals("quiet-48h")).findFirst().orElseThrow();
        assertThat(nudge.getKind()).isEqualTo(CommandKind.INACTIVITY);
        assertThat(nudge.getCausedAt()).isEqualTo(EngineHarness.T0.plus(ofHours(49)));
        assertThat(nudge.getTemplate()).isEqualTo("freelancer-need-a-hand");
        assertThat(nudge.getNextStep()).isEqualTo("send-invoice");
    }

    @Test
    void shouldFireTimersByWallClockOnceTheTaskIsIdle() {
        start(TestPlaybooks.standard()).signup("u1", "Send invoices", Duration.ZERO);
        engine.advanceWallClock(ofHours(47));
        assertThat(engine.triggersFor("u1")).doesNotContain("quiet-48h");

        engine.advanceWallClock(ofHours(2));

        assertThat(engine.triggersFor("u1")).contains("quiet-48h");
    }

    @Test
    void shouldMoveTheInactivityDeadlineWhenTheUserIsActive() {
        start(TestPlaybooks.standard()).signup("u1", "Send invoices", Duration.ZERO);
        engine.event("u1", "client_added", ofHours(20));
        engine.event("other", "page_viewed", ofHours(60));
        assertThat(engine.triggersFor("u1")).as("48h after signup, but active 40h ago").doesNotContain("quiet-48h");

        engine.event("other", "page_viewed", ofHours(68));

        assertThat(engine.commandsFor("u1")).filteredOn(command -> command.getTriggerId().equals("quiet-48h"))
                .extracting(InterventionCommand::getCausedAt).containsExactly(EngineHarness.T0.plus(ofHours(68)));
    }

    @Test
    void shouldFireANotDoneTriggerWhenTheEventDidNotHappenInTime() {
        start(TestPlaybooks.standard()).signup("u1", "Coordinate my team", Duration.ZERO);
        engine.signup("u2", "Coordinate my team", Duration.ZERO);
        engine.event("u2", "teammate_invited", ofHours(5));

        engine.event("other", "page_viewed", ofHours(37));

        assertThat(engine.triggersFor("u1")).contains("no-invite");
        assertThat(engine.triggersFor("u2")).doesNotContain("no-invite");
    }

    @Test
    void shouldSendNothingMoreOnceActivated() {
        start(TestPlaybooks.standard()).signup("u1", "Send invoices", Duration.ZERO);
        engine.event("u1", "invoice_sent", ofHours(1));
        final int before = engine.commandsFor("u1").size();

        engine.event("other", "page_viewed", ofHours(70));

        assertThat(engine.commandsFor("u1")).hasSize(before);
        assertThat(engine.triggersFor("u1")).doesNotContain("quiet-48h");
    }

    @Test
    void shouldSendNothingToTheHoldoutButStillCountIt() {
        start(TestPlaybooks.withRules(new Holdout(50, "test"), FrequencyCap.NONE));
        for (int i = 0; i < 40; i++) {
            engine.signup("user-" + i, "Send invoices", Duration.ZERO);
        }
        engine.event("other", "page_viewed", ofHours(50));

        final Map<String, UserActivationStatus> statuses = engine.statuses();
        final List<String> heldOut = statuses.values().stream()
                .filter(status -> status.getGroup() == ExperimentGroup.HOLDOUT).map(UserActivationStatus::getUserId)
                .toList();
        assertThat(heldOut).isNotEmpty().hasSizeLessThan(40);
        assertThat(engine.commands()).isNotEmpty()
                .allSatisfy(command -> assertThat(heldOut).doesNotContain(command.getUserId()));
        final long holdoutSignups = engine.counts().values().stream()
                .filter(counts -> counts.getGroup() == ExperimentGroup.HOLDOUT)
                .mapToLong(PersonaActivationCounts::getSignups).sum();
        assertThat(holdoutSignups).isEqualTo(heldOut.size());
    }

    @Test
    void shouldDropCommandsOverTheFrequencyCap() {
        final CountingObserver observer = new CountingObserver();
        engine = new EngineHarness(TestPlaybooks.withRules(Holdout.NONE, new FrequencyCap(2, ofHours(24))),
                EngineOptions.defaults(), observer, stateDir);
        engine.signup("u1", "Coordinate my team", Duration.ZERO);
        engine.event("u1", "project_created", ofHours(1));
        engine.event("u1", "project_created", ofHours(2));

        assertThat(engine.triggersFor("u1")).containsExactlyInAnyOrder("welcome", "step:create-project");
        assertThat(observer.cappedTriggers).contains("step:invite-teammate", "early-momentum");
    }

    @Test
    void shouldIgnoreARepeatedEventId() {
        start(TestPlaybooks.standard()).signup("u1", "Coordinate my team", Duration.ZERO);
        engine.event("u1", "same-id", "project_created", ofHours(1));
        engine.event("u1", "same-id", "project_created", ofHours(1));
        engine.event("u1", "same-id", "project_created", ofHours(2));

        assertThat(engine.triggersFor("u1")).as("two projects would fire it").doesNotContain("early-momentum");
    }

    @Test
    void shouldCountALateEventAsActivityButNotTowardActivation() {
        start(TestPlaybooks.standard()).signup("u1", "Send invoices", ofHours(0));
        engine.event("other", "page_viewed", ofHours(100));

        engine.event("u1", "invoice_sent", ofHours(10));

        final UserActivationStatus status = engine.statuses().get("u1");
        assertThat(status.getActivatedAt()).isNull();
        assertThat(status.getLastActivityAt()).isEqualTo(EngineHarness.T0.plus(ofHours(10)));
    }

    @Test
    void shouldDeleteAUsersStateAfterTheRetention() {
        engine = new EngineHarness(TestPlaybooks.standard(),
                EngineOptions.defaults().withRetention(Duration.ofDays(5)), EngineObserver.NONE, stateDir);
        engine.signup("u1", "Send invoices", Duration.ZERO);
        engine.event("u1", "client_added", ofHours(1));
        engine.event("other", "page_viewed", Duration.ofDays(5));
        assertThat(engine.statuses().get("u1")).isNotNull();

        engine.event("other", "page_viewed", Duration.ofDays(5).plusHours(2));

        assertThat(engine.statuses()).containsEntry("u1", null);
        assertThat(engine.driver().<String, Object>getKeyValueStore(TopologyNames.USER_STORE).get("u1")).isNull();
    }

    @Test
    void shouldCountSignupsActivationsAndCommandsPerPersonaGroupAndDay() {
        start(TestPlaybooks.standard());
        engine.signup("a", "Send invoices", Duration.ZERO);
        engine.signup("b", "Send invoices", ofHours(1));
        engine.signup("c", "Coordinate my team", ofHours(2));
        engine.event("a", "invoice_sent", ofHours(3));

        final Map<String, PersonaActivationCounts> counts = engine.counts();
        final PersonaActivationCounts freelancers = counts.get("freelancer|TREATMENT|2026-03-02");
        assertThat(freelancers.getSignups()).isEqualTo(2);
        assertThat(freelancers.getActivated()).isEqualTo(1);
        assertThat(freelancers.getActivationRate()).isEqualTo(0.5);
        assertThat(freelancers.getCommandsSent()).isEqualTo(engine.commands().stream()
                .filter(command -> command.getPersona().equals("freelancer")).count());
        assertThat(counts.get("team-lead|TREATMENT|2026-03-02").getSignups()).isEqualTo(1);
    }

    @Test
    void shouldGiveTheSameDecisionTheSameCommandId() {
        start(TestPlaybooks.standard()).signup("u1", "Send invoices", Duration.ZERO);
        final String first = engine.commandsFor("u1").get(0).getCommandId();
        close();

        start(TestPlaybooks.standard()).signup("u1", "Send invoices", Duration.ZERO);

        assertThat(engine.commandsFor("u1").get(0).getCommandId()).isEqualTo(first);
    }

    @Test
    void shouldRekeyARecordWhoseKeyIsNotItsUserId() {
        start(TestPlaybooks.standard()).signup("u1", "Send invoices", Duration.ZERO);

        engine.pipeEventKeyed("wrong-key", ProductEvent.newBuilder().setEventId("e1").setUserId("u1")
                .setName("invoice_sent").setOccurredAt(EngineHarness.T0.plus(ofHours(1))).build());

        assertThat(engine.statuses().get("u1").getActivatedAt()).isNotNull();
        assertThat(engine.statuses()).doesNotContainKey("wrong-key");
    }

    @Test
    void shouldDeadLetterARecordWhoseKeyIsNotItsUserIdWhenRejecting() {
        engine = new EngineHarness(TestPlaybooks.standard(),
                EngineOptions.defaults().withMisroutedRecords(MisroutedRecords.REJECT), EngineObserver.NONE, stateDir);
        engine.signup("u1", "Send invoices", Duration.ZERO);

        engine.pipeEventKeyed("wrong-key", ProductEvent.newBuilder().setEventId("e1").setUserId("u1")
                .setName("invoice_sent").setOccurredAt(EngineHarness.T0.plus(ofHours(1))).build());
        engine.event("u1", "client_added", ofHours(2));

        assertThat(engine.deadLetterMessages()).singleElement().asString()
                .contains("'wrong-key' is not the payload's user id");
        final UserActivationStatus status = engine.statuses().get("u1");
        assertThat(status.getActivatedAt()).isNull();
        assertThat(status.getCompletedSteps()).containsExactly("add-client");
    }

    @Test
    void shouldDeadLetterAnEventFarAheadOfTheClockWithoutFiringAnyonesTimers() {
        start(TestPlaybooks.standard()).signup("u1", "Send invoices", Duration.ZERO);
        final java.time.Instant nextYear = java.time.Instant.now().plus(Duration.ofDays(365))
                .truncatedTo(java.time.temporal.ChronoUnit.MILLIS);

        engine.pipeEventKeyed("u2", ProductEvent.newBuilder().setEventId("e1").setUserId("u2")
                .setName("page_viewed").setOccurredAt(nextYear).build());

        assertThat(engine.deadLetterMessages()).singleElement().asString().contains("'occurredAt' is " + nextYear);
        assertThat(engine.triggersFor("u1")).doesNotContain("quiet-48h");
    }

    @Test
    void shouldKeepATypicalUsersStateCompact() {
        start(TestPlaybooks.standard()).signup("u1", "Coordinate my team", Duration.ZERO);
        engine.event("u1", "project_created", ofHours(1));
        engine.event("u1", "project_created", ofHours(2));
        engine.event("u1", "task_assigned", ofHours(3));
        engine.event("u1", "page_viewed", ofHours(4));

        final Object state = engine.driver().getKeyValueStore(TopologyNames.USER_STORE).get("u1");
        final byte[] stored = new InternalAvroSerde<>(org.activationengine.schema.UserState.class)
                .serialize("size", (org.activationengine.schema.UserState) state);

        assertThat(stored.length).as("bytes per user in the store and its changelog").isLessThanOrEqualTo(200);
    }

    @Test
    void shouldVisitOnlyDueTimersInAPass() {
        final CountingObserver observer = new CountingObserver();
        engine = new EngineHarness(TestPlaybooks.standard(), EngineOptions.defaults(), observer, stateDir);
        for (int i = 0; i < 500; i++) {
            engine.signup("waiting-" + i, "Send invoices", ofHours(10));
        }
        engine.signup("due-1", "Send invoices", Duration.ZERO);
        engine.signup("due-2", "Send invoices", Duration.ZERO);
        observer.visited = 0;

        engine.event("other", "page_viewed", ofHours(49));

        assertThat(engine.triggersFor("due-1")).contains("quiet-48h");
        assertThat(engine.triggersFor("waiting-0")).doesNotContain("quiet-48h");
        assertThat(observer.visited).as("timer entries read, of 503 users waiting").isLessThanOrEqualTo(3);
    }

    @Test
    void shouldFireTheRestOfTheDueTimersInTheNextPassWhenAPassIsFull() {
        final CountingObserver observer = new CountingObserver();
        engine = new EngineHarness(TestPlaybooks.standard(), EngineOptions.defaults().withMaxTimersPerPass(2),
                observer, stateDir);
        for (int i = 0; i < 5; i++) {
            engine.signup("u" + i, "Send invoices", Duration.ZERO);
        }

        engine.event("other", "page_viewed", ofHours(49));
        engine.event("other", "page_viewed", ofHours(49).plusSeconds(2));
        engine.event("other", "page_viewed", ofHours(49).plusSeconds(4));

        assertThat(observer.mostFiredInOnePass).isEqualTo(2);
        assertThat(engine.commands()).filteredOn(command -> command.getTriggerId().equals("quiet-48h")).hasSize(5);
    }

    /** Counts what the engine reports, as metrics would. */
    static final class CountingObserver implements EngineObserver {
        final List<String> cappedTriggers = new java.util.concurrent.CopyOnWriteArrayList<>();
        volatile int visited;
        volatile int mostFiredInOnePass;

        @Override
        public void commandSuppressed(final String persona, final String triggerId, final Suppression reason) {
            if (reason == Suppression.FREQUENCY_CAP) {
                cappedTriggers.add(triggerId);
            }
        }

        @Override
        public void timerPass(final int visitedEntries, final int fired) {
            visited += visitedEntries;
            mostFiredInOnePass = Math.max(mostFiredInOnePass, fired);
        }
    }
}
