package org.activationengine.engine;

import java.time.Duration;

/**
 * Engine settings that are not part of the playbook: how timers advance, how long state is kept, and what to do
 * with misrouted input.
 *
 * @param timerIdlePeriod    wall-clock time without records after which a task's timers advance with the wall
 *                           clock, so quiet partitions still fire
 * @param timerResolution    stream-time interval between two timer passes
 * @param maxTimersPerPass   the most due timers one pass fires; the rest wait for the next pass
 * @param retention          how long after a user's last activity their state and timers are deleted
 * @param dedupeRetention    how long event ids are remembered for dedupe (at least the activation window)
 * @param misroutedRecords   re-key or reject records whose key is not the payload's user id
 */
public record EngineOptions(Duration timerIdlePeriod, Duration timerResolution, int maxTimersPerPass,
        Duration retention, Duration dedupeRetention, MisroutedRecords misroutedRecords) {

    /** Checks the values are usable. */
    public EngineOptions {
        requirePositive(timerIdlePeriod, "timer idle period");
        requirePositive(timerResolution, "timer resolution");
        requirePositive(retention, "retention");
        requirePositive(dedupeRetention, "dedupe retention");
        if (maxTimersPerPass < 1) {
            throw new IllegalArgumentException("max timers per pass must be at least 1, got " + maxTimersPerPass);
        }
    }

    /** @return defaults: 1 min idle period, 1 s resolution, 10 000 timers a pass, 30 days retention */
    public static EngineOptions defaults() {
        return new EngineOptions(Duration.ofMinutes(1), Duration.ofSeconds(1), 10_000, Duration.ofDays(30),
                Duration.ofDays(3), MisroutedRecords.REPARTITION);
    }

    /**
     * @param idlePeriod a new idle period
     * @return a copy with that idle period
     */
    public EngineOptions withTimerIdlePeriod(final Duration idlePeriod) {
        return new EngineOptions(idlePeriod, timerResolution, maxTimersPerPass, retention, dedupeRetention,
                misroutedRecords);
    }

    /**
     * @param max a new maximum of timers per pass
     * @return a copy with that maximum
     */
    public EngineOptions withMaxTimersPerPass(final int max) {
        return new EngineOptions(timerIdlePeriod, timerResolution, max, retention, dedupeRetention,
                misroutedRecords);
    }

    /**
     * @param mode what to do with misrouted input
     * @return a copy with that mode
     */
    public EngineOptions withMisroutedRecords(final MisroutedRecords mode) {
        return new EngineOptions(timerIdlePeriod, timerResolution, maxTimersPerPass, retention, dedupeRetention,
                mode);
    }

    /**
     * @param keep a new retention after last activity
     * @return a copy with that retention
     */
    public EngineOptions withRetention(final Duration keep) {
        return new EngineOptions(timerIdlePeriod, timerResolution, maxTimersPerPass, keep, dedupeRetention,
                misroutedRecords);
    }

    /** @return how often the wall-clock punctuator checks for idleness: half the idle period, 1 s to 30 s */
    public Duration idleCheckInterval() {
        final long half = timerIdlePeriod.toMillis() / 2;
        return Duration.ofMillis(Math.max(1_000, Math.min(30_000, half)));
    }

    private static void requirePositive(final Duration value, final String what) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(what + " must be a positive duration, got " + value);
        }
    }
}
