package org.activationengine.runtime.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.activationengine.engine.EngineObserver;
import org.activationengine.playbook.Channel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EngineMetricsTest {

    private final EngineMetrics metrics = new EngineMetrics();

    @AfterEach
    void close() {
        metrics.close();
    }

    @Test
    void shouldCountCommandsByPersonaTriggerAndChannel() {
        final EngineObserver observer = metrics.observer();

        observer.commandIssued("team-lead", "welcome", Channel.EMAIL);
        observer.commandIssued("team-lead", "welcome", Channel.EMAIL);
        observer.commandIssued("freelancer", "quiet-48h", Channel.IN_APP);

        assertThat(metrics.scrape())
                .contains("activation_commands_total{channel=\"email\",persona=\"team-lead\",trigger=\"welcome\"} 2")
                .contains("activation_commands_total{channel=\"in_app\",persona=\"freelancer\","
                        + "trigger=\"quiet-48h\"} 1");
    }

    @Test
    void shouldCountSuppressedCommandsByReason() {
        final EngineObserver observer = metrics.observer();

        observer.commandSuppressed("team-lead", "quiet-48h", EngineObserver.Suppression.HOLDOUT);
        observer.commandSuppressed("team-lead", "quiet-48h", EngineObserver.Suppression.FREQUENCY_CAP);

        assertThat(metrics.scrape())
                .contains("activation_commands_suppressed_total{persona=\"team-lead\",reason=\"holdout\","
                        + "trigger=\"quiet-48h\"} 1")
                .contains("activation_commands_suppressed_total{persona=\"team-lead\",reason=\"frequency_cap\","
                        + "trigger=\"quiet-48h\"} 1");
    }

    @Test
    void shouldSumSuppressedCommandsPerReasonAcrossPersonasAndTriggers() {
        final EngineObserver observer = metrics.observer();

        observer.commandSuppressed("team-lead", "quiet-48h", EngineObserver.Suppression.FREQUENCY_CAP);
        observer.commandSuppressed("freelancer", "welcome", EngineObserver.Suppression.FREQUENCY_CAP);
        observer.commandSuppressed("freelancer", "welcome", EngineObserver.Suppression.HOLDOUT);

        assertThat(metrics.suppressedByReason()).containsEntry("frequency_cap", 2L).containsEntry("holdout", 1L);
    }

    @Test
    void shouldExposeTimerDeadLetterAndEventCounters() {
        final EngineObserver observer = metrics.observer();

        observer.timerFired(1_500);
        observer.timerFired(500);
        observer.timerPass(7, 2);
        observer.duplicateEvent();
        observer.lateEvent();
        observer.lateEvent();
        observer.deadLettered("product-events", 3, 42L, new IllegalArgumentException("bad record"));
        observer.deadLettered(null, -1, -1L, new IllegalStateException("punctuation failed"));

        assertThat(metrics.scrape())
                .contains("activation_timers_fired_total 2")
                .contains("activation_timer_lateness_seconds_count 2")
                .contains("activation_timer_lateness_seconds_sum 2")
                .contains("activation_timer_lateness_seconds_bucket{le=\"1.0\"} 1")
                .contains("activation_timer_entries_visited_total 7")
                .contains("activation_duplicate_events_total 1")
                .contains("activation_late_events_total 2")
                .contains("activation_dead_letters_total{topic=\"product-events\"} 1")
                .contains("activation_dead_letters_total{topic=\"none\"} 1");
    }

    @Test
    void shouldExposeJvmMetrics() {
        assertThat(metrics.scrape())
                .contains("jvm_memory_used_bytes")
                .contains("jvm_threads_live_threads")
                .contains("process_uptime_seconds");
    }
}
