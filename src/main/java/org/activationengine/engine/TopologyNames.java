package org.activationengine.engine;

/**
 * The one place that names every processor, state store and internal topic of the topology. Names are part of
 * the deployed state (changelog and repartition topics derive from them): changing one needs an application
 * reset, so they are stable constants.
 */
public final class TopologyNames {

    /** Source of signup answers. */
    public static final String SIGNUPS_SOURCE = "signups-source";
    /** Source of product events. */
    public static final String EVENTS_SOURCE = "events-source";
    /** Branch (suffix) of records whose key is their payload's user id. */
    public static final String KEY_MATCHES = "-matches";
    /** Branch (suffix) of records whose key is missing or another user's. */
    public static final String KEY_MISMATCHED = "-mismatched";
    /** Splits signups by whether their key is their user id (also the prefix of its branches). */
    public static final String SIGNUPS_KEY_CHECK = "signups-key-check";
    /** Splits events by whether their key is their user id (also the prefix of its branches). */
    public static final String EVENTS_KEY_CHECK = "events-key-check";
    /** Re-keys a signup answer by its user id. */
    public static final String SIGNUPS_REKEY = "signups-rekey";
    /** Re-keys a product event by its user id. */
    public static final String EVENTS_REKEY = "events-rekey";
    /** Repartition topic (suffix) for re-keyed signup answers. */
    public static final String SIGNUPS_BY_USER = "signups-by-user";
    /** Repartition topic (suffix) for re-keyed product events. */
    public static final String EVENTS_BY_USER = "events-by-user";
    /** Rejects misrouted signup answers to the dead-letter topic. */
    public static final String SIGNUPS_REJECT = "signups-reject-misrouted";
    /** Rejects misrouted product events to the dead-letter topic. */
    public static final String EVENTS_REJECT = "events-reject-misrouted";
    /** Merges the signup streams. */
    public static final String SIGNUPS_MERGE = "signups-merge";
    /** Merges the event streams. */
    public static final String EVENTS_MERGE = "events-merge";
    /** Merges signups and events in front of the activation processor. */
    public static final String INPUTS_MERGE = "inputs-merge";
    /** The stateful processor that keeps per-user activation state and fires triggers and timers. */
    public static final String ACTIVATION_PROCESSOR = "activation";
    /** Routes the activation processor's outputs by kind (also the prefix of its branches). */
    public static final String OUTPUTS_SPLIT = "outputs-route";
    /** Branch of email commands. */
    public static final String EMAIL_BRANCH = "-email";
    /** Branch of in-app commands. */
    public static final String IN_APP_BRANCH = "-in-app";
    /** Branch of status changes. */
    public static final String STATUS_BRANCH = "-status";
    /** Branch of count changes. */
    public static final String COUNTS_BRANCH = "-counts";
    /** Unwraps email commands. */
    public static final String EMAIL_UNWRAP = "email-commands-unwrap";
    /** Unwraps in-app commands. */
    public static final String IN_APP_UNWRAP = "in-app-commands-unwrap";
    /** Unwraps status changes. */
    public static final String STATUS_UNWRAP = "user-status-unwrap";
    /** Unwraps count changes. */
    public static final String COUNTS_UNWRAP = "count-deltas-unwrap";
    /** Sink of email commands. */
    public static final String EMAIL_SINK = "email-commands-sink";
    /** Sink of in-app commands. */
    public static final String IN_APP_SINK = "in-app-commands-sink";
    /** Sink of user status. */
    public static final String STATUS_SINK = "user-status-sink";
    /** Repartition topic (suffix) that brings every change of one persona count to one task. */
    public static final String COUNT_DELTAS_BY_PERSONA = "count-deltas-by-persona";
    /** Aggregates count changes into per persona, group and cohort day counts. */
    public static final String COUNTS_AGGREGATE = "persona-counts-aggregate";
    /** Turns count table updates into a stream. */
    public static final String COUNTS_CHANGES = "persona-counts-changes";
    /** Sink of persona counts. */
    public static final String COUNTS_SINK = "persona-counts-sink";

    /** Per-user activation state, key: user id. */
    public static final String USER_STORE = "user-activation-store";
    /** One timer per user ordered by due time, key: due time (big-endian) + user id. */
    public static final String TIMER_STORE = "activation-timer-store";
    /** Event ids seen recently, for dedupe. */
    public static final String SEEN_EVENTS_STORE = "seen-events-store";
    /** Per persona, group and cohort day counts, key: persona|group|cohort day. */
    public static final String COUNTS_STORE = "persona-counts-store";

    private TopologyNames() {
    }
}
