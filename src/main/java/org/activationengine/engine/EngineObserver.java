package org.activationengine.engine;

import org.activationengine.playbook.Channel;

/**
 * Receives what the engine decides, for metrics and replay summaries. Called on stream threads: implementations
 * must be thread-safe and cheap (no I/O).
 */
public interface EngineObserver {

    /** Observes nothing. */
    EngineObserver NONE = new EngineObserver() {
    };

    /** Why a command that a trigger produced was not sent. */
    enum Suppression {
        /** The user is in the holdout group. */
        HOLDOUT,
        /** The user already received the most commands the frequency cap allows. */
        FREQUENCY_CAP
    }

    /**
     * A command was issued.
     *
     * @param persona   the persona id
     * @param triggerId the trigger (or welcome / step) id
     * @param channel   the channel
     */
    default void commandIssued(final String persona, final String triggerId, final Channel channel) {
    }

    /**
     * A command was produced by a rule but not sent.
     *
     * @param persona   the persona id
     * @param triggerId the trigger id
     * @param reason    why
     */
    default void commandSuppressed(final String persona, final String triggerId, final Suppression reason) {
    }

    /**
     * A user's timer fired.
     *
     * @param latenessMs how far past its due time (in engine time) it fired
     */
    default void timerFired(final long latenessMs) {
    }

    /**
     * A timer pass ended.
     *
     * @param visited timer entries the pass read
     * @param fired   entries that belonged to a user and were acted on
     */
    default void timerPass(final int visited, final int fired) {
    }

    /**
     * Processing a user's deadline failed; the timer was dropped.
     *
     * @param userId the user
     * @param cause  why
     */
    default void timerFailed(final String userId, final Exception cause) {
    }

    /** A product event was dropped as a repeat of an event id already seen. */
    default void duplicateEvent() {
    }

    /** A product event older than the activation window arrived; it counts as activity only. */
    default void lateEvent() {
    }

    /**
     * A record went to the dead-letter topic.
     *
     * @param topic     the topic it was read from (null for a punctuation)
     * @param partition its partition
     * @param offset    its offset
     * @param cause     why
     */
    default void deadLettered(final String topic, final int partition, final long offset, final Exception cause) {
    }
}
