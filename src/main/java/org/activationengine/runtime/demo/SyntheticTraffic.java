package org.activationengine.runtime.demo;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.activationengine.playbook.OnboardingStep;
import org.activationengine.playbook.Persona;
import org.activationengine.playbook.Playbook;
import org.activationengine.schema.ProductEvent;
import org.activationengine.schema.SignupAnswer;
import org.apache.avro.specific.SpecificRecord;

/**
 * Generates believable activation-window traffic from a playbook: users sign up over the first day, answer the
 * qualifying question (some skip it or answer something unknown, some answer late), and behave as engaged
 * (reach their persona's activation moment), struggling (a few steps, then silence) or silent (nothing after
 * signup). Event times span four simulated days so inactivity timers fire. Deterministic for a seed.
 */
public final class SyntheticTraffic {

    private static final Duration SIMULATED = Duration.ofDays(4);
    private static final List<String> NOISE = List.of("page_viewed", "settings_opened", "search_used");

    private final Playbook playbook;
    private final Random random;
    private final Instant start;
    private long eventSequence;

    /**
     * A generated record.
     *
     * @param time  event time
     * @param key   user id
     * @param value a {@link SignupAnswer} or a {@link ProductEvent}
     */
    public record TrafficRecord(Instant time, String key, SpecificRecord value) {
    }

    /**
     * @param playbook the playbook whose personas and events to use
     * @param seed     the random seed
     * @param start    the simulated start time
     */
    public SyntheticTraffic(final Playbook playbook, final long seed, final Instant start) {
        this.playbook = playbook;
        this.random = new Random(seed);
        this.start = start;
    }

    /**
     * @param users how many users
     * @return every record, sorted by event time
     */
    public List<TrafficRecord> generate(final int users) {
        final List<TrafficRecord> records = new ArrayList<>();
        for (int i = 0; i < users; i++) {
            user(String.format("user-%06d", i), records);
        }
        records.sort(Comparator.comparing(TrafficRecord::time));
        return records;
    }

    private void user(final String userId, final List<TrafficRecord> records) {
        final Persona persona = playbook.personas().get(random.nextInt(playbook.personas().size()));
        final Instant signedUp = start.plusSeconds(random.nextInt((int) Duration.ofHours(24).toSeconds()));
        final Instant answeredAt = random.nextInt(20) == 0 ? signedUp.plusSeconds(60 + random.nextInt(900))
                : signedUp;
        records.add(new TrafficRecord(answeredAt, userId, SignupAnswer.newBuilder().setUserId(userId)
                .setSignedUpAt(signedUp).setQuestionId(playbook.questionId()).setAnswer(answer(persona)).build()));
        final int profile = random.nextInt(100);
        if (profile < 40) {
            engaged(userId, persona, signedUp, records);
        } else if (profile < 75) {
            struggling(userId, persona, signedUp, records);
        }
    }

    private String answer(final Persona persona) {
        final int roll = random.nextInt(100);
        if (roll < 4 || persona.answers().isEmpty()) {
            return null;
        }
        if (roll < 8) {
            return "Something else entirely";
        }
        final String answer = persona.answers().get(random.nextInt(persona.answers().size()));
        return roll < 20 ? "  " + answer.toUpperCase(java.util.Locale.ROOT) + " " : answer;
    }

    private void engaged(final String userId, final Persona persona, final Instant signedUp,
            final List<TrafficRecord> records) {
        Instant at = signedUp.plusSeconds(120);
        for (final OnboardingStep step : persona.steps()) {
            at = at.plusSeconds(600 + random.nextInt(7_200));
            records.add(event(userId, step.event(), at));
        }
        for (final var milestone : persona.activation().milestones()) {
            for (int i = 0; i < milestone.atLeast(); i++) {
                at = at.plusSeconds(300 + random.nextInt(10_800));
                records.add(event(userId, milestone.event(), at));
            }
        }
        noise(userId, signedUp, 3 + random.nextInt(8), records);
    }

    private void struggling(final String userId, final Persona persona, final Instant signedUp,
            final List<TrafficRecord> records) {
        Instant at = signedUp.plusSeconds(300);
        final int steps = persona.steps().isEmpty() ? 0 : random.nextInt(persona.steps().size());
        for (int i = 0; i < steps; i++) {
            at = at.plusSeconds(900 + random.nextInt(14_400));
            records.add(event(userId, persona.steps().get(i).event(), at));
        }
        for (int i = 0; i < 1 + random.nextInt(4); i++) {
            records.add(event(userId, NOISE.get(random.nextInt(NOISE.size())),
                    signedUp.plusSeconds(60 + random.nextInt((int) Duration.ofHours(10).toSeconds()))));
        }
    }

    private void noise(final String userId, final Instant from, final int count, final List<TrafficRecord> records) {
        final long span = SIMULATED.toSeconds() - Duration.ofHours(24).toSeconds();
        for (int i = 0; i < count; i++) {
            records.add(event(userId, NOISE.get(random.nextInt(NOISE.size())),
                    from.plusSeconds(60 + (long) (random.nextDouble() * span))));
        }
    }

    private TrafficRecord event(final String userId, final String name, final Instant at) {
        return new TrafficRecord(at, userId, ProductEvent.newBuilder().setEventId("evt-" + (++eventSequence))
                .setUserId(userId).setName(name).setOccurredAt(at).build());
    }
}
