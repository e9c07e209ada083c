package org.activationengine.engine;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.nio.charset.StandardCharsets;
import org.activationengine.playbook.Durations;
import org.activationengine.playbook.HoldoutAssigner;
import org.activationengine.playbook.OnboardingStep;
import org.activationengine.playbook.Persona;
import org.activationengine.playbook.PersonaResolver;
import org.activationengine.schema.ActivationCountDelta;
import org.activationengine.schema.Channel;
import org.activationengine.schema.CommandKind;
import org.activationengine.schema.InterventionCommand;
import org.activationengine.schema.ProductEvent;
import org.activationengine.schema.SignupAnswer;
import org.activationengine.schema.UserState;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps each user's activation state and turns signups, product events and passing deadlines into intervention
 * commands, status changes and count changes. Timers fire by stream time, and by wall-clock time once the task
 * has been idle for the configured period.
 */
public final class ActivationProcessor implements Processor<String, SpecificRecord, String, EngineOutput> {

    private static final Logger LOG = LoggerFactory.getLogger(ActivationProcessor.class);

    private final ActivationRules rules;
    private final PersonaResolver personas;
    private final HoldoutAssigner holdout;
    private final EngineOptions options;
    private final EngineObserver observer;

    private ProcessorContext<String, EngineOutput> context;
    private KeyValueStore<String, UserState> users;
    private InactivityTimers timers;
    private SeenEvents seenEvents;
    private long timerClock = Long.MIN_VALUE;
    private long lastRecordWallClock;
    private long lastRecordStreamTime = Long.MIN_VALUE;

    /**
     * @param rules    the playbook's rules
     * @param options  engine settings
     * @param observer receives decisions for metrics
     */
    ActivationProcessor(final ActivationRules rules, final EngineOptions options, final EngineObserver observer) {
        this.rules = rules;
        this.personas = new PersonaResolver(rules.playbook());
        this.holdout = new HoldoutAssigner(rules.playbook().holdout());
        this.options = options;
        this.observer = observer;
    }

    @Override
    public void init(final ProcessorContext<String, EngineOutput> processorContext) {
        this.context = processorContext;
        this.users = processorContext.getStateStore(TopologyNames.USER_STORE);
        final KeyValueStore<Bytes, byte[]> timerStore = processorContext.getStateStore(TopologyNames.TIMER_STORE);
        this.timers = new InactivityTimers(timerStore);
        final WindowStore<String, Long> seen = processorContext.getStateStore(TopologyNames.SEEN_EVENTS_STORE);
        this.seenEvents = new SeenEvents(seen, options.dedupeRetention());
        this.lastRecordWallClock = processorContext.currentSystemTimeMs();
        processorContext.schedule(options.timerResolution(), PunctuationType.STREAM_TIME, this::onStreamTime);
        processorContext.schedule(options.idleCheckInterval(), PunctuationType.WALL_CLOCK_TIME, this::onWallClock);
    }

    @Override
    public void process(final Record<String, SpecificRecord> record) {
        lastRecordWallClock = context.currentSystemTimeMs();
        lastRecordStreamTime = context.currentStreamTimeMs();
        // Deadlines that passed before this record's time are settled first, as they would have been had the
        // record arrived later: otherwise a jump in time would let the record cancel a nudge already due.
        if (record.timestamp() - 1 > timerClock) {
            fireDueTimers(record.timestamp() - 1);
        }
        if (record.value() instanceof SignupAnswer answer) {
            requireNotAhead(answer.getSignedUpAt(), "signedUpAt");
            onAnswer(record.key(), answer);
        } else if (record.value() instanceof ProductEvent event) {
            requireNotAhead(event.getOccurredAt(), "occurredAt");
            onEvent(record.key(), event);
        } else {
            throw new IllegalArgumentException("Unexpected input of type "
                    + (record.value() == null ? "null" : record.value().getClass().getName()));
        }
    }

    private void onAnswer(final String userId, final SignupAnswer answer) {
        requireUserId(userId);
        final long signedUpAt = answer.getSignedUpAt().toEpochMilli();
        UserState state = users.get(userId);
        if (state != null && state.getPersona() != null) {
            LOG.debug("Ignoring a second signup answer for user '{}'", userId);
            return;
        }
        if (state == null) {
            state = newState(signedUpAt);
        }
        final Long oldDue = state.getTimerDueAt();
        state.setSignedUpAt(answer.getSignedUpAt());
        if (signedUpAt < state.getFirstSeenAt().toEpochMilli()) {
            state.setFirstSeenAt(answer.getSignedUpAt());
        }
        final Decisions decisions = new Decisions();
        assignPersona(userId, state, personas.resolve(answer.getAnswer()), signedUpAt, decisions);
        finish(userId, state, oldDue, decisions);
    }

    private void onEvent(final String userId, final ProductEvent event) {
        requireUserId(userId);
        final long occurredAt = event.getOccurredAt().toEpochMilli();
        if (!seenEvents.firstTime(userId, event.getEventId(), occurredAt)) {
            observer.duplicateEvent();
            LOG.debug("Ignoring repeated event '{}' of user '{}'", event.getEventId(), userId);
            return;
        }
        final UserState stored = users.get(userId);
        final UserState state = stored == null ? newState(occurredAt) : stored;
        final Long oldDue = state.getTimerDueAt();
        final Decisions decisions = new Decisions();
        decisions.statusChanged = stored == null;
        if (state.getLastActivityAt() == null || state.getLastActivityAt().toEpochMilli() < occurredAt) {
            decisions.statusChanged |= state.getLastActivityAt() == null
                    || hourOf(state.getLastActivityAt().toEpochMilli()) != hourOf(occurredAt);
            state.setLastActivityAt(event.getOccurredAt());
        }
        if (rules.isLate(occurredAt, context.currentStreamTimeMs())) {
            observer.lateEvent();
        } else if (rules.countsToward(state, event.getName(), occurredAt)) {
            decisions.statusChanged |= state.getEventCounts().merge(event.getName(), 1, Integer::sum) == 1;
            rules.persona(state).ifPresent(persona -> afterProgress(userId, state, persona, occurredAt, decisions));
        }
        finish(userId, state, oldDue, decisions);
    }

    private void onStreamTime(final long streamTime) {
        fireDueTimers(streamTime);
    }

    private void onWallClock(final long wallClock) {
        final long idleFor = wallClock - lastRecordWallClock;
        if (idleFor < options.timerIdlePeriod().toMillis()) {
            return;
        }
        final long streamTime = Math.max(lastRecordStreamTime, context.currentStreamTimeMs());
        if (streamTime == Long.MIN_VALUE || streamTime < 0) {
            return;
        }
        fireDueTimers(streamTime + idleFor);
    }

    private void fireDueTimers(final long now) {
        timerClock = Math.max(timerClock, now);
        final List<InactivityTimers.Due> due = timers.takeDue(timerClock, options.maxTimersPerPass());
        int fired = 0;
        for (final InactivityTimers.Due timer : due) {
            final UserState state = users.get(timer.userId());
            if (state == null || state.getTimerDueAt() == null || state.getTimerDueAt() != timer.dueAt()) {
                continue;
            }
            fired++;
            observer.timerFired(timerClock - timer.dueAt());
            try {
                onDeadline(timer.userId(), state);
            } catch (final RuntimeException e) {
                // A timer has no input record to dead-letter, and one bad user must not stop the others' timers.
                observer.timerFailed(timer.userId(), e);
                LOG.warn("The deadline of user '{}' could not be processed and was dropped; the user's state is "
                        + "kept and the next record of the user schedules it again", timer.userId(), e);
            }
        }
        observer.timerPass(due.size(), fired);
    }

    private void onDeadline(final String userId, final UserState state) {
        final Decisions decisions = new Decisions();
        state.setTimerDueAt(null);
        if (rules.answerTimedOut(state, timerClock)) {
            final long anchor = rules.anchor(state);
            assignPersona(userId, state, rules.playbook().defaultPersona(), anchor, decisions);
        }
        if (rules.retentionDeadline(state) <= timerClock) {
            LOG.debug("Deleting the state of user '{}': no activity within the retention", userId);
            users.delete(userId);
            context.forward(new Record<>(userId, new EngineOutput.Status(null), timerClock));
            return;
        }
        final Optional<Persona> persona = rules.persona(state);
        if (persona.isPresent() && state.getActivatedAt() == null) {
            for (final Intervention intervention : rules.inactionDue(state, persona.get(), timerClock)) {
                issue(userId, state, persona.get(), intervention, decisions);
            }
        }
        finish(userId, state, null, decisions);
    }

    private void assignPersona(final String userId, final UserState state, final Persona persona,
            final long anchor, final Decisions decisions) {
        state.setPersona(persona.id());
        state.setHoldout(holdout.isHeldOut(userId));
        decisions.signups++;
        decisions.statusChanged = true;
        LOG.debug("User '{}' assigned persona '{}' (holdout: {})", userId, persona.id(), state.getHoldout());
        if (activateIfReached(state, persona, rules.lastActivityOrAnchor(state), decisions)) {
            return;
        }
        persona.welcomeMessage().ifPresent(welcome -> issue(userId, state, persona, new Intervention(
                ActivationRules.WELCOME, ActivationRules.WELCOME, CommandKind.WELCOME, welcome, anchor,
                "signed up as persona '" + persona.id() + "'"), decisions));
        rules.stepPrompt(state, persona, anchor).ifPresent(prompt -> issue(userId, state, persona, prompt,
                decisions));
        for (final Intervention action : rules.actionsReady(state, persona, rules.lastActivityOrAnchor(state))) {
            issue(userId, state, persona, action, decisions);
        }
    }

    private void afterProgress(final String userId, final UserState state, final Persona persona,
            final long occurredAt, final Decisions decisions) {
        if (state.getActivatedAt() != null || activateIfReached(state, persona, occurredAt, decisions)) {
            return;
        }
        rules.stepPrompt(state, persona, occurredAt).ifPresent(prompt -> issue(userId, state, persona, prompt,
                decisions));
        for (final Intervention action : rules.actionsReady(state, persona, occurredAt)) {
            issue(userId, state, persona, action, decisions);
        }
    }

    private boolean activateIfReached(final UserState state, final Persona persona, final long at,
            final Decisions decisions) {
        if (!rules.reachedActivation(state, persona)) {
            return false;
        }
        state.setActivatedAt(Instant.ofEpochMilli(at));
        decisions.activated++;
        decisions.statusChanged = true;
        return true;
    }

    private void issue(final String userId, final UserState state, final Persona persona,
            final Intervention intervention, final Decisions decisions) {
        if (intervention.causedAt() > rules.windowEnd(state)) {
            return;
        }
        final int occurrence = rules.fired(state, intervention.markerId()) + 1;
        state.getFired().put(intervention.markerId(), occurrence);
        if (state.getHoldout()) {
            observer.commandSuppressed(persona.id(), intervention.triggerId(), EngineObserver.Suppression.HOLDOUT);
            return;
        }
        if (!FrequencyCapWindow.admit(state, rules.playbook().frequencyCap(), intervention.causedAt())) {
            observer.commandSuppressed(persona.id(), intervention.triggerId(),
                    EngineObserver.Suppression.FREQUENCY_CAP);
            LOG.debug("Frequency cap dropped '{}' for user '{}'", intervention.triggerId(), userId);
            return;
        }
        decisions.commands.add(command(userId, state, persona, intervention, occurrence));
        observer.commandIssued(persona.id(), intervention.triggerId(), intervention.message().channel());
    }

    private InterventionCommand command(final String userId, final UserState state, final Persona persona,
            final Intervention intervention, final int occurrence) {
        final String identity = userId + '\u0000' + intervention.triggerId() + '\u0000' + occurrence;
        return InterventionCommand.newBuilder()
                .setCommandId(UUID.nameUUIDFromBytes(identity.getBytes(StandardCharsets.UTF_8)).toString())
                .setUserId(userId)
                .setPersona(persona.id())
                .setChannel(Channel.valueOf(intervention.message().channel().name()))
                .setTemplate(intervention.message().template())
                .setTriggerId(intervention.triggerId())
                .setKind(intervention.kind())
                .setOccurrence(occurrence)
                .setReason(intervention.reason())
                .setNextStep(rules.nextStep(state, persona).map(OnboardingStep::id).orElse(null))
                .setCompletedSteps(rules.completedSteps(state, persona))
                .setCausedAt(Instant.ofEpochMilli(intervention.causedAt()))
                .setIssuedAt(Instant.ofEpochMilli(context.currentSystemTimeMs()))
                .build();
    }

    private void finish(final String userId, final UserState state, final Long oldDue, final Decisions decisions) {
        final long nextDue = rules.nextDueAt(state);
        timers.reschedule(userId, oldDue, nextDue);
        state.setTimerDueAt(nextDue);
        users.put(userId, state);

        final long timestamp = Math.max(0, Math.max(timerClock, context.currentStreamTimeMs()));
        for (final InterventionCommand command : decisions.commands) {
            context.forward(new Record<>(userId, new EngineOutput.Command(command), timestamp));
        }
        if (decisions.statusChanged) {
            final EngineOutput status = new EngineOutput.Status(UserStatuses.of(rules, userId, state));
            context.forward(new Record<>(userId, status, timestamp));
        }
        if (decisions.changedCounts() && state.getPersona() != null) {
            final ActivationCountDelta delta = delta(state, decisions);
            context.forward(new Record<>(countsKey(delta), new EngineOutput.Count(delta), timestamp));
        }
    }

    private ActivationCountDelta delta(final UserState state, final Decisions decisions) {
        return ActivationCountDelta.newBuilder()
                .setPersona(state.getPersona())
                .setGroup(UserStatuses.group(state))
                .setCohortDay(LocalDate.ofInstant(Instant.ofEpochMilli(rules.anchor(state)), ZoneOffset.UTC))
                .setSignups(decisions.signups)
                .setActivated(decisions.activated)
                .setCommandsSent(decisions.commands.size())
                .build();
    }

    /**
     * The key of one persona count: persona, group and cohort day joined by '|'.
     *
     * @param delta a count change
     * @return its key
     */
    static String countsKey(final ActivationCountDelta delta) {
        return delta.getPersona() + '|' + delta.getGroup() + '|' + delta.getCohortDay();
    }

    private static UserState newState(final long firstSeenAt) {
        return UserState.newBuilder()
                .setFirstSeenAt(Instant.ofEpochMilli(firstSeenAt))
                .setEventCounts(new HashMap<>())
                .setFired(new HashMap<>())
                .setRecentCommandsAt(new ArrayList<>())
                .build();
    }

    private static void requireNotAhead(final Instant time, final String field) {
        if (EventTimeExtractor.isTooFarAhead(time.toEpochMilli())) {
            throw new IllegalArgumentException("'" + field + "' is " + time + ", more than "
                    + Durations.format(EventTimeExtractor.MAX_AHEAD)
                    + " ahead of the engine's clock: check the producer's clock. "
                    + "The record would have fired every user's deadlines early, so it was not applied");
        }
    }

    private static void requireUserId(final String userId) {
        if (userId == null || userId.isBlank()) {
            throw new IllegalArgumentException("The record has no user id: key and payload user id are empty");
        }
    }

    /**
     * The hour a time falls in. The status topic repeats a user's last activity only when it enters a new hour,
     * so a busy user does not write a status per event; the HTTP API reads the store and is always exact.
     */
    private static long hourOf(final long time) {
        return Math.floorDiv(time, 3_600_000L);
    }

    /** What one record or deadline changed, gathered so each kind is forwarded once. */
    private static final class Decisions {
        private final List<InterventionCommand> commands = new ArrayList<>();
        private int signups;
        private int activated;
        private boolean statusChanged;

        private boolean changedCounts() {
            return signups > 0 || activated > 0 || !commands.isEmpty();
        }
    }
}
